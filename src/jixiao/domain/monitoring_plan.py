"""The monitoring plan (`monitoring:` block) as data: lights, completion judgements,
thresholds, snapshots (RULES.md §5–6). The evaluation of a plan is `jixiao.domain.monitoring`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction

from jixiao.domain.periods import DEFAULT_QUARTER_BENCHMARKS, ProgressBasis

__all__ = [
    "DEVIATION_CAUSES",
    "Completion",
    "IndicatorProgress",
    "Light",
    "MonitoringPlan",
    "MonitoringSettings",
    "Snapshot",
    "Thresholds",
]

#: 偏差原因分析 tick boxes of the monitoring table (RULES.md §5, 待核).
DEVIATION_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")


class Light(str, Enum):
    """预警灯: green on track, yellow watch, red act (暂缓或停止拨款 may follow, RULES.md §5).

    `NOT_JUDGED` (未评价) is the execution light when it cannot be judged (no time elapsed —
    January on the month basis — or a zero budget). It is never green, because green reads
    as "on track"; it ranks below green, so a project with judged indicators takes their
    light, and one with nothing judged stays 未评价.
    """

    NOT_JUDGED = "not-judged"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"not-judged": "未评价", "green": "绿灯", "yellow": "黄灯",
                "red": "红灯"}[self.value]

    @property
    def rank(self) -> int:
        return ("not-judged", "green", "yellow", "red").index(self.value)


class Completion(str, Enum):
    """完成目标可能性: the unit's judgement of whether the annual target will be met."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    IMPOSSIBLE = "impossible"

    @property
    def label(self) -> str:
        return {"certain": "确定能", "possible": "有可能", "impossible": "完全不可能"}[self.value]

    @property
    def light(self) -> Light:
        return {"certain": Light.GREEN, "possible": Light.YELLOW,
                "impossible": Light.RED}[self.value]

    @classmethod
    def parse(cls, text: str) -> Completion:
        key = text.strip()
        for item in cls:
            # 黄石 writes 不可能 for 完全不可能 (RULES.md §5)
            if key in (item.value, item.label) or (item is cls.IMPOSSIBLE and key == "不可能"):
                return item
        raise ValueError(f"未知的完成可能性 {text!r}（可用：确定能 / 有可能 / 完全不可能，"
                         "或 certain / possible / impossible）")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Execution rate as a fraction of time progress: red below `red_below`, green from
    `green_from`, yellow in between (defaults 60% and 80%)."""

    red_below: Decimal = Decimal("0.60")
    green_from: Decimal = Decimal("0.80")

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.red_below <= self.green_from:
            raise ValueError("阈值应满足 0 ≤ 红灯线 ≤ 绿灯线 / need 0 <= red_below <= green_from")

    def light(self, ratio: Decimal | Fraction) -> Light:
        if ratio < Fraction(self.red_below):
            return Light.RED
        return Light.YELLOW if ratio < Fraction(self.green_from) else Light.GREEN


@dataclass(frozen=True, slots=True)
class MonitoringSettings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    quarter_benchmarks: tuple[Decimal, ...] = DEFAULT_QUARTER_BENCHMARKS
    basis: ProgressBasis = ProgressBasis.MONTH


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """One indicator's row in a snapshot; `name` matches an indicator of the evaluation.

    progress: 1-7月执行情况 (number, or text for qualitative indicators).
    expected_actual: 全年预计完成情况. causes: ticked 偏差原因 (`DEVIATION_CAUSES`).
    reason: 原因说明 (required unless `completion` is 确定能).
    """

    name: str
    completion: Completion
    progress: Decimal | str | None = None
    expected_actual: Decimal | str | None = None
    causes: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the unit reported on `as_of`: executed to date (optional when a ledger is
    given), 全年预计执行数, progress towards the annual goal, and indicator rows."""

    as_of: date
    executed: Decimal | None = None
    expected_full_year: Decimal | None = None
    goal_progress: str = ""
    indicators: tuple[IndicatorProgress, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitoringPlan:
    """The `monitoring:` block of an evaluation file."""

    settings: MonitoringSettings = field(default_factory=MonitoringSettings)
    snapshots: tuple[Snapshot, ...] = ()

    def snapshot_for(self, as_of: date) -> Snapshot | None:
        """The latest snapshot taken on or before `as_of`."""
        usable = [s for s in self.snapshots if s.as_of <= as_of]
        return max(usable, key=lambda s: s.as_of) if usable else None
