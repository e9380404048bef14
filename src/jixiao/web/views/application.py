"""结果应用 (finance bureau) and 问题整改 / 跟踪检查 (finance, departments, units)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.persistence.models import Rectification
from jixiao.persistence.selectors_application import APPLICATION_ORDERS
from jixiao.persistence.selectors_rectification import RECTIFICATION_ORDERS
from jixiao.persistence.selectors_results import GRADES
from jixiao.services import application, rectification
from jixiao.services.access import department_choices, require_business_role
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.listing import MAX_EXPORT_ROWS, list_filters, list_page, list_sort, xlsx_response
from jixiao.web.middleware import client_ip
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors, int_or_none


@login_required
@require_GET
@http_errors
def results_application(request: AuthedRequest) -> HttpResponse:
    filters = list_filters(request)
    treatment = request.GET.get("treatment", "")[:20]
    sort = list_sort(request, APPLICATION_ORDERS, "priority")
    rows = application.result_application_query(
        actor=request.user, year=filters.year, treatment=treatment,
        department_id=filters.department_id, q=filters.q, grade=filters.grade, sort=sort)
    if request.GET.get("format") == "xlsx":
        table = application.result_application_table(
            application.application_all(rows, MAX_EXPORT_ROWS))
        return xlsx_response(request, "结果应用.xlsx", "结果应用", application.HEADERS, table)
    lst = list_page(request, rows, sort=sort)
    return render(request, "jixiao/results_application.html",
                  {"lst": lst, "rows": application.application_page(lst.rows),
                   "filters": filters, "treatment": treatment, "grades": GRADES,
                   "departments": department_choices(request.user)})


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def rectifications(request: AuthedRequest) -> HttpResponse:
    require_business_role(request.user)
    if request.method == "POST":
        try:
            rect = rectification.rectification_create(
                actor=request.user, project_id=int_or_none(request.POST.get("project")) or 0,
                problem=request.POST.get("problem", ""),
                deadline=_date(request.POST.get("deadline", "")), ip=client_ip(request))
        except Invalid as err:
            flash_errors(request, err)
        else:
            messages.success(request, f"已下达整改任务 {rect.pk}（{rect.owner_unit.name}，"
                                      f"期限 {rect.deadline:%Y-%m-%d}）")
        back = request.POST.get("next", "")
        return redirect(back if back.startswith("/results/") else "rectifications")
    filters = list_filters(request)
    sort = list_sort(request, RECTIFICATION_ORDERS, "deadline")
    status = request.GET.get("status", "")[:20]
    overdue = request.GET.get("overdue") == "1"
    rows = rectification.rectification_list(
        actor=request.user, status=status, overdue=overdue, year=filters.year,
        department_id=filters.department_id, q=filters.q, grade=filters.grade, sort=sort)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(request, "问题整改.xlsx", "问题整改", rectification.EXPORT_HEADERS,
                             rectification.rectification_table(rows[:MAX_EXPORT_ROWS]))
    lst = list_page(request, rows, sort=sort)
    today = timezone.localdate()
    return render(request, "jixiao/rectifications.html", {
        "lst": lst, "rows": [(r, rectification.is_overdue(r, today)) for r in lst.rows],
        "counts": rectification.rectification_counts(request.user), "filters": filters,
        "departments": department_choices(request.user), "grades": GRADES,
        "statuses": Rectification.Status.choices, "status": status, "overdue": overdue})


@login_required
@require_http_methods(["GET", "POST"])
@http_errors
def rectification_detail(request: AuthedRequest, rectification_id: int) -> HttpResponse:
    if request.method == "POST":
        try:
            rect = rectification.rectification_act(
                actor=request.user, rectification_id=rectification_id,
                action=request.POST.get("action", "")[:20], text=request.POST.get("text", ""),
                ip=client_ip(request))
        except (Invalid, Conflict) as err:
            flash_errors(request, err)
        else:
            messages.success(request, f"已完成：{rect.get_status_display()}")
        return redirect("rectification_detail", rectification_id=rectification_id)
    rect = rectification.rectification_get(actor=request.user, rectification_id=rectification_id)
    role = request.user.role
    return render(request, "jixiao/rectification.html", {
        "rect": rect, "steps": rect.steps.select_related("actor"),
        "overdue": rectification.is_overdue(rect),
        "can_report": role == "unit" and rect.status == "open",
        "can_confirm": role == "department" and rect.status == "reported"})
