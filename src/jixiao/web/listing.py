"""Server-side lists in the web pages: one way to read the page and sort parameters, page a
queryset in the database, build the links of the pager and of sortable column headers, and
answer an xlsx export. Used by the audit log, 抽查, 问题整改, 公开管理 and 结果应用.

Filters stay with each list (their fields differ); everything a list's links must keep is
the request's own query string, so a filtered, sorted list pages and exports as shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse

from jixiao.persistence.selectors_lists import Orders, sort_key
from jixiao.persistence.selectors_results import GRADES
from jixiao.services.exports import XLSX, list_export
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest

PAGE_SIZE = 50
#: Rows in one export at most (the filters narrow a bigger list).
MAX_EXPORT_ROWS = 50_000


@dataclass(frozen=True)
class ListFilters:
    """The filters most lists share, read from the query string: text search ``q``,
    ``year``, ``department`` (id) and ``grade`` (优/良/中/差, or ``none`` for not graded)."""

    q: str = ""
    year: int | None = None
    department_id: int | None = None
    grade: str | None = None


def list_filters(request: HttpRequest) -> ListFilters:
    """The shared filters of a list request; values that are not valid are ignored."""
    get = request.GET
    grade = get.get("grade", "")
    return ListFilters(q=get.get("q", "").strip()[:100], year=_int(get.get("year", "")),
                       department_id=_int(get.get("department", "")),
                       grade="" if grade == "none" else grade if grade in GRADES else None)


def _int(text: str) -> int | None:
    text = text.strip()[:12]
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class ListPage:
    """One page of a list and what its links need."""

    page: Page[Any]
    sort: str
    #: The request's parameters without ``page`` (pager links) and without ``page`` and
    #: ``sort`` (column header links), url-encoded.
    query: str
    base: str

    @property
    def rows(self) -> Any:
        return self.page.object_list


def list_sort(request: HttpRequest, orders: Orders, default: str) -> str:
    """The list's ``sort`` parameter when it names one of `orders`, else `default`."""
    return sort_key(orders, request.GET.get("sort", "")[:40], default)


def list_page(request: HttpRequest, rows: Any, *, sort: str,
              page_size: int = PAGE_SIZE) -> ListPage:
    """Page `rows` (an ordered queryset) by the ``page`` parameter: a number (out of range
    → the nearest page) or ``last``. One COUNT and one LIMIT/OFFSET query."""
    paginator = Paginator(rows, page_size)
    number = request.GET.get("page", "1")[:12]
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    encoded = query.urlencode()
    query.pop("sort", None)
    return ListPage(page=page, sort=sort, query=encoded, base=query.urlencode())


def export_filters(request: HttpRequest) -> str:
    """The list parameters an export was asked with, as the audit log keeps them: the query
    string without ``format`` and ``page`` (an export holds every page), not url-encoded."""
    return "&".join(f"{key}={value}" for key, values in request.GET.lists()
                    if key not in ("format", "page") for value in values)[:500]


def xlsx_response(request: AuthedRequest, filename: str, title: str, headers: Sequence[str],
                  rows: Iterable[Sequence[object]]) -> HttpResponse:
    """An xlsx download of one list (`services.exports.list_export`: exact numbers, text as
    text; written to the audit log with the actor, the list `title`, the row count and
    `export_filters`); `filename` may be Chinese (RFC 6266 ``filename*``)."""
    data = list_export(actor=request.user, list_name=title, headers=headers, rows=rows,
                       filters=export_filters(request), ip=client_ip(request))
    response = HttpResponse(data, content_type=XLSX)
    ascii_name = filename.encode("ascii", "ignore").decode() or "export.xlsx"
    response["Content-Disposition"] = (f'attachment; filename="{ascii_name}"; '
                                       f"filename*=UTF-8''{quote(filename)}")
    return response
