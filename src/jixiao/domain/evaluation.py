"""One project's self-evaluation (项目支出绩效自评表) as immutable data.

This mirrors `format: jixiao.evaluation/1` (CONTRACTS.md §2). Amounts are 元 as `Decimal`.
Loading files lives in `jixiao.ingest.evaluation_file`; scoring in `jixiao.domain.scoring`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.indicators import Indicator

__all__ = ["FUND_SOURCES", "Evaluation", "FundRow", "Funds", "Goals", "Project"]

#: Fund-source rows under 年度资金总额, in the order of the official form, with labels.
FUND_SOURCES: dict[str, str] = {
    "current_appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other_funds": "其他资金",
}


@dataclass(frozen=True, slots=True)
class Project:
    """项目名称, 主管部门, 实施单位, 年度 and (optionally) 地区."""

    name: str
    department: str
    unit: str
    fiscal_year: int
    region: str = ""


@dataclass(frozen=True, slots=True)
class FundRow:
    """One row of the funds block, in 元: 年初预算数, 全年预算数 (调整后), 全年执行数."""

    initial_budget: Decimal | None
    full_year_budget: Decimal
    executed: Decimal


@dataclass(frozen=True, slots=True)
class Funds:
    """The funds block: 年度资金总额 and the optional fund-source rows (`FUND_SOURCES`)."""

    total: FundRow
    current_appropriation: FundRow | None = None
    carryover: FundRow | None = None
    other_funds: FundRow | None = None

    def sources(self) -> list[tuple[str, FundRow]]:
        """The fund-source rows that are present, as ``(key, row)`` in form order."""
        rows = [(key, getattr(self, key)) for key in FUND_SOURCES]
        return [(key, row) for key, row in rows if row is not None]


@dataclass(frozen=True, slots=True)
class Goals:
    """年度总体目标: 预期目标 and 实际完成情况."""

    expected: str = ""
    actual: str = ""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A project's self-evaluation as declared: no scores computed yet.

    `narrative` holds the free-text sections of the 自评报告 (keys documented in the
    format's schema); `extensions` keeps optional blocks other layers understand
    (monitoring snapshots, ledgers) without the scoring core depending on them.
    """

    project: Project
    funds: Funds
    indicators: tuple[Indicator, ...]
    goals: Goals = field(default_factory=Goals)
    ruleset: str | None = None
    narrative: tuple[tuple[str, str], ...] = ()
    extensions: tuple[tuple[str, object], ...] = ()

    def narrative_text(self, key: str) -> str:
        """The narrative section `key`, or "" when absent."""
        return dict(self.narrative).get(key, "")

    def extension(self, key: str) -> object | None:
        """An optional extension block by name, or None."""
        return dict(self.extensions).get(key)


def total_weight(indicators: tuple[Indicator, ...]) -> Decimal:
    """Sum of the indicators' weights."""
    return sum((i.weight for i in indicators), Decimal(0))
