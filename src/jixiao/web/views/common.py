"""Shared view helpers: mapping service errors to HTTP answers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from jixiao.services.errors import Conflict, Forbidden, Invalid, NotFound


def http_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound → 404 page, Forbidden → 403 page; other service errors stay for the view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
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
