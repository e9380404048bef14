"""Read queries of 评价结果应用: the accepted evaluations' stored results (with the latest
复核 stored on them), the grade the treatment rests on and the treatment in one query of
plain columns, so a page, a filter by treatment or a sort by it costs the same at any size
of region (the per-row details of a page are a second query). Scope is the caller's
business: pass scoped result rows (`services.access.visible_results`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce

from jixiao.persistence.models import Project, Rectification
from jixiao.persistence.models_results import EvaluationResult
from jixiao.persistence.selectors_lists import Orders

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

#: Sortable columns (ascending). "priority": newest year, then the treatment's rank
#: (candidates for 核减/调整 first), then the lowest score the treatment rests on.
APPLICATION_ORDERS: Orders = {
    "priority": ("-fiscal_year", "treatment_rank", "basis_score"),
    "year": ("fiscal_year",),
    "project": ("project__name",),
    "unit": ("unit__name",),
    "department": ("department__name",),
    "rate": ("execution_rate",),
    "self": ("score_key",),
    "review": ("review_total",),
    "treatment": ("treatment_rank",),
}

#: The columns one row of the list carries.
APPLICATION_VALUES = (
    "project_id", "fiscal_year", "project__name", "unit__name", "department__name", "total",
    "grade", "execution_rate", "review_total", "review_grade", "treatment")


class Treatments(TypedDict):
    """What `application_rows` adds to each result row."""

    basis_grade: str
    basis_score: Decimal
    treatment: str
    treatment_rank: int


#: Result rows as `application_rows` gives them (for the type checker).
ApplicationResults: TypeAlias = "QuerySet[WithAnnotations[EvaluationResult, Treatments]]"


@dataclass(frozen=True)
class ApplicationDetail:
    """A row's figures that no filter or order needs (`application_details`): the stored
    document's 全年预算数 and 全年执行数 as text (None when absent) and its open and
    overdue rectifications."""

    budget: str | None = None
    executed: str | None = None
    open_rectifications: int = 0
    overdue_rectifications: int = 0


def _count(rows: QuerySet[Rectification]) -> Coalesce:
    per_project = (rows.filter(project_id=OuterRef("pk")).order_by()
                   .values("project_id").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(per_project, output_field=IntegerField()), Value(0))


def _document_text(*path: str) -> KeyTextTransform:
    """A value of the project's stored document as text."""
    expr: KeyTransform | str = "document"
    for key in path[:-1]:
        expr = KeyTransform(key, expr)
    return KeyTextTransform(path[-1], expr)


def application_rows(results: QuerySet[EvaluationResult], *,
                     treatments: Mapping[str, Sequence[str]], ranks: Mapping[str, int],
                     ) -> ApplicationResults:
    """The accepted rows of `results` annotated with `basis_grade` (the stored latest 复核
    grade, else the stored self grade), `treatment`
    (the code whose grades in `treatments` contain it, else "none"), `treatment_rank`
    (`ranks`) and `basis_score` (the score the treatment rests on). Details that no filter
    or order needs come per page from `application_details`."""
    rows = results.filter(state=Project.State.ACCEPTED).annotate(
        basis_grade=Case(When(review_grade="", then=F("grade")), default=F("review_grade")),
        basis_score=Coalesce("review_total", "total", Value(999),
                             output_field=DecimalField(max_digits=7, decimal_places=2)),
    )
    return rows.annotate(
        treatment=Case(*(When(basis_grade__in=list(grades), then=Value(code))
                         for code, grades in treatments.items()), default=Value("none")),
        treatment_rank=Case(*(When(treatment=code, then=Value(rank))
                              for code, rank in ranks.items()), default=Value(len(ranks)),
                            output_field=IntegerField()),
    )


def application_details(project_ids: list[int], today: dt.date
                        ) -> dict[int, ApplicationDetail]:
    """For the rows on one page (or one export chunk): the stored document's 全年预算数 and
    全年执行数 as text and the open and overdue (deadline before `today`) rectification
    counts, by project id — one query, only for these projects (computing them for every
    row before a sort or an OFFSET made deep pages cost seconds)."""
    unconfirmed = Rectification.objects.exclude(status=Rectification.Status.CONFIRMED)
    rows = Project.objects.filter(pk__in=project_ids).annotate(
        budget=_document_text("funds", "total", "full_year_budget"),
        executed=_document_text("funds", "total", "executed"),
        open_rectifications=_count(unconfirmed),
        overdue_rectifications=_count(unconfirmed.filter(deadline__lt=today)),
    ).values("pk", "budget", "executed", "open_rectifications", "overdue_rectifications")
    return {r["pk"]: ApplicationDetail(r["budget"], r["executed"], r["open_rectifications"],
                                       r["overdue_rectifications"]) for r in rows}


def application_filtered(rows: ApplicationResults, *, year: int | None = None,
                         department_id: int | None = None, q: str = "",
                         grade: str | None = None, treatment: str = "",
                         ) -> ApplicationResults:
    """`application_rows` narrowed by year, department, text (project or unit name), the
    stored self grade and the treatment code; empty values mean any."""
    if year:
        rows = rows.filter(fiscal_year=year)
    if department_id:
        rows = rows.filter(department_id=department_id)
    if q:
        rows = rows.filter(Q(project__name__icontains=q) | Q(unit__name__icontains=q))
    if grade is not None:
        rows = rows.filter(grade=grade)
    if treatment:
        rows = rows.filter(treatment=treatment)
    return rows
