"""Read queries of 问题整改 / 跟踪检查. Scope is the caller's business: pass the projects
the actor may see (`services.access.visible_projects`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from jixiao.persistence.models import Project, Rectification
from jixiao.persistence.selectors_lists import Orders

S = Rectification.Status
#: Sortable columns of the list (ascending; `selectors_lists.ordered` adds the id).
RECTIFICATION_ORDERS: Orders = {
    "id": ("pk",),
    "deadline": ("deadline",),
    "project": ("project__name",),
    "year": ("project__fiscal_year",),
    "unit": ("owner_unit__name",),
    "department": ("owner_unit__parent__name",),
    "status": ("status",),
    "created": ("created_at",),
    "grade": ("project__result__grade",),
}


def rectifications_of(projects: QuerySet[Project]) -> QuerySet[Rectification]:
    """The rectifications of `projects`, with project, stored result and owner joined."""
    return (Rectification.objects.filter(project__in=projects)
            .select_related("project", "project__result", "owner_unit", "owner_unit__parent"))


def rectifications_filtered(rows: QuerySet[Rectification], *, status: str = "",
                            overdue_on: dt.date | None = None, year: int | None = None,
                            department_id: int | None = None, q: str = "",
                            grade: str | None = None) -> QuerySet[Rectification]:
    """`rows` narrowed by status, overdue on a day (deadline before it, not confirmed),
    project year, department, text (problem, project or unit name) and the project's
    stored grade; empty values mean any."""
    if status in S.values:
        rows = rows.filter(status=status)
    if overdue_on is not None:
        rows = rows.filter(~Q(status=S.CONFIRMED), deadline__lt=overdue_on)
    if year:
        rows = rows.filter(project__fiscal_year=year)
    if department_id:
        rows = rows.filter(owner_unit__parent_id=department_id)
    if q:
        rows = rows.filter(Q(problem__icontains=q) | Q(project__name__icontains=q)
                           | Q(owner_unit__name__icontains=q))
    if grade is not None:
        rows = rows.filter(project__result__grade=grade)
    return rows


def rectification_counts(rows: QuerySet[Rectification], today: dt.date) -> dict[str, int]:
    """Counts by status and of overdue ones (one query)."""
    totals = rows.order_by().aggregate(
        overdue=Count("pk", filter=~Q(status=S.CONFIRMED) & Q(deadline__lt=today)),
        **{s: Count("pk", filter=Q(status=s)) for s in S.values})
    return {key: int(value or 0) for key, value in totals.items()}
