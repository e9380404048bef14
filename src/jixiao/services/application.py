"""评价结果应用 (RULES.md §8): for each accepted evaluation the treatment the rules allow —
优/良 予以支持, 中/差 核减/调整候选 — and the list for the budget division with the figures
(budget, execution, self-score, 复核 score, open rectifications). No cut amount is ever
computed: the rules give no formula.

Scores and grades come from the stored result rows (`EvaluationResult`), never re-scored;
a 复核 grade, when there is one, takes precedence over the self-assessed grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.application import (
    TREATMENT_RANKS,
    Treatment,
    treatment_codes,
    treatment_for,
)
from jixiao.domain.money import D, NumberFormatError, round_half_up
from jixiao.persistence import selectors_application as sel
from jixiao.persistence.models import User
from jixiao.persistence.models_results import EvaluationResult
from jixiao.persistence.selectors_lists import ordered
from jixiao.services.access import require_role, visible_results


@dataclass(frozen=True)
class ApplicationRow:
    """One line of the budget division's list."""

    project_id: int
    fiscal_year: int
    project: str
    unit: str
    department: str
    budget: Decimal | None
    executed: Decimal | None
    execution_rate: Decimal | None  # percent, 2 places
    self_total: Decimal | None
    self_grade: str
    review_total: Decimal | None
    review_grade: str
    treatment: Treatment
    open_rectifications: int
    overdue_rectifications: int

    @property
    def grade(self) -> str:
        """The grade the treatment rests on: 复核 when reviewed, else the self-assessment."""
        return self.review_grade or self.self_grade


#: Rows of `result_application_query`: `APPLICATION_VALUES` of each stored result.
ApplicationValues = QuerySet[EvaluationResult, dict[str, Any]]
#: The details of a row `application_details` did not find (none: the project is gone).
_NO_DETAIL = sel.ApplicationDetail()


def _amount(text: object) -> Decimal | None:
    """An amount of the stored document (text), or None when absent or not a number."""
    try:
        return D(text) if isinstance(text, str) else None
    except NumberFormatError:
        return None


def result_application_query(*, actor: User, year: int | None = None, treatment: str = "",
                             department_id: int | None = None, q: str = "",
                             grade: str | None = None,
                             sort: str = "priority") -> ApplicationValues:
    """The accepted evaluations in the finance actor's region with their treatment, as
    rows of `APPLICATION_VALUES` (map a page of them with `application_page`), filtered and ordered
    by a column of `APPLICATION_ORDERS` ("-key" reverses; default: newest year, then
    candidates for 核减/调整, then by the score the treatment rests on). One query."""
    require_role(actor, User.Role.FINANCE)
    rows = sel.application_rows(visible_results(actor), treatments=treatment_codes(),
                                ranks=TREATMENT_RANKS)
    rows = sel.application_filtered(rows, year=year, department_id=department_id, q=q,
                                    grade=grade, treatment=treatment)
    values: ApplicationValues = ordered(rows, sel.APPLICATION_ORDERS, sort, "priority").values(
        *sel.APPLICATION_VALUES)
    return values


def application_page(rows: Iterable[dict[str, Any]]) -> list[ApplicationRow]:
    """Rows of `result_application_query` (one page or export chunk) as the list shows
    them, with their budget figures and rectification counts (one more query)."""
    rows = list(rows)
    details = sel.application_details([r["project_id"] for r in rows], timezone.localdate())
    out = []
    for r in rows:
        more = details.get(r["project_id"], _NO_DETAIL)
        rate = r["execution_rate"]
        out.append(ApplicationRow(
            project_id=r["project_id"], fiscal_year=r["fiscal_year"],
            project=r["project__name"], unit=r["unit__name"],
            department=r["department__name"] or "", budget=_amount(more.budget),
            executed=_amount(more.executed),
            execution_rate=None if rate is None else round_half_up(rate * 100, 2),
            self_total=r["total"], self_grade=r["grade"], review_total=r["review_total"],
            review_grade=r["review_grade"],
            treatment=treatment_for(r["review_grade"] or r["grade"]),
            open_rectifications=more.open_rectifications,
            overdue_rectifications=more.overdue_rectifications))
    return out


def application_all(rows: ApplicationValues, limit: int | None = None
                    ) -> Iterator[ApplicationRow]:
    """Every row of a `result_application_query` (at most `limit`), in chunks of 2,000."""
    chunk: list[dict[str, Any]] = []
    for r in (rows if limit is None else rows[:limit]).iterator(chunk_size=2000):
        chunk.append(r)
        if len(chunk) == 2000:
            yield from application_page(chunk)
            chunk = []
    yield from application_page(chunk)


def result_application_list(*, actor: User, year: int | None = None,
                            treatment: str = "") -> list[ApplicationRow]:
    """Every row of `result_application_query` (the API's whole list)."""
    return list(application_all(result_application_query(actor=actor, year=year,
                                                         treatment=treatment)))


HEADERS = ("年度", "项目", "实施单位", "主管部门", "全年预算数（元）", "全年执行数（元）",
           "预算执行率（%）", "自评得分", "自评等级", "复核得分", "复核等级", "应用建议", "依据",
           "未完成整改", "逾期整改")


def result_application_table(rows: Iterable[ApplicationRow]) -> Iterator[tuple[object, ...]]:
    """The export rows (`HEADERS`, the page's columns)."""
    return (
        (r.fiscal_year, r.project, r.unit, r.department, r.budget, r.executed, r.execution_rate,
         r.self_total, r.self_grade, r.review_total, r.review_grade, r.treatment.label,
         r.treatment.basis, r.open_rectifications, r.overdue_rectifications) for r in rows)
