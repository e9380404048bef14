"""Request middleware: idle session timeout (等保 登录超时) and security headers (CSP)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from jixiao.services.accounts import account_logout

_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def client_ip(request: HttpRequest) -> str:
    """The peer address (no X-Forwarded-For: it is client-controlled)."""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


class IdleTimeoutMiddleware:
    """Log the user out after SESSION_IDLE_MINUTES without a request.

    The session cookie also expires after that long (SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST); this check makes the server side authoritative and
    writes the timeout to the audit log.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get("last_seen")
            if isinstance(last, int | float) and now - last > settings.SESSION_IDLE_MINUTES * 60:
                account_logout(actor=user, ip=client_ip(request), reason="session_timeout")
                logout(request)
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = settings.LOGIN_URL
                    return response
                return HttpResponseRedirect(f"{settings.LOGIN_URL}?timeout=1")
            request.session["last_seen"] = now
        return self.get_response(request)


class PasswordChangeMiddleware:
    """After an administrator set the password, the user must change it first: every page
    except the password form, logout and static files redirects there."""

    ALLOWED = ("/password/", "/logout/", "/static/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and getattr(user, "must_change_password", False)
                and not request.path.startswith(self.ALLOWED)):
            return HttpResponseRedirect("/password/?required=1")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: only this server's scripts, styles and images."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The bundled API documentation page (Swagger UI) uses inline set-up code.
        if not request.path.startswith("/api/v1/docs"):
            response.setdefault("Content-Security-Policy", _CSP)
        return response
