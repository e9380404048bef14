"""Request middleware: idle session timeout (等保 登录超时), security headers (CSP), and the
API's one JSON error shape for errors raised outside django-ninja's handlers (405 …)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from jixiao.services.accounts import account_logout

_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


#: Paths of the JSON API (bearer tokens; no browser session).
API_PREFIX = "/api/"


def client_ip(request: HttpRequest) -> str:
    """The peer address (no X-Forwarded-For: it is client-controlled)."""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


class IdleTimeoutMiddleware:
    """Log the user out after SESSION_IDLE_MINUTES without a request.

    The session itself lives longer (SESSION_COOKIE_AGE = JIXIAO_SESSION_MAX_HOURS), so this
    check is what ends an idle session: it writes the timeout to the audit log and tells the
    user why. Time comes from `django.utils.timezone.now`, the clock Django's session
    expiry uses too, so that tests can advance one clock for both.

    The time of the last request is written to the session at most once a minute
    (`TOUCH_SECONDS`): writing it on every request made every page and API call an
    UPDATE and a commit of the session row, for a limit counted in minutes.
    """

    #: Seconds after which a request refreshes the stored time of the last activity.
    TOUCH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            # the API authenticates by bearer token alone: a browser session is neither
            # read nor kept alive by API calls (and costs them no session queries)
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = timezone.now().timestamp()
            last = request.session.get("last_seen")
            if isinstance(last, int | float) and now - last > settings.SESSION_IDLE_MINUTES * 60:
                account_logout(actor=user, ip=client_ip(request), reason="session_timeout")
                logout(request)
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = settings.LOGIN_URL
                    return response
                return HttpResponseRedirect(f"{settings.LOGIN_URL}?timeout=1")
            if not isinstance(last, int | float) or now - last >= self.TOUCH_SECONDS:
                request.session["last_seen"] = now
        return self.get_response(request)


class PasswordChangeMiddleware:
    """After an administrator set the password, the user must change it first: every page
    except the password form, logout and static files redirects there."""

    ALLOWED = ("/password/", "/logout/", "/static/", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.ALLOWED):  # first: no session read for these paths
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and getattr(user, "must_change_password", False)):
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


class ApiErrorShapeMiddleware:
    """Under /api/, any 4xx/5xx answer that is not JSON already (django-ninja's 405 "Method
    not allowed", Django's 400 for an oversized body, …) is replaced by the one JSON error
    shape, so that API clients never have to parse an HTML page. The Allow header stays."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (not request.path.startswith("/api/") or response.status_code < 400
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        from jixiao.web.views.errors import api_error_response

        error = ""
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            error = f"不支持 {request.method} 方法" + (f"（允许：{allowed}）" if allowed else "")
        shaped = api_error_response(response.status_code, error)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                shaped[header] = response[header]
        return shaped


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every dynamic answer (pages, API, downloads): business
    data must not stay in a shared computer's browser cache or in a proxy. Static files
    (hashed, public) keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"  # HTTP/1.0 proxies
        return response
