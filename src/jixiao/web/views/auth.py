"""Log in, log out, and the start page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.services.access import ADMIN_ROLES
from jixiao.services.accounts import account_login, account_logout, password_change
from jixiao.services.errors import AuthFailed, Invalid
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest

_HOME = {"unit": "projects", "department": "projects", "finance": "projects",
         "sysadmin": "accounts", "secadmin": "roles", "auditadmin": "audit"}


#: Signed cookie left by an administrator's login: a reset's one-time password is refused in
#: that browser (三员分立: the system administrator must not log in as the user).
ADMIN_DEVICE_COOKIE = "jixiao_admin_device"
_ADMIN_DEVICE_SALT = "jixiao.admin-device"


def _admin_device(request: HttpRequest) -> bool:
    return request.get_signed_cookie(ADMIN_DEVICE_COOKIE, default="",
                                     salt=_ADMIN_DEVICE_SALT) == "1"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    error = ""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        try:
            user = account_login(username=request.POST.get("username", "")[:150],
                                 password=request.POST.get("password", "")[:1000],
                                 ip=client_ip(request), admin_device=_admin_device(request))
        except AuthFailed as err:
            error = err.message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            response: HttpResponse
            if next_url and url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                response = HttpResponseRedirect(next_url)
            else:
                response = redirect("home")
            if user.role in ADMIN_ROLES:
                response.set_signed_cookie(ADMIN_DEVICE_COOKIE, "1", salt=_ADMIN_DEVICE_SALT,
                                           max_age=400 * 24 * 3600, httponly=True,
                                           samesite="Lax", secure=request.is_secure())
            return response
    status = 401 if error else 200
    return render(request, "jixiao/login.html",
                  {"error": error, "next": next_url, "timeout": "timeout" in request.GET},
                  status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        account_logout(actor=request.user, ip=client_ip(request))
    logout(request)
    return redirect("login")


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    target = _HOME.get(getattr(request.user, "role", ""))
    if target is None:
        return render(request, "jixiao/no_role.html", status=403)
    return redirect(target)


@login_required
@require_http_methods(["GET", "POST"])
def password_view(request: AuthedRequest) -> HttpResponse:
    """Change one's own password (the session stays valid)."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            password_change(actor=request.user, old_password=request.POST.get("old_password", ""),
                            new_password=request.POST.get("new_password", ""),
                            ip=client_ip(request))
        except Invalid as err:
            errors = [e["message"] for e in err.errors]
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改")
            return redirect("home")
    return render(request, "jixiao/password.html", {"errors": errors},
                  status=422 if errors else 200)
