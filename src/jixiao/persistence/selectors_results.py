"""Reads of stored results for lists, dashboards and exports: filters, orders, counts.

Every function takes an already scoped queryset of `EvaluationResult`
(`services.access.visible_results`) and only narrows, orders or aggregates it, so the
permission rules stay in one place. Filters and orders match the table's indexes
(`models_results.EvaluationResult.Meta.indexes`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, Max, Min, QuerySet

from jixiao.persistence.models_results import EvaluationResult
from jixiao.persistence.routing import read_alias

T = TypeVar("T")

#: Order name → ORDER BY of a list (each ends with the project id: a stable order for paging).
ORDERS: dict[str, tuple[Any, ...]] = {
    "year": ("-fiscal_year", "project_id"),
    "score_desc": ("-score_key", "project_id"),  # unscorable (key -1) last
    "score_asc": ("score_key", "-project_id"),   # unscorable first: the same index backwards
    "findings": ("-errors", "-warnings", "project_id"),
}
#: Scopes with at least this many rows get their counts and years cached for a while
#: (counting a region's 100,000 rows on every page view is the one cost that grows with N).
CACHE_FROM_ROWS = 10_000
CACHE_SECONDS = 30
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


def results_slice(ordered: QuerySet[EvaluationResult], start: int,
                  stop: int) -> list[EvaluationResult]:
    """Rows `start`…`stop` of an ordered list (`results_ordered`), as `ordered[start:stop]`
    gives them, in two queries: first the keys of those rows alone, then the rows with
    their joins. The first query reads only the list's composite index (every column of
    the order and the key are in it), so skipping 25,000 rows for page 500 skips index
    entries; `ordered[start:stop]` in one query made PostgreSQL fetch and join every
    skipped row (1.3 s for page 500 of 100,000 projects). Page numbers stay as they are."""
    keys = list(ordered.values_list("pk", flat=True)[start:stop])
    if not keys:
        return []
    found = {row.pk: row for row in ordered.filter(pk__in=keys).order_by()}
    return [found[key] for key in keys if key in found]  # a row deleted meanwhile is left out


def results_counts(results: QuerySet[EvaluationResult]) -> dict[str, dict[str, int]]:
    """Counts by workflow state and by grade ("" for not scorable), one query each; for a
    scope of `CACHE_FROM_ROWS` or more, cached for `CACHE_SECONDS` (per filter)."""
    def count() -> dict[str, dict[str, int]]:
        rows = results.using(read_alias()).order_by()  # counts tolerate replica lag
        states = dict(rows.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
        grades = dict(rows.values_list("grade").annotate(n=Count("pk")).values_list("grade", "n"))
        return {"states": states, "grades": grades}

    return _cached("counts", results, count, lambda c: sum(c["states"].values()))


def results_years(results: QuerySet[EvaluationResult]) -> list[int]:
    """The fiscal years from the newest to the oldest present, newest first (from MIN and
    MAX, which the list indexes answer without reading every row)."""
    bounds = results.order_by().aggregate(low=Min("fiscal_year"), high=Max("fiscal_year"))
    if bounds["low"] is None:
        return []
    return list(range(bounds["high"], bounds["low"] - 1, -1))


def _cached(kind: str, results: QuerySet[EvaluationResult], compute: Callable[[], T],
            size: Callable[[T], int]) -> T:
    """`compute()`, remembered for `CACHE_SECONDS` when `size(value)` ≥ `CACHE_FROM_ROWS`."""
    import hashlib

    from django.core.cache import cache

    key = "jixiao-results-" + kind + "-" + hashlib.sha256(
        str(results.order_by().query).encode()).hexdigest()[:32]
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        if size(value) >= CACHE_FROM_ROWS:
            cache.set(key, value, CACHE_SECONDS)
    return value
