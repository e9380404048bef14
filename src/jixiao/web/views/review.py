"""抽查, 复核 and 重点评价 pages of the finance bureau (404 for everyone else)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.persistence import selectors_review as sel
from jixiao.persistence.models import KeyEvaluation
from jixiao.persistence.selectors_results import GRADES
from jixiao.services import review
from jixiao.services.access import department_choices
from jixiao.services.errors import Invalid
from jixiao.web.listing import MAX_EXPORT_ROWS, list_filters, list_page, list_sort, xlsx_response
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, int_or_none


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def spot_checks(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            check = review.spot_check_create(
                actor=request.user, fiscal_year=int_or_none(request.POST.get("fiscal_year")) or 0,
                size=int_or_none(request.POST.get("size")) or 0,
                seed=request.POST.get("seed", ""), ip=client_ip(request))
        except Invalid as err:
            flash_errors(request, err)
            return redirect("spot_checks")
        messages.success(request, f"已抽取 {check.items.count()} 个项目，随机种子 {check.seed}")
        return redirect("spot_check_detail", spot_check_id=check.pk)
    filters = list_filters(request)
    sort = list_sort(request, sel.SPOT_CHECK_ORDERS, "-created")
    lst = list_page(request, review.spot_check_list(actor=request.user, year=filters.year,
                                                    sort=sort), sort=sort)
    return render(request, "jixiao/spot_checks.html",
                  {"lst": lst, "checks": lst.rows, "filters": filters,
                   "keys": review.key_evaluation_list(actor=request.user),
                   "today": dt.date.today()})


@login_required
@require_GET
@http_errors
def spot_check_detail(request: AuthedRequest, spot_check_id: int) -> HttpResponse:
    filters = list_filters(request)
    status = request.GET.get("status", "")[:20]
    sort = list_sort(request, sel.ITEM_ORDERS, "id")
    check, items = review.spot_check_items(
        actor=request.user, spot_check_id=spot_check_id, q=filters.q,
        department_id=filters.department_id, grade=filters.grade, status=status, sort=sort)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(request, f"抽查{check.pk}.xlsx", f"抽查{check.pk}", review.ITEM_HEADERS,
                             review.spot_check_table(items[:MAX_EXPORT_ROWS]))
    lst = list_page(request, items, sort=sort)
    return render(request, "jixiao/spot_check.html",
                  {"check": check, "lst": lst, "items": lst.rows, "filters": filters,
                   "status": status, "statuses": sel.ITEM_STATUSES, "grades": GRADES,
                   "departments": department_choices(request.user),
                   "kinds": KeyEvaluation.Kind.choices})


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def review_page(request: AuthedRequest, item_id: int) -> HttpResponse:
    if request.method == "POST":
        scores = {i: request.POST.get(f"score-{i}", "") for i in range(200)
                  if f"score-{i}" in request.POST}
        reasons = {i: request.POST.get(f"reason-{i}", "") for i in range(200)
                   if f"reason-{i}" in request.POST}
        try:
            _, comparison = review.review_save(actor=request.user, item_id=item_id,
                                               scores=scores, reasons=reasons,
                                               ip=client_ip(request))
        except Invalid as err:
            flash_errors(request, err)
        else:
            messages.success(request, f"复核已保存：自评 {comparison.self_total} 分，"
                                      f"复核 {comparison.review_total} 分")
            for flag in comparison.flags:
                messages.warning(request, flag)
        return redirect("review_page", item_id=item_id)
    form = review.review_form(actor=request.user, item_id=item_id)
    return render(request, "jixiao/review.html", {"form": form, "item": form.item})


@login_required
@require_POST
@http_errors
def key_evaluation_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        deadline = dt.date.fromisoformat(request.POST.get("deadline", "")[:10])
    except ValueError:
        deadline = None
    try:
        key = review.key_evaluation_assign(actor=request.user, project_id=pk,
                                           evaluator=request.POST.get("evaluator", ""),
                                           kind=request.POST.get("kind", ""), deadline=deadline,
                                           note=request.POST.get("note", ""),
                                           ip=client_ip(request))
    except Invalid as err:
        flash_errors(request, err)
    else:
        messages.success(request, f"已委托 {key.evaluator} 重点评价，期限 {key.deadline:%Y-%m-%d}")
    back = request.POST.get("next", "")
    if back.startswith("/spot-checks/") and "//" not in back:
        return redirect(back)
    return redirect("spot_checks")
