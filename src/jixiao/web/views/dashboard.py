"""统计分析 (dashboards): the charts page, and each chart's numbers as xlsx
(`?download=<chart>` with the same filters). Thin: filters are read from the query string,
everything else is `services.dashboard`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.persistence.models import Project
from jixiao.services import dashboard
from jixiao.services.exports import XLSX
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import http_errors, int_or_none


def _filters(request: HttpRequest) -> dashboard.Filters:
    query = request.GET
    state = query.get("state") or None
    return dashboard.Filters(
        year=int_or_none(query.get("year")), department_id=int_or_none(query.get("department")),
        unit_id=int_or_none(query.get("unit")),
        state=state if state in dict(Project.State.choices) else None)


@login_required
@require_GET
@http_errors
def dashboard_page(request: AuthedRequest) -> HttpResponse:
    filters = _filters(request)
    board = dashboard.dashboard_get(actor=request.user, filters=filters)
    chart = request.GET.get("download")
    if chart is None and request.GET.get("format") == "xlsx":  # the earlier link form
        chart = request.GET.get("chart", "")
    if chart is not None:  # one chart's numbers as xlsx (same filters)
        if chart not in dashboard.CHARTS:
            raise Http404("未找到")
        response = HttpResponse(dashboard.dashboard_xlsx(board, chart), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="dashboard-{chart}.xlsx"'
        return response
    keep = urlencode({k: v for k, v in (("year", filters.year),
                                         ("department", filters.department_id),
                                         ("unit", filters.unit_id),
                                         ("state", filters.state)) if v is not None})
    return render(request, "jixiao/dashboard/dashboard.html", {
        "board": board, "filters": filters, "states": Project.State.choices, "keep": keep,
        "charts": [(name, board.tables[name]) for name in dashboard.CHARTS],
        "data": {name: dashboard.chart_series(board.tables[name]) for name in dashboard.CHARTS},
    })
