"""统计分析 (dashboards) for the finance bureau and departments: grade and execution-rate
distributions, ranking, self-score against 复核, year on year. Every figure is computed in
the database from the stored result rows (`EvaluationResult`), scoped by
`visible_results`; each chart is a table (headers + rows) that the page draws with ECharts
and offers as xlsx.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet

from jixiao.domain.money import round_half_up
from jixiao.persistence.models import EvaluationResult, Review, User
from jixiao.persistence.selectors_results import GRADES
from jixiao.services.access import require_role, visible_results

#: Execution-rate bands (lower bound inclusive, as a fraction) and their labels.
RATE_BANDS = ((Decimal("0"), "低于60%"), (Decimal("0.6"), "60%–80%"), (Decimal("0.8"), "80%–90%"),
              (Decimal("0.9"), "90%–100%"), (Decimal("1"), "100%及以上"))


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # bar | line
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]
    #: The columns drawn as series (the first column labels the axis).
    plot: tuple[int, ...] = (1,)


def _scope(actor: User, year: int | None, department_id: int | None
           ) -> tuple[QuerySet[EvaluationResult], QuerySet[EvaluationResult]]:
    """(every year, the chosen year) of the actor's scorable results."""
    require_role(actor, User.Role.FINANCE, User.Role.DEPARTMENT)
    results = visible_results(actor).filter(scorable=True)
    if department_id:
        results = results.filter(department_id=department_id)
    return results, (results.filter(fiscal_year=year) if year else results)


def dashboard(*, actor: User, year: int | None = None,
              department_id: int | None = None) -> dict[str, Chart]:
    """The charts for the actor's scope, `year` (all years when None) and department."""
    every_year, results = _scope(actor, year, department_id)
    grades = dict(results.order_by().values_list("grade").annotate(n=Count("pk")))
    charts = {"grades": Chart("等级分布", "bar", ("等级", "项目数"),
                              [(g, grades.get(g, 0)) for g in GRADES])}
    bands = []
    for i, (low, label) in enumerate(RATE_BANDS):
        q = Q(execution_rate__gte=low)
        if i + 1 < len(RATE_BANDS):
            q &= Q(execution_rate__lt=RATE_BANDS[i + 1][0])
        bands.append((label, results.filter(q).count()))
    charts["execution"] = Chart("预算执行率分布", "bar", ("执行率", "项目数"), bands)
    by_dept = (results.order_by().values("department__name")
               .annotate(n=Count("pk"), avg=Avg("total"),
                         low=Count("pk", filter=Q(grade__in=("中", "差"))))
               .order_by("department__name"))
    charts["departments"] = Chart(
        "各主管部门平均分与中差等级数", "bar", ("主管部门", "项目数", "平均分", "中/差"),
        [(d["department__name"] or "—", d["n"],
          round_half_up(Decimal(str(d["avg"])), 2) if d["avg"] is not None else None, d["low"])
         for d in by_dept], plot=(2,))
    ranking = results.select_related("project", "unit").order_by("-total", "project_id")[:10]
    charts["ranking"] = Chart("得分排名（前 10）", "bar", ("项目", "实施单位", "年度", "总分", "等级"),
                              [(r.project.name, r.unit.name, r.fiscal_year, r.total, r.grade)
                               for r in ranking], plot=(3,))
    reviews = (Review.objects.filter(item__project_id__in=results.values("project_id"))
               .select_related("item__project").order_by("item__project__name", "reviewed_at"))
    latest = {r.item.project_id: r for r in reviews}
    charts["review"] = Chart("自评与复核得分", "bar", ("项目", "自评", "复核", "差额"),
                             [(r.item.project.name, r.self_total, r.review_total,
                               r.review_total - r.self_total) for r in latest.values()],
                             plot=(1, 2))
    years = (every_year.order_by().values("fiscal_year")
             .annotate(n=Count("pk"), avg=Avg("total")).order_by("fiscal_year"))
    charts["years"] = Chart("历年平均分", "line", ("年度", "项目数", "平均分"),
                            [(y["fiscal_year"], y["n"],
                              round_half_up(Decimal(str(y["avg"])), 2)) for y in years],
                            plot=(2,))
    return charts
