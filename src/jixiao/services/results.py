"""Stored results (`persistence.models_results.EvaluationResult`): written on every change of
an evaluation or its workflow state (`result_store`, one call in each save path) and in bulk
for a rule change (`results_rescore`, `jixiao rescore`).

Bulk re-scoring reads projects in primary-key chunks as plain values (one query per chunk,
no model objects, no copies, no text round trip), maps each stored document with the same
validating mapping as the save path (`mappers.evaluation_from_stored`), scores it and
upserts the chunk's rows in one statement. Memory stays flat in the number of projects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.findings import Severity
from jixiao.domain.indicators import COST, OUTCOME, OUTPUT, SATISFACTION
from jixiao.domain.money import round_half_up
from jixiao.domain.rulesets import DEFAULT_RULESET, RULESETS
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation
from jixiao.persistence.bulk import upsert_rows
from jixiao.persistence.mappers import (
    evaluation_from_project,
    evaluation_from_stored,
    registered_document,
)
from jixiao.persistence.models import Organisation, Project
from jixiao.persistence.models_results import EvaluationResult
from jixiao.persistence.selectors_review import latest_reviews
from jixiao.services.monitoring_status import latest_light

#: Findings that demand a written explanation before submission (RULES.md §3.8: score below
#: weight; §3.6/§10 A6: actual ≥ 130 % of target; §10 A7: a manual score needs a reason).
#: Once explained, the scoring core lowers them to `info` or drops them.
REASON_DEMANDED = ("deviation-reason-missing", "over-completion", "override-reason-missing")

#: Category → column of `EvaluationResult`.
CATEGORY_COLUMNS = {COST: "score_cost", OUTPUT: "score_output", OUTCOME: "score_outcome",
                    SATISFACTION: "score_satisfaction"}
#: Columns written besides the key (the upsert's update list).
RESULT_FIELDS = (
    "fiscal_year", "unit_id", "department_id", "finance_id", "state", "scorable", "error",
    "total", "grade", "execution_rate", "execution_score", *CATEGORY_COLUMNS.values(),
    "categories", "errors", "warnings", "infos", "reason_missing", "finding_codes",
    "ruleset_name", "ruleset_version", "scored_at", "score_key",
    "monitoring_light",
)
RESULT_COLUMNS = ("project_id", *RESULT_FIELDS)
#: What bulk re-scoring writes: the result columns and the latest 复核 (so a row rebuilt
#: from scratch equals the one the save path and `review_save` keep up to date).
RESCORE_COLUMNS = (*RESULT_COLUMNS, "review_total", "review_grade")
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


def result_values(scored: ScoredEvaluation | None, error: str = "") -> dict[str, Any]:
    """The score-dependent columns of a result row (without place, state and time)."""
    if scored is None:
        return {"scorable": False, "error": error[:2000], "total": None, "grade": "",
                "execution_rate": None, "execution_score": None,
                **dict.fromkeys(CATEGORY_COLUMNS.values()), "categories": {}, "errors": 0,
                "warnings": 0, "infos": 0, "reason_missing": False, "finding_codes": "",
                "ruleset_name": "", "ruleset_version": "", "score_key": Decimal(-1),
                "monitoring_light": ""}
    execution = scored.budget_execution
    rate = execution.rate
    columns: dict[str, Any] = dict.fromkeys(CATEGORY_COLUMNS.values())
    categories = {}
    for name, category in scored.categories.items():
        score = round_half_up(category.score, 2)
        categories[name] = {"weight": str(category.weight), "score": str(score)}
        column = CATEGORY_COLUMNS.get(name)
        if column is not None:
            columns[column] = score
    errors = warnings = infos = 0
    reason_missing = False
    codes = set()
    for finding in scored.findings:
        severity = finding.severity
        if severity is _ERROR:
            errors += 1
        elif severity is _WARNING:
            warnings += 1
        else:
            infos += 1
            continue
        codes.add(finding.code)
        if finding.code in REASON_DEMANDED:
            reason_missing = True
    return {
        "scorable": True, "error": "", "total": scored.total, "grade": scored.grade,
        "execution_rate": None if rate is None else round_half_up(rate, 4),
        "execution_score": execution.score, **columns, "categories": categories,
        "errors": errors, "warnings": warnings, "infos": infos,
        "reason_missing": reason_missing, "finding_codes": ",".join(sorted(codes))[:500],
        "ruleset_name": scored.ruleset.name, "ruleset_version": scored.ruleset.version,
        "score_key": scored.total,
        "monitoring_light": latest_light(scored.evaluation),
    }


def result_store(project: Project, scored: ScoredEvaluation | None = None,
                 error: str = "") -> EvaluationResult:
    """Score `project` (unless `scored` is given) and store its result row.

    Called by every service that changes a project's evaluation or workflow state, inside
    its transaction, so the row never disagrees with the document it was computed from.
    """
    if scored is None and not error:
        try:
            scored = score_evaluation(evaluation_from_project(project))
        except InputError as err:
            error = str(err)
    unit = project.unit
    department = unit.parent
    values = result_values(scored, error)
    values.update(fiscal_year=project.fiscal_year, unit_id=unit.pk,
                  department_id=department.pk if department else None,
                  finance_id=department.parent_id if department else None,
                  state=project.state, scored_at=timezone.now())
    result, _ = EvaluationResult.objects.update_or_create(project_id=project.pk,
                                                          defaults=values)
    return result


def result_review_store(*, project_id: int, total: Decimal, grade: str) -> None:
    """Record the project's latest 复核 on its result row (inside the caller's
    transaction); bulk re-scoring writes the same values from the reviews
    (`selectors_review.latest_reviews`)."""
    EvaluationResult.objects.filter(project_id=project_id).update(review_total=total,
                                                                  review_grade=grade)


@dataclass(frozen=True)
class RescoreReport:
    """What `results_rescore` did."""

    projects: int
    unscorable: int
    seconds: float
    processes: int = 1


#: Rows per chunk: one SELECT and one upsert each. Large enough that per-query cost is
#: small, small enough that memory stays flat (≈ 2,000 × a few KB of documents).
CHUNK = 2000


def rescore_queryset(*, year: int | None = None, ruleset: str | None = None) -> Any:
    """The projects `results_rescore` covers: all, or one year, or one rule set's."""
    projects = Project.objects.all()
    if year is not None:
        projects = projects.filter(fiscal_year=year)
    if ruleset is not None:
        condition = Q(document__ruleset=ruleset)
        if ruleset == DEFAULT_RULESET:
            condition |= Q(document__ruleset__isnull=True)
        projects = projects.filter(condition)
    return projects


