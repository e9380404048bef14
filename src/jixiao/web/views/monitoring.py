"""运行监控 page: the red/yellow/green warnings on a date, and the form for one period."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.money import format_percent
from jixiao.domain.monitoring import DEVIATION_CAUSES, Completion
from jixiao.services import evaluations, monitoring
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, posted_version


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


@login_required
@require_GET
@http_errors
def monitoring_page(request: AuthedRequest, pk: int) -> HttpResponse:
    view = monitoring.monitoring_get(actor=request.user, project_id=pk,
                                     as_of=_date(request.GET.get("as_of")))
    result = view.result
    execution = None
    if result is not None:
        e = result.execution
        execution = {"light": e.light, "budget": e.budget, "executed": e.executed,
                     "rate": format_percent(e.rate) if e.rate is not None else "—",
                     "time_progress": format_percent(e.time_progress),
                     "ratio": format_percent(e.ratio, 1) if e.ratio is not None else "—"}
    indicators = view.project.document.get("indicators", [])
    # the form shows what is stored for this date, so saving it again keeps it (issue 9)
    stored = next((s for s in view.snapshots if str(s.get("as_of")) == view.as_of.isoformat()), {})
    progress = {str(p.get("name")): p for p in stored.get("indicators") or []}
    return render(request, "jixiao/monitoring.html", {
        "project": view.project, "view": view, "result": result, "execution": execution,
        "stored": stored,
        "indicators": [dict(raw, index=i, entry=progress.get(str(raw.get("name")), {}))
                       for i, raw in enumerate(indicators)],
        "completions": [(c.value, c.label) for c in Completion],
        "causes": DEVIATION_CAUSES,
        "can_edit": evaluations.may_edit(request.user, view.project),
    })


@login_required
@require_POST
@http_errors
def monitoring_save(request: AuthedRequest, pk: int) -> HttpResponse:
    post = request.POST
    rows = []
    for i, name in enumerate(post.getlist("name")[:60]):
        completion = post.get(f"completion_{i}", "")
        if not completion:
            continue  # an indicator without a judgement this period
        rows.append({"name": name, "progress": post.get(f"progress_{i}", "").strip() or None,
                     "expected_actual": post.get(f"expected_{i}", "").strip() or None,
                     "completion": completion, "causes": post.getlist(f"causes_{i}")[:5],
                     "reason": post.get(f"reason_{i}", "").strip()[:2000]})
    snapshot = {"as_of": post.get("as_of", ""), "executed": post.get("executed", "").strip(),
                "expected_full_year": post.get("expected_full_year", "").strip(),
                "goal_progress": post.get("goal_progress", "").strip()[:4000],
                "indicators": rows}
    try:
        view = monitoring.monitoring_snapshot_save(actor=request.user,
                                                   project_id=pk, snapshot=snapshot,
                                                   version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
        return redirect("project_monitoring", pk=pk)
    messages.success(request, "监控数据已保存")
    return redirect(f"/projects/{pk}/monitoring/?as_of={view.as_of.isoformat()}")
