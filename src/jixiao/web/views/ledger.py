"""预算明细与支出明细 page: budget lines, CSV/xlsx import of payments, the ledger audit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.money import format_percent
from jixiao.services import evaluations, ledger
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, posted_version


@login_required
@require_GET
@http_errors
def ledger_page(request: AuthedRequest, pk: int) -> HttpResponse:
    view = ledger.ledger_get(actor=request.user, project_id=pk)
    statuses = []
    if view.report is not None:
        for s in view.report.lines:
            statuses.append({"code": s.line.code, "name": s.line.name, "amount": s.line.amount,
                             "spent": s.spent, "remaining": s.remaining, "records": s.records,
                             "rate": "—" if s.rate is None else format_percent(s.rate)})
    return render(request, "jixiao/ledger.html", {
        "project": view.project, "view": view, "statuses": statuses,
        "can_edit": evaluations.may_edit(request.user, view.project),
    })


@login_required
@require_POST
@http_errors
def ledger_line(request: AuthedRequest, pk: int) -> HttpResponse:
    post = request.POST
    try:
        if post.get("remove"):
            ledger.ledger_line_remove(actor=request.user, project_id=pk, code=post["remove"][:50],
                                      version=posted_version(request))
        else:
            ledger.ledger_line_add(actor=request.user, project_id=pk, code=post.get("code", ""),
                                   name=post.get("name", ""), amount=post.get("amount", ""),
                                   classifications=post.get("classifications", "")[:300],
                                   version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "预算明细已保存")
    return redirect("project_ledger", pk=pk)


@login_required
@require_POST
@http_errors
def ledger_import(request: AuthedRequest, pk: int) -> HttpResponse:
    upload = request.FILES.get("file")
    data = upload.read(ledger.MAX_BYTES + 1) if upload is not None else b""
    try:
        count = ledger.ledger_import(actor=request.user, project_id=pk,
                                     filename=upload.name if upload and upload.name else "",
                                     data=data, version=posted_version(request))
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"已导入 {count} 条支出记录")
    return redirect("project_ledger", pk=pk)
