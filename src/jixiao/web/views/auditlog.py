"""审计日志 page (审计管理员): filtered by actor, kind, object and time, paged in the
database (100 rows a page, any page reachable), exported as CSV or xlsx."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jixiao.persistence.models import AuditEvent
from jixiao.services import audit
from jixiao.web.listing import list_page
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import http_errors

PAGE_SIZE = 100
#: Rows in one export at most (the filters narrow a bigger log).
MAX_EXPORT_ROWS = 200_000
HEADER = ("序号", "时间", "操作人", "类型", "对象", "详情", "IP", "哈希")


def _day(text: str, field: str, errors: list[str]) -> date | None:
    text = text.strip()[:20]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{field}的日期格式应为 2024-01-31")
        return None


def _filters(request: HttpRequest) -> tuple[audit.AuditFilter, list[str]]:
    get = request.GET
    errors: list[str] = []
    since = _day(get.get("since", ""), "开始日期", errors)
    until = _day(get.get("until", ""), "结束日期", errors)
    zone = timezone.get_current_timezone()
    return audit.AuditFilter(
        actor=get.get("actor", "").strip()[:150], kind=get.get("kind", "").strip()[:40],
        target=get.get("target", "").strip()[:300],
        since=datetime.combine(since, time(), zone) if since else None,
        # the end day is included: up to the start of the next day
        until=datetime.combine(until + timedelta(days=1), time(), zone) if until else None,
    ), errors


@login_required
@require_GET
@http_errors
def audit_log(request: AuthedRequest) -> HttpResponse:
    filters, errors = _filters(request)
    events = audit.audit_query(actor=request.user, filters=filters)
    lst = list_page(request, events, sort="", page_size=PAGE_SIZE)
    return render(request, "jixiao/audit.html", {
        "lst": lst, "page": lst.page, "events": lst.rows, "errors": errors, "filters": filters,
        "form": request.GET, "kinds": audit.audit_kinds(actor=request.user), "query": lst.query,
    })


def _rows(events: QuerySet[AuditEvent]) -> Iterator[tuple[str, ...]]:
    for e in events[:MAX_EXPORT_ROWS].iterator(chunk_size=2000):
        yield (str(e.seq or ""), timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor,
               e.kind, e.target, e.detail, e.ip, e.sha256)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
@http_errors
def audit_export(request: AuthedRequest, fmt: str) -> HttpResponseBase:
    """The filtered log as CSV (UTF-8 with BOM, for Excel) or xlsx; the export is audited."""
    filters, _ = _filters(request)
    events = audit.audit_query(actor=request.user, filters=filters)
    audit.audit_record(kind="audit_exported", actor=request.user.get_username(),
                       detail=f"{fmt}: {request.GET.urlencode()[:200]}", ip=client_ip(request))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow(row) for row in _rows(events))
        response: HttpResponseBase = StreamingHttpResponse(
            _prefixed("\ufeff" + writer.writerow(HEADER), lines),
            content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("审计日志")
        sheet.append(HEADER)
        for row in _rows(events):
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.{fmt}"'
    return response


def _prefixed(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
