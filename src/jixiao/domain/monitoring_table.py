"""项目支出绩效目标执行监控表 (RULES.md §5, 待核) as data, for the documents and web layers.

The table has a funds part (年初预算数 | 1-7月执行数 | 1-7月执行率 | 全年预计执行数), the
annual goal with its progress, and one row per indicator (年度指标值 | 1-7月执行情况 |
全年预计完成情况 | 偏差原因分析 ticks | 完成目标可能性 | 原因说明). The period label follows
`as_of` ("1-7月" on 31 July, "1月1日-7月15日" mid-month). Renderers only lay it out.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.money import round_half_up

if TYPE_CHECKING:
    from jixiao.domain.monitoring import MonitoringResult

__all__ = ["TITLE", "MonitoringRow", "MonitoringTable", "monitoring_table", "period_label"]

TITLE = "项目支出绩效目标执行监控表"


def period_label(as_of: date) -> str:
    """``1-7月`` at a month end, ``1月1日-7月15日`` otherwise (the year is in the header)."""
    if as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]:
        return "1月" if as_of.month == 1 else f"1-{as_of.month}月"
    return f"1月1日-{as_of.month}月{as_of.day}日"


@dataclass(frozen=True, slots=True)
class MonitoringRow:
    """One indicator row; `causes` are ticks in the order of `DEVIATION_CAUSES`."""

    category: str
    subcategory: str
    name: str
    target: str
    progress: str
    expected: str
    causes: tuple[bool, ...]
    completion: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"category": self.category, "subcategory": self.subcategory, "name": self.name,
                "target": self.target, "progress": self.progress, "expected": self.expected,
                "causes": list(self.causes), "completion": self.completion,
                "reason": self.reason}


@dataclass(frozen=True, slots=True)
class MonitoringTable:
    """The whole table; amounts in 元, `rate` an unrounded fraction (None for a 0 budget)."""

    period: str
    fiscal_year: int
    project: str
    department: str
    unit: str
    initial_budget: Decimal | None
    executed: Decimal
    rate: Decimal | None
    expected_full_year: Decimal | None
    goal: str
    goal_progress: str
    cause_labels: tuple[str, ...]
    rows: tuple[MonitoringRow, ...]
    title: str = TITLE

    @property
    def columns(self) -> tuple[str, ...]:
        """Indicator-part column headers, with this table's period."""
        return ("一级指标", "二级指标", "三级指标", "年度指标值", f"{self.period}执行情况",
                "全年预计完成情况", *(f"偏差原因分析：{c}" for c in self.cause_labels),
                "完成目标可能性", "原因说明")

    def to_json(self) -> dict[str, object]:
        def money(x: Decimal | None) -> str | None:
            return None if x is None else str(x)

        return {
            "title": self.title, "period": self.period, "fiscal_year": self.fiscal_year,
            "project": self.project, "department": self.department, "unit": self.unit,
            "funds": {"initial_budget": money(self.initial_budget),
                      "executed": money(self.executed),
                      "rate": None if self.rate is None else str(round_half_up(self.rate, 4)),
                      "expected_full_year": money(self.expected_full_year)},
            "goal": self.goal, "goal_progress": self.goal_progress,
            "cause_labels": list(self.cause_labels), "columns": list(self.columns),
            "rows": [r.to_json() for r in self.rows],
        }


def _target_text(ind: Indicator) -> str:
    if ind.operator is Operator.QUALITATIVE:
        return str(ind.target)
    return f"{ind.operator.symbol}{ind.target}{ind.unit_of_measure}"


def _text(value: object, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{value}{unit}" if isinstance(value, Decimal) else str(value)


def monitoring_table(result: MonitoringResult) -> MonitoringTable:
    """Build the monitoring table of one project's monitoring result."""
    from jixiao.domain.monitoring import DEVIATION_CAUSES

    ev = result.evaluation
    statuses = {s.index: s for s in result.indicators}
    rows = []
    for i, ind in enumerate(ev.indicators):
        s = statuses.get(i)
        unit = "" if ind.operator is Operator.QUALITATIVE else ind.unit_of_measure
        if s is None:
            rows.append(MonitoringRow(ind.category, ind.subcategory, ind.name, _target_text(ind),
                                      "", "", (False,) * len(DEVIATION_CAUSES), "", ""))
            continue
        p = s.progress
        rows.append(MonitoringRow(
            ind.category, ind.subcategory, ind.name, _target_text(ind),
            _text(p.progress, unit), _text(p.expected_actual, unit),
            tuple(c in p.causes for c in DEVIATION_CAUSES), p.completion.label, p.reason))
    snap = result.snapshot
    return MonitoringTable(
        period=period_label(result.as_of), fiscal_year=ev.project.fiscal_year,
        project=ev.project.name, department=ev.project.department, unit=ev.project.unit,
        initial_budget=ev.funds.total.initial_budget, executed=result.execution.executed,
        rate=result.execution.rate,
        expected_full_year=None if snap is None else snap.expected_full_year,
        goal=ev.goals.expected, goal_progress="" if snap is None else snap.goal_progress,
        cause_labels=DEVIATION_CAUSES, rows=tuple(rows))
