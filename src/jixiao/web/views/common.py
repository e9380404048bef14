"""Shared view helpers: mapping service errors to HTTP answers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from jixiao.services.errors import Conflict, Forbidden, Invalid, NotFound, StaleVersion
from jixiao.web.templatetags.jixiao_tags import slug

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def http_errors(view: Callable[P, R]) -> Callable[P, R]:
    """NotFound → 404 page, Forbidden → 403 page; other service errors stay for the view."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return view(*args, **kwargs)
        except NotFound:
            raise Http404("未找到") from None
        except Forbidden as err:
            raise PermissionDenied(err.message) from None

    return wrapper


def flash_errors(request: HttpRequest, err: Invalid | Conflict, limit: int | None = None) -> None:
    """Show a service error on the next page: its message, then each field message."""
    messages.error(request, err.message)
    for item in err.errors[:limit]:
        messages.error(request, item["message"])


def int_or_none(value: str | None) -> int | None:
    """A form field as a whole number, or None when it is empty or not a number."""
    try:
        return int(value or "")
    except ValueError:
        return None


def posted_version(request: HttpRequest) -> int | None:
    """The project version a page was rendered from (hidden field / htmx parameter
    ``version``), or None when the request did not send one."""
    return int_or_none(request.POST.get("version"))


#: Response header carrying a project's new version after a successful htmx save; the page
#: script keeps it and sends it with the next save (CONTRACTS.md §7).
VERSION_HEADER = "X-Project-Version"


def with_version(response: HttpResponse, version: int) -> HttpResponse:
    response[VERSION_HEADER] = str(version)
    return response


def field_error_response(request: HttpRequest, err: Invalid | Conflict, path: str) -> HttpResponse:
    """An htmx answer that shows a field's errors in place (beside ``#err-<slug(path)>``);
    a stale version instead shows the conflict notice, with a reload link, at the top."""
    if isinstance(err, StaleVersion):
        response = render(request, "jixiao/_conflict.html", {"message": err.message}, status=409)
        response["HX-Retarget"] = "#page-alert"
        response["HX-Reswap"] = "innerHTML"
        return response
    response = render(request, "jixiao/_field_error.html",
                      {"messages": [e["message"] for e in err.errors] or [err.message]},
                      status=err.status)
    response["HX-Retarget"] = f"#err-{slug(path)}"
    response["HX-Reswap"] = "innerHTML"
    return response
