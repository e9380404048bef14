"""评价结果应用 (RULES.md §8): for each accepted evaluation the treatment the rules allow —
优/良 予以支持, 中/差 核减/调整候选 — and the list for the budget division with the figures
(budget, execution, self-score, 复核 score, open rectifications). No cut amount is ever
computed: the rules give no formula.

Scores and grades come from the stored result rows (`EvaluationResult`), never re-scored;
a 复核 grade, when there is one, takes precedence over the self-assessed grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from jixiao.domain.application import Treatment, treatment_for
from jixiao.domain.money import D, NumberFormatError
from jixiao.persistence.models import Project, Rectification, Review, User
from jixiao.services.access import require_role, visible_results
from jixiao.services.exports import table_xlsx


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


def _amount(funds: Any, column: str) -> Decimal | None:
    try:
        return D(((funds or {}).get("total") or {}).get(column))
    except (NumberFormatError, AttributeError, TypeError):
        return None


def result_application_list(*, actor: User, year: int | None = None,
                            treatment: str = "") -> list[ApplicationRow]:
    """The accepted evaluations in the finance actor's region with their treatment,
    year-newest first, then candidates for 核减/调整 first, then by score."""
    require_role(actor, User.Role.FINANCE)
    results = visible_results(actor).filter(state=Project.State.ACCEPTED)
    if year:
        results = results.filter(fiscal_year=year)
    rows = list(results.values("project_id", "fiscal_year", "project__name", "unit__name",
                               "department__name", "total", "grade", "execution_rate",
                               "project__document__funds"))
    ids = [r["project_id"] for r in rows]
    reviews = {r.item.project_id: r for r in Review.objects.filter(item__project_id__in=ids)
               .select_related("item").order_by("reviewed_at")}
    today = timezone.localdate()
    rect = {r["project_id"]: r for r in Rectification.objects.filter(project_id__in=ids)
            .values("project_id").annotate(
                open=Count("pk", filter=~Q(status=Rectification.Status.CONFIRMED)),
                overdue=Count("pk", filter=~Q(status=Rectification.Status.CONFIRMED)
                              & Q(deadline__lt=today)))}
    out = []
    for r in rows:
        review = reviews.get(r["project_id"])
        grade = review.review_grade if review else r["grade"]
        rate = r["execution_rate"]
        out.append(ApplicationRow(
            project_id=r["project_id"], fiscal_year=r["fiscal_year"], project=r["project__name"],
            unit=r["unit__name"], department=r["department__name"] or "",
            budget=_amount(r["project__document__funds"], "full_year_budget"),
            executed=_amount(r["project__document__funds"], "executed"),
            execution_rate=None if rate is None else (rate * 100).quantize(Decimal("0.01")),
            self_total=r["total"], self_grade=r["grade"],
            review_total=review.review_total if review else None,
            review_grade=review.review_grade if review else "",
            treatment=treatment_for(grade),
            open_rectifications=rect.get(r["project_id"], {}).get("open", 0),
            overdue_rectifications=rect.get(r["project_id"], {}).get("overdue", 0)))
    if treatment:
        out = [row for row in out if row.treatment.code == treatment]
    order = {"candidate_cut": 0, "none": 1, "support": 2}
    out.sort(key=lambda x: (-x.fiscal_year, order[x.treatment.code],
                            x.review_total if x.review_total is not None
                            else (x.self_total if x.self_total is not None else Decimal(999)),
                            x.project_id))
    return out


HEADERS = ("年度", "项目", "实施单位", "主管部门", "全年预算数（元）", "全年执行数（元）",
           "预算执行率（%）", "自评得分", "自评等级", "复核得分", "复核等级", "应用建议", "依据",
           "未完成整改", "逾期整改")


def result_application_xlsx(rows: list[ApplicationRow]) -> bytes:
    """The budget division's list as xlsx (same columns as the page)."""
    return table_xlsx("结果应用", HEADERS, (
        (r.fiscal_year, r.project, r.unit, r.department, r.budget, r.executed, r.execution_rate,
         r.self_total, r.self_grade, r.review_total, r.review_grade, r.treatment.label,
         r.treatment.basis, r.open_rectifications, r.overdue_rectifications) for r in rows))


def years_of(rows: list[ApplicationRow]) -> list[int]:
    return sorted({r.fiscal_year for r in rows}, reverse=True)
