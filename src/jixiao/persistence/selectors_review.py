"""Read queries of 抽查, 复核 and 重点评价. Scope is the caller's business: pass the
projects the actor may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from jixiao.persistence.models import KeyEvaluation, Project, SpotCheck, SpotCheckItem


def accepted_population(projects: QuerySet[Project], fiscal_year: int) -> list[dict[str, Any]]:
    """id, department name and stored document funds of a year's accepted evaluations."""
    return list(projects.filter(state=Project.State.ACCEPTED, fiscal_year=fiscal_year)
                .order_by("pk").values("pk", "unit__parent__name", "document__funds"))


def spot_checks_of(finance_id: int) -> QuerySet[SpotCheck]:
    """Spot checks of one finance bureau, newest first, with item and review counts."""
    return (SpotCheck.objects.filter(finance_id=finance_id).select_related("created_by")
            .annotate(n_items=Count("items", distinct=True),
                      n_reviewed=Count("items__review", distinct=True),
                      n_flagged=Count("items__review", distinct=True,
                                      filter=~Q(items__review__flags=[]))))


def spot_check_items(spot_check: SpotCheck) -> QuerySet[SpotCheckItem]:
    return (spot_check.items.select_related("project", "project__unit",
                                            "project__unit__parent", "review")
            .order_by("id"))


def spot_check_item(finance_id: int, item_id: int) -> SpotCheckItem | None:
    try:
        return (SpotCheckItem.objects.select_related("spot_check", "project", "project__unit",
                                                     "project__unit__parent")
                .filter(pk=int(item_id), spot_check__finance_id=finance_id).first())
    except (TypeError, ValueError):
        return None


def key_evaluations_of(projects: QuerySet[Project]) -> QuerySet[KeyEvaluation]:
    return (KeyEvaluation.objects.filter(project__in=projects)
            .select_related("project", "project__unit"))
