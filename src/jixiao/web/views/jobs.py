"""Background jobs: start one (batch render, folder audit, batch import, re-scoring, batch
publication), watch its progress (an htmx fragment polled every second) and download
its output."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.rulesets import RULESETS
from jixiao.services import jobs
from jixiao.services.errors import Invalid
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, int_or_none

#: Largest uploaded folder (zip) accepted for a batch audit or import.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


@login_required
@require_GET
@http_errors
def job_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    startable = {kind: spec.label for kind, spec in jobs.KINDS.items()
                 if spec.roles and getattr(user, "role", "") in spec.roles}
    return render(request, "jixiao/jobs.html", {
        "jobs": jobs.job_list(actor=user), "startable": startable,
        "rulesets": sorted(RULESETS)})


@login_required
@require_POST
@http_errors
def job_start(request: AuthedRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")[:40]
    params: dict[str, object] = {}
    year = int_or_none(request.POST.get("year"))
    if year is not None:
        params["year"] = year
    if kind == "render_batch":
        params["kind"] = request.POST.get("doc", "report")[:10]
        params["fmt"] = request.POST.get("fmt", "pdf")[:10]
    if kind == "rescore" and request.POST.get("ruleset") in RULESETS:
        params["ruleset"] = request.POST["ruleset"]
    upload = None
    if kind in ("audit_folder", "import_batch"):
        file = request.FILES.get("file")
        if file is None or file.size is None or file.size > MAX_UPLOAD_BYTES:
            messages.error(request, "请选择一个 zip 压缩包（最大 100 MB）")
            return redirect("jobs")
        upload = file.read()
    try:
        job = jobs.job_enqueue(actor=request.user, kind=kind, params=params, upload=upload)
    except Invalid as err:
        flash_errors(request, err)
        return redirect("jobs")
    messages.success(request, f"已提交后台任务「{jobs.KINDS[kind].label}」")
    return redirect("job_detail", job_id=job.pk)


@login_required
@require_GET
@http_errors
def job_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = jobs.job_get(actor=request.user, job_id=job_id)
    return render(request, "jixiao/job_detail.html", {"job": job, "kinds": jobs.KINDS})


@login_required
@require_GET
@http_errors
def job_status(request: AuthedRequest, job_id: int) -> HttpResponse:
    """The status fragment; it stops polling itself once the job has finished."""
    job = jobs.job_get(actor=request.user, job_id=job_id)
    response = render(request, "jixiao/_job_status.html",
                      {"job": job, "refresh": request.GET.get("refresh") == "1"})
    if job.finished and request.GET.get("refresh") == "1":
        response["HX-Refresh"] = "true"  # the page shows the job's outcome: reload it
    return response


@login_required
@require_GET
@http_errors
def job_download(request: AuthedRequest, job_id: int) -> FileResponse:
    name, path = jobs.job_file(actor=request.user, job_id=job_id)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Disposition"] = (
        f"attachment; filename=\"jixiao-job-{job_id}{path.suffix or '.' + name.rsplit('.', 1)[-1]}\"; "
        f"filename*=UTF-8''{quote(name)}")
    return response
