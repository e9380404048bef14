"""Public pages (no login): the disclosed self-evaluation reports (信息公开)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.services.public import public_report_list


@require_GET
def public_reports(request: HttpRequest) -> HttpResponse:
    return render(request, "jixiao/public_reports.html", {"reports": public_report_list()})
