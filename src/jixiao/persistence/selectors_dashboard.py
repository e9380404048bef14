"""Aggregate reads behind the dashboards: grouped counts and sums over an already scoped,
already filtered queryset of stored results (`services.access.visible_results` +
`selectors_results.results_filtered`). Each function is one query whatever the number of
projects; the charts' tables are built from what they return by `domain.dashboard`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from jixiao.domain.dashboard import EXECUTION_BANDS, NO_RATE
from jixiao.domain.money import round_half_up
from jixiao.persistence.models import Organisation, Review
from jixiao.persistence.models_results import EvaluationResult

Results = QuerySet[EvaluationResult]


def _cents(value: Decimal | None) -> Decimal | None:
    """A sum of 2-place values, exact: SQLite sums decimals as floats, so its answer can be
    off by far less than a cent; PostgreSQL's is exact already."""
    return None if value is None else round_half_up(Decimal(value), 2)


@dataclass(frozen=True)
class OrgSummary:
    """Per organisation: counts by grade, counts by monitoring light, Σ total and scored."""

    grades: list[tuple[int | None, str, int]]
    lights: list[tuple[int | None, str, int]]
    sums: list[tuple[int | None, Decimal | None, int]]


def org_summary(results: Results, by: str) -> OrgSummary:
    """Grade counts, monitoring-light counts and score sums grouped by `by`
    ("department_id" or "unit_id"), from ONE grouped scan of the rows."""
    grades: Counter[tuple[int | None, str]] = Counter()
    lights: Counter[tuple[int | None, str]] = Counter()
    totals: dict[int | None, Decimal] = {}
    scored: Counter[int | None] = Counter()
    for org, grade, light, n, s, k in (
            results.order_by().values_list(by, "grade", "monitoring_light")
            .annotate(n=Count("pk"), s=Sum("total"), k=Count("total"))
            .values_list(by, "grade", "monitoring_light", "n", "s", "k")):
        grades[(org, grade)] += n
        if light:
            lights[(org, light)] += n
        if k:
            totals[org] = totals.get(org, Decimal(0)) + (_cents(s) or Decimal(0))
            scored[org] += k
    return OrgSummary([(o, g, n) for (o, g), n in grades.items()],
                      [(o, li, n) for (o, li), n in lights.items()],
                      [(o, totals[o], scored[o]) for o in totals])


def execution_counts(results: Results) -> dict[str, int]:
    """Projects per execution-rate band (`domain.dashboard.EXECUTION_BANDS`) and without a
    rate, in one conditional-count query."""
    counts: dict[str, Any] = {}
    labels = {}
    for i, band in enumerate(EXECUTION_BANDS):
        condition = Q(execution_rate__isnull=False)
        if band.low is not None:
            condition &= Q(execution_rate__gte=band.low)
        if band.high is not None:
            condition &= Q(execution_rate__lt=band.high)
        counts[f"band{i}"] = Count("pk", filter=condition)  # aliases are SQL: no "%" in them
        labels[f"band{i}"] = band.label
    counts["none"] = Count("pk", filter=Q(execution_rate__isnull=True))
    labels["none"] = NO_RATE
    return {labels[k]: v or 0 for k, v in results.order_by().aggregate(**counts).items()}


def review_sums(results: Results, by: str
                ) -> list[tuple[int | None, Decimal | None, Decimal | None, int, int]]:
    """Per organisation, of the 复核 of projects among `results`: (id, Σ self total,
    Σ 复核 total, reviews, reviews whose grade changed)."""
    key = f"item__project__result__{by.removesuffix('_id')}"
    rows = (Review.objects.filter(item__project__result__in=results.order_by())
            .order_by().values_list(key)
            .annotate(s=Sum("self_total"), r=Sum("review_total"), n=Count("pk"),
                      changed=Count("pk", filter=~Q(self_grade=F("review_grade"))))
            .values_list(key, "s", "r", "n", "changed"))
    return [(org, _cents(s), _cents(r), n, changed) for org, s, r, n, changed in rows]


def year_stats(results: Results) -> list[tuple[int, int, Decimal | None, int, int]]:
    """Per fiscal year: (year, projects, Σ total, scored projects, 优 projects)."""
    rows = (results.order_by().values_list("fiscal_year")
            .annotate(p=Count("pk"), s=Sum("total"), n=Count("total"),
                      e=Count("pk", filter=Q(grade="优")))
            .values_list("fiscal_year", "p", "s", "n", "e"))
    return [(year, p, _cents(s), n, e) for year, p, s, n, e in rows]


def organisation_names(ids: set[int | None]) -> dict[int | None, str]:
    """Names of the given organisations, one query."""
    wanted = [i for i in ids if i is not None]
    return dict(Organisation.objects.filter(pk__in=wanted).values_list("pk", "name"))


def organisation_choices(parent_id: int, kind: str) -> list[tuple[int, str]]:
    """(id, name) of the organisations of `kind` directly under `parent_id`, by name."""
    return list(Organisation.objects.filter(parent_id=parent_id, kind=kind)
                .order_by("name").values_list("pk", "name"))


def organisation_in_scope(org_id: int, scope_id: int | None) -> bool:
    """Whether organisation `org_id` is `scope_id` or lies under it (two levels at most:
    bureau → department → unit)."""
    if scope_id is None:
        return False
    chain = Organisation.objects.filter(pk=org_id).values_list("pk", "parent_id",
                                                               "parent__parent_id").first()
    return chain is not None and scope_id in chain
