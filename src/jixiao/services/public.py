"""Published (disclosed) self-evaluation reports: readable by anyone (信息公开)."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.persistence.models import PublishedReport


def public_report_list() -> QuerySet[PublishedReport]:
    """Every published report, newest first."""
    return PublishedReport.objects.all()
