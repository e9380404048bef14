"""Reads of stored results for lists, dashboards and exports: filters, orders, counts.

Every function takes an already scoped queryset of `EvaluationResult`
(`services.access.visible_results`) and only narrows, orders or aggregates it, so the
permission rules stay in one place. Filters and orders match the table's indexes
(`models_results.EvaluationResult.Meta.indexes`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet

from jixiao.persistence.models_results import EvaluationResult

#: Order name → ORDER BY of a list (each ends with the project id: a stable order for paging).
ORDERS: dict[str, tuple[Any, ...]] = {
    "year": ("-fiscal_year", "project_id"),
    "score_desc": (F("total").desc(nulls_last=True), "project_id"),
    "score_asc": (F("total").asc(nulls_last=True), "project_id"),
    "findings": ("-errors", "-warnings", "project_id"),
}
GRADES = ("优", "良", "中", "差")


def results_filtered(results: QuerySet[EvaluationResult], *, year: int | None = None,
                     grade: str | None = None, state: str | None = None,
                     with_findings: bool | None = None, unit_id: int | None = None,
                     department_id: int | None = None,
                     min_total: Decimal | None = None,
                     max_total: Decimal | None = None) -> QuerySet[EvaluationResult]:
    """`results` narrowed by year, grade ("" = not scorable), state, findings (errors or
    warnings present or absent), organisation and total range; None means any."""
    if year is not None:
        results = results.filter(fiscal_year=year)
    if grade is not None:
        results = results.filter(grade=grade)
    if state is not None:
        results = results.filter(state=state)
    if with_findings is True:
        results = results.filter(errors__gt=0) | results.filter(warnings__gt=0)
    elif with_findings is False:
        results = results.filter(errors=0, warnings=0)
    if unit_id is not None:
        results = results.filter(unit_id=unit_id)
    if department_id is not None:
        results = results.filter(department_id=department_id)
    if min_total is not None:
        results = results.filter(total__gte=min_total)
    if max_total is not None:
        results = results.filter(total__lte=max_total)
    return results


def results_ordered(results: QuerySet[EvaluationResult], order: str = "year"
                    ) -> QuerySet[EvaluationResult]:
    """`results` in a named order (`ORDERS`; unknown names fall back to "year"), with the
    project and its organisations joined for display."""
    return results.select_related("project__unit__parent").order_by(
        *ORDERS.get(order, ORDERS["year"]))


def results_counts(results: QuerySet[EvaluationResult]) -> dict[str, dict[str, int]]:
    """Counts by workflow state and by grade ("" for not scorable), one query each."""
    states = dict(results.order_by().values_list("state").annotate(n=Count("pk"))
                  .values_list("state", "n"))
    grades = dict(results.order_by().values_list("grade").annotate(n=Count("pk"))
                  .values_list("grade", "n"))
    return {"states": states, "grades": grades}


def results_years(results: QuerySet[EvaluationResult]) -> list[int]:
    """The fiscal years present, newest first."""
    return list(results.order_by("-fiscal_year").values_list("fiscal_year", flat=True)
                .distinct())
