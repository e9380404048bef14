"""统计分析: ECharts dashboards (vendored echarts.min.js) and each chart as xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.services import dashboard as dash
from jixiao.services.exports import XLSX, table_xlsx
from jixiao.web.views.common import http_errors, int_or_none


def _json(value: object) -> object:
    return str(value) if value is not None and not isinstance(value, int | str) else value


@login_required
@require_GET
@http_errors
def dashboard(request: HttpRequest) -> HttpResponse:
    year = int_or_none(request.GET.get("year"))
    department = int_or_none(request.GET.get("department"))
    charts = dash.dashboard(actor=request.user, year=year, department_id=department)
    chart = request.GET.get("chart", "")
    if request.GET.get("format") == "xlsx":
        if chart not in charts:
            raise Http404("未找到")
        c = charts[chart]
        response = HttpResponse(table_xlsx(c.title, c.headers, c.rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="dashboard-{chart}.xlsx"'
        return response
    data = {name: {"title": c.title, "kind": c.kind, "headers": list(c.headers),
                   "plot": list(c.plot),
                   "rows": [[_json(v) for v in row] for row in c.rows]}
            for name, c in charts.items()}
    return render(request, "jixiao/dashboard.html",
                  {"charts": charts, "data": data, "year": year or "",
                   "department": department or "", "query": request.GET.urlencode()})
