"""三员分立 pages: accounts (系统管理员), roles (安全管理员), audit log (审计管理员)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.persistence.models import User
from jixiao.services import accounts
from jixiao.services.errors import Invalid
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import http_errors, int_or_none


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def account_list(request: AuthedRequest) -> HttpResponse:
    actor = request.user
    users = accounts.account_list(actor=actor)
    if request.method == "POST":
        try:
            accounts.account_create(actor=actor,
                                    username=request.POST.get("username", ""),
                                    display_name=request.POST.get("display_name", ""),
                                    password=request.POST.get("password", ""),
                                    ip=client_ip(request))
        except Invalid as err:
            for item in err.errors:
                messages.error(request, item["message"])
        else:
            messages.success(request, "账号已创建（尚无角色，请安全管理员分配）")
        return redirect("accounts")
    return render(request, "jixiao/accounts.html", {"users": users, "now": timezone.now()})


@login_required
@require_POST
@http_errors
def account_action(request: AuthedRequest, user_id: int) -> HttpResponse:
    actor, ip = request.user, client_ip(request)
    action = request.POST.get("action", "")
    try:
        if action in ("disable", "enable"):
            accounts.account_set_active(actor=actor, user_id=user_id,
                                        active=action == "enable", ip=ip)
        elif action == "unlock":
            accounts.account_unlock(actor=actor, user_id=user_id, ip=ip)
        elif action == "reset":
            user, password = accounts.account_reset_password(actor=actor, user_id=user_id, ip=ip)
            # shown once, in this answer only (no-store): never in a message cookie or a URL
            return render(request, "jixiao/accounts.html", {
                "users": accounts.account_list(actor=actor), "now": timezone.now(),
                "one_time": {"username": user.username, "password": password,
                             "hours": settings.RESET_HOURS}})
        else:
            accounts.account_list(actor=actor)  # role check first
            messages.error(request, "未知操作")
            return redirect("accounts")
    except Invalid as err:
        for item in err.errors or [{"message": err.message}]:
            messages.error(request, item["message"])
    else:
        messages.success(request, "已完成")
    return redirect("accounts")


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def role_list(request: AuthedRequest) -> HttpResponse:
    actor = request.user
    users = accounts.role_list(actor=actor)
    if request.method == "POST":
        try:
            accounts.role_assign(actor=actor,
                                 user_id=int_or_none(request.POST.get("user")) or 0,
                                 role=request.POST.get("role", ""),
                                 organisation_id=int_or_none(request.POST.get("organisation")),
                                 ip=client_ip(request))
        except Invalid as err:
            for item in err.errors or [{"message": err.message}]:
                messages.error(request, item["message"])
        else:
            messages.success(request, "角色已分配")
        return redirect("roles")
    return render(request, "jixiao/roles.html", {
        "users": users,
        "organisations": accounts.organisation_list(actor=actor),
        "roles": [(r.value, r.label) for r in (User.Role.UNIT, User.Role.DEPARTMENT,
                                                User.Role.FINANCE, User.Role.NONE)],
    })