def results_rescore(*, year: int | None = None, ruleset: str | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    chunk: int = CHUNK, jobs: int = 1) -> RescoreReport:
    """Re-score every selected project and store its result, chunk by chunk.

    `progress(done, total)` is called after each chunk (after each slice with `jobs` > 1).
    Each chunk is its own transaction: an interrupted run leaves every stored row
    consistent (old or new), never half-written. `jobs` > 1 splits the projects by key
    range over that many processes (each with its own database connection); it falls back
    to one process where children cannot see the data (an in-memory SQLite database, or
    inside a transaction whose rows are not committed yet).

    Raises:
        KeyError: `ruleset` is not a known rule set.
    """
    import time

    if ruleset is not None and ruleset not in RULESETS:
        raise KeyError(f"未知的规则集 {ruleset!r}（可用：{'、'.join(sorted(RULESETS))}）")
    started = time.perf_counter()
    projects = rescore_queryset(year=year, ruleset=ruleset)
    total = projects.count()
    processes = jobs if jobs > 1 and total > chunk and _children_see_the_data() else 1
    if processes > 1:
        done, unscorable = _rescore_parallel(projects, total, jobs, chunk, progress,
                                             year=year, ruleset=ruleset)
    else:
        done = unscorable = 0
        for scored, failed in _rescored_chunks(projects, chunk, _organisations()):
            done += scored
            unscorable += failed
            if progress is not None:
                progress(done, total)
    return RescoreReport(done, unscorable, time.perf_counter() - started, processes)


def _rescored_chunks(projects: Any, chunk: int,
                     orgs: dict[int, tuple[str, int | None, int | None, str, str]]
                     ) -> Iterator[tuple[int, int]]:
    """Re-score `projects` chunk by chunk; (rows stored, of which unscorable) per chunk."""
    for rows in _chunks(projects, chunk):
        yield _rescore_rows(rows, orgs)


def _rescore_rows(rows: list[tuple[Any, ...]],
                  orgs: dict[int, tuple[str, int | None, int | None, str, str]]
                  ) -> tuple[int, int]:
    """Score one chunk of value rows and upsert their results in one transaction;
    returns (rows stored, of which unscorable)."""
    now = timezone.now()
    unscorable = 0
    results: list[tuple[Any, ...]] = []
    reviews = latest_reviews([row[0] for row in rows])
    for pk, name, fiscal_year, state, unit_id, document in rows:
        unit_name, department_id, finance_id, department_name, region = orgs[unit_id]
        stored = registered_document(document, name=name, fiscal_year=fiscal_year,
                                     unit=unit_name, department=department_name,
                                     region=region)
        try:
            values = result_values(score_evaluation(evaluation_from_stored(stored, pk)))
        except InputError as err:
            values = result_values(None, str(err))
            unscorable += 1
        values.update(fiscal_year=fiscal_year, unit_id=unit_id, department_id=department_id,
                      finance_id=finance_id, state=state, scored_at=now)
        results.append((pk, *[values[c] for c in RESULT_FIELDS], *reviews.get(pk, (None, ""))))
    with transaction.atomic():
        upsert_rows(EvaluationResult, "project_id", RESCORE_COLUMNS, results)
    return len(results), unscorable


