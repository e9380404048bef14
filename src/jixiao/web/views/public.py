"""信息公开: the public portal (no login) — list and search, read page with the seed's
page-header metadata, PDF downloads — and the finance bureau's 公开管理 page with publish,
correct and withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.persistence import selectors_disclosure as sel
from jixiao.persistence.selectors_results import GRADES
from jixiao.services import public
from jixiao.services.access import department_choices
from jixiao.services.errors import Conflict, Gone, Invalid
from jixiao.web.listing import MAX_EXPORT_ROWS, list_filters, list_page, list_sort, xlsx_response
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, int_or_none

PAGE_SIZE = 20


def _gone(request: HttpRequest, err: Gone) -> HttpResponse:
    return render(request, "jixiao/error.html",
                  {"code": 410, "title": "已撤回", "text": err.message}, status=410)


@require_GET
def public_reports(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    unit = request.GET.get("unit", "").strip()[:100]
    year = int_or_none(request.GET.get("year"))
    rows = public.public_report_list(q=q, year=year, unit=unit)
    lst = list_page(request, rows, sort="", page_size=PAGE_SIZE)
    return render(request, "jixiao/public_reports.html",
                  {"lst": lst, "page": lst.page, "reports": lst.rows, "q": q, "unit": unit,
                   "year": year or "", "query": lst.query})


@require_GET
@http_errors
def public_report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    """The read page of one publication version; ``?format=docx|html`` still downloads the
    report rendered from the snapshot and ``?format=pdf`` the stored PDF (old links)."""
    fmt = request.GET.get("format", "")[:10]
    try:
        if fmt == "pdf":
            return public_report_file(request, report_id, "report")
        if fmt:
            report, content_type, data = public.public_report_render(report_id=report_id,
                                                                     fmt=fmt)
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = (f'attachment; filename="{report.index_number}'
                                               f'.{fmt}"'.replace("/", "_"))
            return response
    except Gone as err:
        return _gone(request, err)
    report, versions = public.public_report_get(report_id=report_id)
    return render(request, "jixiao/public_report.html",
                  {"report": report, "versions": versions,
                   "current": versions[-1], "files": {f.kind: f for f in report.files.all()}})


@require_GET
@http_errors
def public_report_file(request: HttpRequest, report_id: int, kind: str) -> HttpResponse:
    try:
        stored = public.public_report_file(report_id=report_id, kind=kind)
    except Gone as err:
        return _gone(request, err)
    name = "自评报告" if kind == "report" else "自评表"
    safe = stored.report.index_number.replace("/", "_")
    response = HttpResponse(bytes(stored.data), content_type=stored.content_type)
    response["Content-Disposition"] = (f"attachment; filename=\"{safe}-{kind}.pdf\"; "
                                       f"filename*=UTF-8''{_quote(safe + '-' + name)}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


@login_required
@require_POST
@http_errors
def report_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        report = public.report_publish(actor=request.user, project_id=pk,
                                       document_number=request.POST.get("document_number", ""),
                                       keywords=request.POST.get("keywords", ""),
                                       ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"已公开，索引号 {report.index_number}")
    if request.POST.get("next") == "disclosure":
        return redirect("disclosure")
    return redirect("project_detail", pk=pk)


@login_required
@require_GET
@http_errors
def disclosure(request: AuthedRequest) -> HttpResponse:
    """公开管理 (finance bureau): what waits for publication and its deadline, and what is
    published, with correct and withdraw."""
    filters = list_filters(request)
    sort = list_sort(request, sel.PUBLICATION_ORDERS, "-published")
    status = request.GET.get("status", "")[:20]
    rows = public.managed_publications(
        actor=request.user, q=filters.q, year=filters.year, department_id=filters.department_id,
        status=status, grade=filters.grade, sort=sort)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(request, "已公开报告.xlsx", "已公开报告", public.PUBLICATION_HEADERS,
                             public.publication_table(rows[:MAX_EXPORT_ROWS]))
    lst = list_page(request, rows, sort=sort)
    queue, waiting = public.publication_queue(actor=request.user)
    return render(request, "jixiao/disclosure.html",
                  {"queue": queue, "waiting": waiting, "lst": lst,
                   "page": lst.page, "reports": lst.rows, "filters": filters,
                   "departments": department_choices(request.user), "grades": GRADES,
                   "statuses": sel.PUBLICATION_STATUSES, "status": status})


@login_required
@require_POST
@http_errors
def report_correct(request: AuthedRequest, report_id: int) -> HttpResponse:
    try:
        report = public.report_correct(actor=request.user, report_id=report_id,
                                       note=request.POST.get("note", ""),
                                       document_number=request.POST.get("document_number"),
                                       keywords=request.POST.get("keywords"),
                                       ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"已发布更正版（第{report.version}版），索引号 {report.index_number}")
    return redirect("disclosure")


@login_required
@require_POST
@http_errors
def report_withdraw(request: AuthedRequest, report_id: int) -> HttpResponse:
    try:
        report = public.report_withdraw(actor=request.user, report_id=report_id,
                                        reason=request.POST.get("reason", ""),
                                        ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"已撤回 {report.index_number}；公开页保留记录并注明撤回")
    return redirect("disclosure")
