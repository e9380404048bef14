"""Request types of the web layer: what a view behind the login may assume of ``request.user``.

Django types ``request.user`` as ``User | AnonymousUser``; behind ``login_required`` (pages)
or ``auth=bearer`` (API) it is always a signed-in account. These classes say so to mypy
only: Django still passes its own request object. `tests/web/test_permission_matrix.py`
checks that every view annotated with them is behind the login (anonymous requests are sent
to the login page or answered 401), so the annotation cannot drift from the decorator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from jixiao.persistence.models import User


class AuthedRequest(HttpRequest):
    """A page request that passed ``login_required``: ``user`` is a signed-in account."""

    user: User


@dataclass(frozen=True, slots=True)
class BearerAuth:
    """Who an API request is and the token it came with (kept for ``/auth/logout``)."""

    user: User
    token: str


class ApiRequest(AuthedRequest):
    """An API request that passed the bearer token check: ``BearerToken.authenticate`` set
    ``user``, and django-ninja set ``auth`` to what it returned."""

    auth: BearerAuth
