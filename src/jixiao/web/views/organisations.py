"""机构管理 (finance bureau): the tree, create/edit/move, deactivate, xlsx import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.services import organisations
from jixiao.services.errors import Conflict, Invalid
from jixiao.services.exports import XLSX
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, int_or_none


def _save(request: AuthedRequest, org_id: int | None) -> None:
    org = organisations.organisation_save(
        actor=request.user, org_id=org_id, name=request.POST.get("name", ""),
        kind=request.POST.get("kind", ""), parent_id=int_or_none(request.POST.get("parent")),
        code=request.POST.get("code", ""), credit_code=request.POST.get("credit_code", ""),
        ip=client_ip(request))
    messages.success(request, f"已保存：{org.get_kind_display()} {org.name}")


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def organisation_list(request: AuthedRequest) -> HttpResponse:
    tree = organisations.organisation_tree(actor=request.user)
    if request.method == "POST":
        try:
            _save(request, None)
        except Invalid as err:
            flash_errors(request, err)
        return redirect("organisations")
    return render(request, "jixiao/organisations.html",
                  {"tree": tree, "departments": [d for d, _ in tree]})


@login_required
@require_POST
@http_errors
def organisation_action(request: AuthedRequest, org_id: int) -> HttpResponse:
    action = request.POST.get("action", "save")
    try:
        if action in ("deactivate", "activate"):
            org = organisations.organisation_set_active(
                actor=request.user, org_id=org_id, active=action == "activate",
                ip=client_ip(request))
            messages.success(request, f"已{'启用' if org.active else '停用'}：{org.name}")
        else:
            _save(request, org_id)
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    return redirect("organisations")


@login_required
@require_POST
@http_errors
def organisation_import(request: AuthedRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    data = upload.read(organisations.MAX_IMPORT_BYTES + 1) if upload is not None else None
    try:
        report = organisations.organisation_import(actor=request.user, data=data,
                                                   ip=client_ip(request))
    except Invalid as err:
        flash_errors(request, err, limit=50)
    else:
        messages.success(request, f"导入完成：新建 {report.created} 个，更新 {report.updated} 个机构")
    return redirect("organisations")


@login_required
@require_GET
@http_errors
def organisation_template(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(organisations.organisation_template(actor=request.user,
                                                                ip=client_ip(request)),
                            content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="organisations.xlsx"'
    return response
