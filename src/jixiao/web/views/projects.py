"""Projects and the self-evaluation entry page with the live score (htmx)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.indicators import QualitativeGrade
from jixiao.domain.money import format_percent, round_half_up
from jixiao.persistence.models import Project
from jixiao.persistence.selectors_results import GRADES, ORDERS
from jixiao.services import (
    documents,
    evaluations,
    evidence,
    excel_entry,
    jobs,
    public,
    target_changes,
    targets,
    workflow,
)
from jixiao.services.errors import Conflict, Invalid
from jixiao.services.evaluations import FUND_ROWS
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.templatetags.jixiao_tags import slug
from jixiao.web.views.common import (
    field_error_response,
    flash_errors,
    http_errors,
    int_or_none,
    posted_version,
    with_version,
)


@login_required
@require_GET
@http_errors
def project_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET
    grade = query.get("grade") or None
    state = query.get("state") or None
    order = query.get("order") or "year"
    view = evaluations.project_overview(
        actor=request.user, year=int_or_none(query.get("year")),
        grade=grade if grade in GRADES else None,
        state=state if state in dict(Project.State.choices) else None,
        order=order if order in ORDERS else "year", page=int_or_none(query.get("page")) or 1)
    overview = {"states": list(view.counts), "state_counts": list(view.counts.values()),
                "grades": list(view.grade_counts),
                "grade_counts": list(view.grade_counts.values())}
    filters = {k: query.get(k, "") for k in ("year", "grade", "state", "order")}
    keep = "&".join(f"{k}={quote(v)}" for k, v in filters.items() if v)
    return render(request, "jixiao/project_list.html",
                  {"rows": view.rows, "counts": view.counts, "overview": overview, "view": view,
                   "filters": filters, "keep": keep, "years": view.years, "grades": GRADES,
                   "states": Project.State.choices,
                   "orders": [("year", "年度"), ("score_desc", "总分从高到低"),
                              ("score_asc", "总分从低到高"), ("findings", "核查发现多的在前")]})


def _detail_context(request: AuthedRequest, view: evaluations.EvaluationView) -> dict[str, object]:
    user = request.user
    rows = view.indicator_rows()
    transitions = list(workflow.transition_list(actor=user,
                                                project_id=view.project.pk))
    published, deadline = public.publication_status(actor=user, project=view.project)
    for row in rows:
        row["index_str"] = str(row["index"])
    return {
        "view": view,
        "project": view.project,
        "rows": rows,
        "fund_rows": list(FUND_ROWS.items()),
        "fund_cols": ["initial_budget", "full_year_budget", "executed"],
        "grades": [(g.value, g.label) for g in QualitativeGrade],
        "can_edit": evaluations.may_edit(user, view.project),
        "steps": workflow.available_steps(user, view.project),
        "transitions": transitions,
        "published": published,
        "publication_deadline": deadline,
        "can_publish": public.may_publish(user, view.project),
        "can_delete": targets.may_delete(user, view.project),
        "targets_changed_late": target_changes.changed_after_actuals(view.project),
        "evidence": evidence.evidence_list(actor=user, project_id=view.project.pk),
        "audit_transition": next((t for t in reversed(transitions) if t.action == "submit"),
                                 None),
        "chart": _chart(view),
        "audit_job": jobs.project_jobs(view.project, "submission_audit").first(),
    }


def _chart(view: evaluations.EvaluationView) -> dict[str, object]:
    """Rows of the score table and the data of the ECharts bar chart (as strings)."""
    if view.scored is None:
        return {}
    execution = view.scored.budget_execution
    rate = "—" if execution.rate is None else format_percent(execution.rate)
    rows = [{"name": f"预算执行率（{rate}）", "weight": str(execution.weight),
             "score": str(execution.score)}]
    for name, cat in view.scored.categories.items():
        rows.append({"name": name, "weight": str(cat.weight),
                     "score": str(round_half_up(cat.score, 2))})
    return {"names": [r["name"] for r in rows], "weights": [r["weight"] for r in rows],
            "scores": [r["score"] for r in rows], "rows": rows}


@login_required
@require_GET
@http_errors
def project_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    view = evaluations.evaluation_get(actor=request.user, project_id=pk)
    workflow.department_opened(actor=request.user, project=view.project)
    return render(request, "jixiao/project_detail.html", _detail_context(request, view))


@login_required
@require_POST
@http_errors
def field_update(request: AuthedRequest, pk: int) -> HttpResponse:
    """htmx: save one field; answer the score panel plus out-of-band row updates."""
    path = request.POST.get("path", "")[:100]
    try:
        view = evaluations.evaluation_update_field(
            actor=request.user, project_id=pk, path=path,
            value=request.POST.get("value", ""), version=posted_version(request))
    except (Invalid, Conflict) as err:
        return field_error_response(request, err, path)
    context = _detail_context(request, view)
    context["field_ok"] = f"err-{slug(path)}"
    return with_version(render(request, "jixiao/_live.html", context), view.project.version)


@login_required
@require_POST
@http_errors
def project_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        transition = workflow.evaluation_transition(
            actor=request.user, project_id=pk,
            action=request.POST.get("action", "")[:30],
            comment=request.POST.get("comment", ""), ip=client_ip(request),
            version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        step = workflow.STEPS[transition.action]
        messages.success(request, f"已{step.label}。快照 SHA-256：{transition.snapshot_sha256}")
    return redirect("project_detail", pk=pk)


@login_required
@require_GET
@http_errors
def project_history(request: AuthedRequest, pk: int) -> HttpResponse:
    view = evaluations.evaluation_get(actor=request.user, project_id=pk)
    changes = evaluations.evaluation_history(actor=request.user, project_id=pk)
    return render(request, "jixiao/project_history.html",
                  {"project": view.project, "changes": changes,
                   "transitions": workflow.transition_list(actor=request.user,
                                                           project_id=pk)})


@login_required
@require_GET
@http_errors
def project_export(request: AuthedRequest, pk: int) -> HttpResponse:
    filename, text = evaluations.evaluation_export(actor=request.user, project_id=pk)
    response = HttpResponse(text, content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
@http_errors
def project_import(request: AuthedRequest, pk: int) -> HttpResponse:
    upload = request.FILES.get("file")
    text, problem = evaluations.upload_text(
        upload.read(evaluations.MAX_IMPORT_BYTES + 1) if upload is not None else None)
    try:
        # The service checks scope and editability before it looks at the file.
        evaluations.evaluation_import(actor=request.user, project_id=pk,
                                      text=text, upload_problem=problem,
                                      version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "已导入自评文件")
    return redirect("project_detail", pk=pk)


@login_required
@require_GET
@http_errors
def project_document(request: AuthedRequest, pk: int) -> HttpResponse:
    """Download the 自评表 or 自评报告 (?kind=table|report&format=xlsx|docx|pdf|html)."""
    try:
        filename, content_type, content = documents.document_render(
            actor=request.user, project_id=pk,
            kind=request.GET.get("kind", "report")[:10],
            fmt=request.GET.get("format", "pdf")[:10])
    except Invalid as err:
        flash_errors(request, err)
        return redirect("project_detail", pk=pk)
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266: a plain ASCII fallback plus the UTF-8 name.
    ascii_name = f"jixiao-{pk}-{request.GET.get('kind', 'report')[:10]}.{filename.rsplit('.', 1)[-1]}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}")
    return response


@login_required
@require_GET
@http_errors
def entry_template(request: AuthedRequest, pk: int) -> HttpResponse:
    """Download the 自评表 entry template pre-filled for this project."""
    filename, data = excel_entry.entry_template(actor=request.user, project_id=pk)
    response = HttpResponse(data, content_type=documents.FORMATS["table"]["xlsx"])
    response["Content-Disposition"] = (
        f"attachment; filename=\"jixiao-{pk}-entry.xlsx\"; filename*=UTF-8''{quote(filename)}")
    return response


@login_required
@require_POST
@http_errors
def entry_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a filled template: all cells valid → applied; otherwise nothing is written."""
    upload = request.FILES.get("file")
    data = upload.read(excel_entry.MAX_BYTES + 1) if upload is not None else b""
    try:
        result = excel_entry.entry_upload(actor=request.user, project_id=pk, data=data,
                                          version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err, limit=50)
    else:
        messages.success(request, f"已导入填报模板，更新了 {result.changed} 个字段")
        if result.cleared:
            messages.warning(request, f"已按「清空」清除 {len(result.cleared)} 个字段的值："
                                      + "、".join(result.cleared))
    return redirect("project_detail", pk=pk)
