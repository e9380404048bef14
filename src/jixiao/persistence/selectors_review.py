"""Read queries of 抽查, 复核 and 重点评价. Scope is the caller's business: pass the
projects the actor may see."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.db.models import Count, DecimalField, F, Q, QuerySet, Value
from django.db.models.functions import Abs, Coalesce

from jixiao.persistence.models import KeyEvaluation, Project, Review, SpotCheck, SpotCheckItem
from jixiao.persistence.selectors_lists import Orders

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ItemAnnotations(TypedDict):
    """What `spot_check_items` adds to each item."""

    gap: Decimal | None
    gap_key: Decimal
    review_key: Decimal


#: Spot-check items as `spot_check_items` gives them (for the type checker).
SpotCheckItems: TypeAlias = "QuerySet[WithAnnotations[SpotCheckItem, ItemAnnotations]]"


def accepted_population(projects: QuerySet[Project], fiscal_year: int
                        ) -> list[tuple[int, str | None, Any]]:
    """(id, department name, stored document funds) of a year's accepted evaluations."""
    return list(projects.filter(state=Project.State.ACCEPTED, fiscal_year=fiscal_year)
                .order_by("pk").values_list("pk", "unit__parent__name", "document__funds"))


def spot_checks_of(finance_id: int) -> QuerySet[SpotCheck]:
    """Spot checks of one finance bureau, newest first, with item and review counts."""
    return (SpotCheck.objects.filter(finance_id=finance_id).select_related("created_by")
            .annotate(n_items=Count("items", distinct=True),
                      n_reviewed=Count("items__review", distinct=True),
                      n_flagged=Count("items__review", distinct=True,
                                      filter=~Q(items__review__flags=[]))))


#: The sort value of a missing 复核 (below every score).
_NONE = Value(Decimal("-1"), output_field=DecimalField(max_digits=6, decimal_places=2))

#: Sortable columns of the spot checks (ascending).
SPOT_CHECK_ORDERS: Orders = {"id": ("pk",), "year": ("fiscal_year",),
                             "items": ("n_items",), "created": ("created_at",)}
#: Sortable columns of a spot check's items (ascending).
ITEM_ORDERS: Orders = {
    "id": ("pk",),
    "project": ("project__name",),
    "unit": ("project__unit__name",),
    "department": ("project__unit__parent__name",),
    "stratum": ("stratum",),
    "self": ("project__result__score_key",),
    # unreviewed items have no 复核 and no gap: sorted as −1, below every real value, so
    # PostgreSQL orders them as SQLite does (PostgreSQL puts NULL above every value: a
    # "largest gap first" list began with unreviewed items there)
    "review": ("review_key",),
    "gap": ("gap_key",),
}
#: Review status filter of the items: 未复核, 已复核, 有标记.
ITEM_STATUSES = {"pending": "未复核", "reviewed": "已复核", "flagged": "有标记"}


def spot_check_items(spot_check: SpotCheck) -> SpotCheckItems:
    """The items of a spot check with project, organisations, stored result and 复核
    joined, and `gap` = |复核 − 自评| of reviewed ones."""
    return (spot_check.items.select_related("project", "project__unit",
                                            "project__unit__parent", "project__result",
                                            "review")
            .annotate(gap=Abs(F("review__review_total") - F("review__self_total")))
            .annotate(gap_key=Coalesce("gap", _NONE), review_key=Coalesce(
                "review__review_total", _NONE))
            .order_by("id"))


def spot_check_items_filtered(items: SpotCheckItems, *, q: str = "",
                              department_id: int | None = None, grade: str | None = None,
                              status: str = "") -> SpotCheckItems:
    """`items` narrowed by text (project, unit, stratum), department, the stored self
    grade and review status (`ITEM_STATUSES`); empty values mean any."""
    if q:
        items = items.filter(Q(project__name__icontains=q) | Q(project__unit__name__icontains=q)
                             | Q(stratum__icontains=q))
    if department_id:
        items = items.filter(project__unit__parent_id=department_id)
    if grade is not None:
        items = items.filter(project__result__grade=grade)
    if status == "pending":
        items = items.filter(review__isnull=True)
    elif status == "reviewed":
        items = items.filter(review__isnull=False)
    elif status == "flagged":
        items = items.filter(review__isnull=False).exclude(review__flags=[])
    return items


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


def latest_reviews(project_ids: list[int]) -> dict[int, tuple[Decimal, str]]:
    """Project id → (复核 total, grade) of its latest review, for the given projects (one
    query; what `EvaluationResult.review_total/review_grade` hold)."""
    out: dict[int, tuple[Decimal, str]] = {}
    for project_id, total, grade in (Review.objects.filter(item__project_id__in=project_ids)
                                     .order_by("reviewed_at", "pk")
                                     .values_list("item__project_id", "review_total",
                                                  "review_grade")):
        out[project_id] = (total, grade)
    return out
