"""待办 and 通知 pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.services import worklist
from jixiao.services.access import require_business_role
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import http_errors


@login_required
@require_GET
@http_errors
def worklist_page(request: AuthedRequest) -> HttpResponse:
    require_business_role(request.user)
    return render(request, "jixiao/worklist.html",
                  {"queues": worklist.work_queues(actor=request.user),
                   "notifications": worklist.notification_list(actor=request.user, limit=10)})


@login_required
@require_GET
@http_errors
def notifications(request: AuthedRequest) -> HttpResponse:
    require_business_role(request.user)
    return render(request, "jixiao/notifications.html",
                  {"notifications": worklist.notification_list(actor=request.user)})


@login_required
@require_POST
@http_errors
def notifications_read(request: AuthedRequest) -> HttpResponse:
    require_business_role(request.user)
    worklist.notifications_mark_read(actor=request.user)
    return redirect("notifications")
