"""信息公开: the public list of published reports and their downloads (no login), and the
finance bureau's publish action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.persistence.routing import read_alias
from jixiao.services import public
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.middleware import client_ip
from jixiao.web.views.common import http_errors


@require_GET
def public_reports(request: HttpRequest) -> HttpResponse:
    # 50 a page: a region publishes thousands of reports a year (snapshots not loaded here)
    reports = public.public_report_list().using(read_alias()).defer("snapshot")
    page = Paginator(reports, 50).get_page(
        request.GET.get("page"))
    return render(request, "jixiao/public_reports.html", {"reports": page, "page": page})


@require_GET
@http_errors
def public_report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    fmt = request.GET.get("format", "pdf")[:10]
    report, content_type, data = public.public_report_render(report_id=report_id, fmt=fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.index_number}.{fmt}"'
    return response


@login_required
@require_POST
@http_errors
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        report = public.report_publish(actor=request.user, project_id=pk,
                                       document_number=request.POST.get("document_number", ""),
                                       ip=client_ip(request))
    except (Invalid, Conflict) as err:
        messages.error(request, err.message)
    else:
        messages.success(request, f"已公开，索引号 {report.index_number}")
    return redirect("project_detail", pk=pk)