def _children_see_the_data() -> bool:
    """Whether other processes would read what this one reads: not for an in-memory
    SQLite database, nor inside an open transaction (its rows are not committed)."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        return False
    return not (isinstance(connection, SQLiteWrapper) and connection.is_in_memory_db())


#: Key-range slices per process: enough that a slow slice does not leave a core idle at
#: the end, and that progress moves often.
SLICES_PER_JOB = 8


def _rescore_parallel(projects: Any, total: int, jobs: int, chunk: int,
                      progress: Callable[[int, int], None] | None, *,
                      year: int | None, ruleset: str | None) -> tuple[int, int]:
    """`results_rescore` over `jobs` forked processes, each scoring key-range slices of
    the selected projects with its own database connection."""
    import multiprocessing

    from django.db import connections
    from django.db.models import Max, Min

    bounds = projects.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = bounds["low"], bounds["high"] + 1
    count = max(1, min(jobs * SLICES_PER_JOB, total // chunk + 1))
    step = -(-(high - low) // count)
    slices = [(year, ruleset, chunk, start, min(start + step, high))
              for start in range(low, high, step)]
    # the organisation tree is read once here and inherited by the forked children
    global _SLICE_ORGS
    _SLICE_ORGS = _organisations()
    # a forked child must not share the parent's socket: close first, each side reconnects
    connections.close_all()
    done = unscorable = 0
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for scored, failed in pool.imap_unordered(_rescore_slice, slices):
            done += scored
            unscorable += failed
            if progress is not None:
                progress(done, total)
    return done, unscorable


#: The organisation tree of a parallel run, set by the parent before it forks.
_SLICE_ORGS: dict[int, tuple[str, int | None, int | None, str, str]] = {}


def _rescore_slice(job: tuple[int | None, str | None, int, int, int]) -> tuple[int, int]:
    """In a child process: re-score the selected projects with keys in [start, stop)."""
    year, ruleset, chunk, start, stop = job
    projects = rescore_queryset(year=year, ruleset=ruleset).filter(pk__gte=start,
                                                                   pk__lt=stop)
    counts = list(_rescored_chunks(projects, chunk, _SLICE_ORGS))
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def _chunks(projects: Any, size: int) -> Iterator[list[tuple[Any, ...]]]:
    """Plain value rows of `projects` by ascending primary key, `size` at a time (keyset
    pagination: each query starts after the last key, so none scans what was read)."""
    after = 0
    columns = ("pk", "name", "fiscal_year", "state", "unit_id", "document")
    while True:
        rows = list(projects.filter(pk__gt=after).order_by("pk").values_list(*columns)[:size])
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _organisations() -> dict[int, tuple[str, int | None, int | None, str, str]]:
    """unit id → (unit name, department id, finance id, department name, region), for every
    organisation (a region has thousands, not millions: one query)."""
    nodes = {pk: (name, parent, region) for pk, name, parent, region in
             Organisation.objects.values_list("pk", "name", "parent_id", "region")}
    out: dict[int, tuple[str, int | None, int | None, str, str]] = {}
    for pk, (name, parent, region) in nodes.items():
        department = nodes.get(parent) if parent is not None else None
        finance_id = department[1] if department else None
        finance = nodes.get(finance_id) if finance_id is not None else None
        chain_region = region or (department[2] if department else "") or (
            finance[2] if finance else "")
        out[pk] = (name, parent, finance_id, department[0] if department else name, chain_region)
    return out


def result_on_create(sender: type[Project], instance: Project, created: bool = False,
                     raw: bool = False, **kwargs: Any) -> None:
    """post_save handler: a newly created project gets its result row in the same
    transaction (bulk inserts, which send no signal, are followed by `results_rescore`)."""
    if created and not raw:
        result_store(Project.objects.select_related("unit__parent").get(pk=instance.pk))


def results_missing() -> bool:
    """True when some project has no stored result (a database from before stored results,
    or rows inserted in bulk without re-scoring): `jixiao serve` then fills them in."""
    return Project.objects.filter(result__isnull=True).exists()
