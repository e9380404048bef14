"""The web layer's request types (`jixiao.web.requests`) say only what the decorators
guarantee. mypy lets a view annotated `AuthedRequest` use `request.user` as a signed-in
account, and one annotated `ApiRequest` read `request.auth.token`; these tests check that
each such view really is behind the login (anonymous → login page) or the bearer token, so
the annotation cannot drift away from the decorator.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def _patterns(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def _request_type(view: Callable[..., Any]) -> str:
    """The name of the annotation of the view function's `request` (under every decorator;
    a string in modules with postponed annotations, else the class)."""
    annotation = inspect.unwrap(view).__annotations__.get("request", "")
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")


def _url(route: str) -> str:
    """A concrete URL of a route: 1 for numbers, "x" for text (the login check comes first,
    so no object needs to exist)."""
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) == "int" else "x", route)


def test_views_annotated_authed_are_behind_the_login(client):
    authed = [(route, p) for route, p in _patterns(get_resolver().url_patterns)
              if not route.startswith("api/") and _request_type(p.callback) == "AuthedRequest"]
    assert len(authed) > 40, "the views behind the login are annotated AuthedRequest"
    for route, p in authed:
        url = _url(route)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, f"{method.upper()} {url} ({p.name})"
            assert response["Location"].startswith("/login/"), f"{url} ({p.name})"


def test_api_operations_annotated_api_request_need_the_bearer_token():
    from jixiao.web.api import api, bearer

    operations = [op for _, router in api._routers for view in router.path_operations.values()
                  for op in view.operations]
    typed = [op for op in operations if _request_type(op.view_func) == "ApiRequest"]
    assert len(typed) > 15
    for op in typed:
        assert bearer in op.auth_callbacks, inspect.unwrap(op.view_func).__name__
    # the others are the public ones and the token exchange: they never read request.user
    for op in operations:
        if op not in typed:
            assert not op.auth_callbacks, inspect.unwrap(op.view_func).__name__
            assert _request_type(op.view_func) == "HttpRequest"


def test_anonymous_api_call_is_refused_before_the_view(client):
    """django-ninja answers 401 itself: the view never sees a request without an account."""
    response = client.get("/api/v1/projects")
    assert response.status_code == 401
    assert response.json()["ok"] is False
