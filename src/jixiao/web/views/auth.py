"""Log in, log out, and the start page."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.services.accounts import account_login, account_logout
from jixiao.services.errors import AuthFailed
from jixiao.web.middleware import client_ip

_HOME = {"unit": "projects", "department": "projects", "finance": "projects",
         "sysadmin": "accounts", "secadmin": "roles", "auditadmin": "audit"}


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    error = ""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        try:
            user = account_login(username=request.POST.get("username", "")[:150],
                                 password=request.POST.get("password", "")[:1000],
                                 ip=client_ip(request))
        except AuthFailed as err:
            error = err.message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if next_url and url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                return HttpResponseRedirect(next_url)
            return redirect("home")
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
