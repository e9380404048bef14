"""分摊 page of a rent project: the lease file, the apportionment, and "use for funds"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.lease import FEE_LABELS
from jixiao.services import evaluations, lease
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, posted_version


@login_required
@require_GET
@http_errors
def lease_page(request: AuthedRequest, pk: int) -> HttpResponse:
    view = lease.lease_get(actor=request.user, project_id=pk)
    fees = []
    if view.result is not None:
        fees = [(fee, FEE_LABELS.get(fee, fee)) for fee, _ in view.result.totals]
    payers = []
    if view.result is not None:
        for share in view.result.payers:
            payers.append({"payer": share.payer, "area": share.area,
                           "amounts": [share.amount(fee) for fee, _ in fees], "total": share.total})
    return render(request, "jixiao/lease.html", {
        "project": view.project, "view": view, "fees": fees, "payers": payers,
        "can_edit": evaluations.may_edit(request.user, view.project),
    })


@login_required
@require_POST
@http_errors
def lease_save(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        lease.lease_save(actor=request.user, project_id=pk, text=request.POST.get("text", ""))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "分摊文件已保存")
    return redirect("project_lease", pk=pk)


@login_required
@require_POST
@http_errors
def lease_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    payer = request.POST.get("payer", "")[:100]
    try:
        changed = lease.lease_apply_funds(actor=request.user, project_id=pk, payer=payer,
                                            version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
        return redirect("project_lease", pk=pk)
    messages.success(request, f"已按「{payer}」的分摊结果更新年度资金总额（{changed} 项）")
    return redirect("project_detail", pk=pk)
