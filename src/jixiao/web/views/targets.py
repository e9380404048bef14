"""Project registry, target declaration with live weight validation, and the indicator
library (指标库) pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.indicators import Operator
from jixiao.services import evaluations, target_changes, targets
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.templatetags.jixiao_tags import slug
from jixiao.web.views.common import (
    field_error_response,
    flash_errors,
    http_errors,
    int_or_none,
    posted_version,
    with_version,
)


@login_required
@require_POST
@http_errors
def project_new(request: AuthedRequest) -> HttpResponse:
    try:
        project = targets.project_create(actor=request.user,
                                         name=request.POST.get("name", ""),
                                         fiscal_year=int_or_none(request.POST.get("fiscal_year")) or 0,
                                         code=request.POST.get("code", ""),
                                         budget=request.POST.get("budget", ""))
    except Invalid as err:
        flash_errors(request, err)
        return redirect("projects")
    messages.success(request, "项目已登记，请申报绩效目标和指标")
    return redirect("project_targets", pk=project.pk)


def _context(request: AuthedRequest, pk: int) -> dict[str, object]:
    view = evaluations.evaluation_get(actor=request.user, project_id=pk)
    lines, total, expected_total = targets.weight_check(view.document)
    rows = [dict(raw, index=i, index_str=str(i))
            for i, raw in enumerate(view.document.get("indicators", []))]
    locked = target_changes.targets_locked(view.project)
    return {
        "project": view.project, "view": view, "rows": rows,
        "weights": lines, "weight_total": total, "weight_expected": expected_total,
        "weights_ok": targets.weights_ok(lines, total, expected_total),
        "can_edit": evaluations.may_edit(request.user, view.project) and not locked,
        "approval": getattr(view.project, "target_approval", None) if locked else None,
        "changes": target_changes.target_change_list(actor=request.user, project_id=pk),
        "can_approve_targets": target_changes.may_approve_targets(request.user, locked=locked,
                                                                 declared=bool(rows)),
        "can_request_change": locked and evaluations.may_edit(request.user, view.project),
        "can_decide_change": target_changes.may_decide_change(request.user),
        "changeable": list(target_changes.CHANGEABLE.items()),
        "library": targets.library_list(actor=request.user),
        "subcategories": targets.SUBCATEGORIES,
        "operators": [(o.value, o.symbol) for o in Operator],
    }


@login_required
@require_GET
@http_errors
def project_targets(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "jixiao/targets.html", _context(request, pk))


@login_required
@require_POST
@http_errors
def target_field(request: AuthedRequest, pk: int) -> HttpResponse:
    """htmx: save one declared field; answer the weight panel."""
    path = request.POST.get("path", "")[:100]
    try:
        project = targets.target_update_field(actor=request.user, project_id=pk, path=path,
                                              value=request.POST.get("value", ""),
                                              version=posted_version(request))
    except (Invalid, Conflict) as err:
        return field_error_response(request, err, path)
    context = _context(request, pk)
    context["field_ok"] = f"err-{slug(path)}"
    return with_version(render(request, "jixiao/_weights.html", context), project.version)


@login_required
@require_POST
@http_errors
def target_add(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        targets.target_add(actor=request.user, project_id=pk,
                           library_id=int_or_none(request.POST.get("library")),
                           name=request.POST.get("name", ""), version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    return redirect("project_targets", pk=pk)


@login_required
@require_POST
@http_errors
def target_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        targets.target_remove(actor=request.user, project_id=pk,
                              index=int_or_none(request.POST.get("index")) or -1,
                              version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    return redirect("project_targets", pk=pk)


@login_required
@require_GET
@http_errors
def library(request: AuthedRequest) -> HttpResponse:
    rows = targets.library_list(actor=request.user,
                                project_type=request.GET.get("type", "")[:50])
    return render(request, "jixiao/library.html", {"rows": rows})


@login_required
@require_POST
@http_errors
def project_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """A unit deletes a draft it registered by mistake (never submitted)."""
    try:
        name = targets.project_delete(actor=request.user, project_id=pk,
                                      confirmed=request.POST.get("confirm") == "1",
                                      ip=client_ip(request))
    except (Conflict, Invalid) as err:
        flash_errors(request, err)
        return redirect("project_detail", pk=pk)
    messages.success(request, f"已删除项目「{name}」")
    return redirect("projects")


@login_required
@require_POST
@http_errors
def targets_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        target_changes.targets_approve(actor=request.user, project_id=pk, ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "绩效目标已批复；此后调整指标值或分值须经申请和批准")
    return redirect("project_targets", pk=pk)


@login_required
@require_POST
@http_errors
def target_change_request(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        target_changes.target_change_request(
            actor=request.user, project_id=pk, index=int_or_none(request.POST.get("index")) or 0,
            field=request.POST.get("field", ""), value=request.POST.get("value", ""),
            reason=request.POST.get("reason", ""), ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "目标调整申请已提交，待主管部门审批")
    return redirect("project_targets", pk=pk)


@login_required
@require_POST
@http_errors
def target_change_decide(request: AuthedRequest, pk: int, change_id: int) -> HttpResponse:
    try:
        change = target_changes.target_change_decide(
            actor=request.user, project_id=pk, change_id=change_id,
            approve=request.POST.get("decision") == "approve",
            comment=request.POST.get("comment", ""), ip=client_ip(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"目标调整申请 {change.pk}：{change.get_status_display()}")
    return redirect("project_targets", pk=pk)
