"""The numbers behind the dashboards (统计分析), built from aggregates of stored results.

Pure functions: the selectors (`persistence.selectors_dashboard`) return grouped counts and
sums; these turn them into each chart's table (`ChartTable`: headers and rows of exact
numbers), which the web page draws with ECharts and the xlsx download writes cell by cell.
Averages are sums ÷ counts rounded half up to 2 places (`money.round_half_up`), never
floats; a ranking gives tied averages the same rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.money import round_half_up

GRADES = ("优", "良", "中", "差")
#: Stored monitoring light → label, worst first (the order of the stacked bars).
LIGHTS = (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯"), ("not-judged", "未评价"))


@dataclass(frozen=True)
class Band:
    """A range of 预算执行率 (executed ÷ full-year budget): low ≤ rate < high."""

    label: str
    low: Decimal | None
    high: Decimal | None

    def holds(self, rate: Decimal) -> bool:
        return (self.low is None or rate >= self.low) and (self.high is None or rate < self.high)


#: Execution-rate bands; the 60 % and 80 % edges are the monitoring thresholds (RULES.md §5),
#: 90 % and 100 % the common scoring steps.
EXECUTION_BANDS = (
    Band("60%以下", None, Decimal("0.6")),
    Band("60%–80%", Decimal("0.6"), Decimal("0.8")),
    Band("80%–90%", Decimal("0.8"), Decimal("0.9")),
    Band("90%–100%", Decimal("0.9"), Decimal("1")),
    Band("100%及以上", Decimal("1"), None),
)
NO_RATE = "无法计算"


@dataclass(frozen=True)
class ChartTable:
    """One chart's numbers: column headers and rows (str, int or Decimal cells)."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int | Decimal, ...], ...]


def average(total: Decimal | None, count: int) -> Decimal | None:
    """Mean of `count` values summing to `total`, 2 places half up; None for no values."""
    if not count or total is None:
        return None
    return round_half_up(Decimal(total) / count, 2)


def share(part: int, whole: int) -> Decimal:
    """part ÷ whole as a percentage with 2 places (0 for an empty whole)."""
    return round_half_up(Decimal(part) * 100 / whole, 2) if whole else Decimal("0.00")


def grade_table(counts: Iterable[tuple[int | None, str, int]],
                names: Mapping[int | None, str], level: str = "主管部门") -> ChartTable:
    """Grade distribution per organisation: (org id, grade, n) → one row per organisation
    (columns 优 良 中 差 未评分 合计) and a 合计 row."""
    per: dict[int | None, dict[str, int]] = {}
    for org, grade, n in counts:
        key = grade if grade in GRADES else ""
        cell = per.setdefault(org, {})
        cell[key] = cell.get(key, 0) + n
    rows: list[tuple[str | int | Decimal, ...]] = []
    sums = [0] * (len(GRADES) + 2)
    for org in sorted(per, key=lambda o: names.get(o, "")):
        cells = [per[org].get(g, 0) for g in (*GRADES, "")]
        cells.append(sum(cells))
        sums = [a + b for a, b in zip(sums, cells, strict=True)]
        rows.append((names.get(org, "（无）"), *cells))
    rows.append(("合计", *sums))
    return ChartTable("grades", "等级分布", (level, *GRADES, "未评分", "合计"), tuple(rows))


def execution_table(counts: Mapping[str, int]) -> ChartTable:
    """Execution-rate distribution: band label → n (plus `NO_RATE`), with shares."""
    labels = [b.label for b in EXECUTION_BANDS] + [NO_RATE]
    whole = sum(counts.get(label, 0) for label in labels)
    rows = tuple((label, counts.get(label, 0), share(counts.get(label, 0), whole))
                 for label in labels)
    return ChartTable("execution", "预算执行率分布", ("执行率区间", "项目数", "占比（%）"), rows)


def monitoring_table(counts: Iterable[tuple[int | None, str, int]],
                     names: Mapping[int | None, str], level: str = "主管部门") -> ChartTable:
    """Monitoring lights per department: (org id, light, n); projects without monitoring
    are not counted."""
    keys = [k for k, _ in LIGHTS]
    per: dict[int | None, dict[str, int]] = {}
    for org, light, n in counts:
        if light in keys:
            cell = per.setdefault(org, {})
            cell[light] = cell.get(light, 0) + n
    rows: list[tuple[str | int | Decimal, ...]] = [
        (names.get(org, "（无）"), *[per[org].get(k, 0) for k in keys], sum(per[org].values()))
        for org in sorted(per, key=lambda o: names.get(o, ""))]
    return ChartTable("monitoring", "运行监控预警", (level, *[label for _, label in LIGHTS],
                                                     "合计"), tuple(rows))


@dataclass(frozen=True)
class Ranked:
    rank: int
    name: str
    average: Decimal
    count: int


def ranking(sums: Iterable[tuple[int | None, Decimal | None, int]],
            names: Mapping[int | None, str]) -> list[Ranked]:
    """Organisations by average total, highest first; equal averages share a rank
    (competition ranking) and are listed by name. Organisations without a score are left
    out."""
    scored = [(average(total, n), names.get(org, "（无）"), n) for org, total, n in sums]
    ordered = sorted(((a, name, n) for a, name, n in scored if a is not None),
                     key=lambda r: (-r[0], r[1]))
    out: list[Ranked] = []
    for i, (avg, name, n) in enumerate(ordered):
        rank = out[-1].rank if out and out[-1].average == avg else i + 1
        out.append(Ranked(rank, name, avg, n))
    return out


def ranking_table(ranked: list[Ranked], level: str) -> ChartTable:
    return ChartTable("ranking", f"{level}平均分排名", ("名次", level, "平均分", "评分项目数"),
                      tuple((r.rank, r.name, r.average, r.count) for r in ranked))


def review_table(sums: Iterable[tuple[int | None, Decimal | None, Decimal | None, int, int]],
                 names: Mapping[int | None, str], level: str = "主管部门") -> ChartTable:
    """Self-scores vs 复核 per department: (org, Σ self, Σ 复核, reviews, grade changes)."""
    rows = []
    for org, self_sum, review_sum, n, changed in sorted(sums, key=lambda r: names.get(r[0], "")):
        self_avg, review_avg = average(self_sum, n), average(review_sum, n)
        diff = (review_avg - self_avg if self_avg is not None and review_avg is not None
                else Decimal("0.00"))
        rows.append((names.get(org, "（无）"), n, self_avg or Decimal("0.00"),
                     review_avg or Decimal("0.00"), diff, changed))
    return ChartTable("review", "自评与复核得分（抽查）",
                      (level, "复核项目数", "自评平均分", "复核平均分", "差值", "等级变化数"),
                      tuple(rows))


def year_table(stats: Iterable[tuple[int, int, Decimal | None, int, int]]) -> ChartTable:
    """Year on year: (year, projects, Σ total, scored, 优 count) → average and 优 share."""
    rows = []
    for year, projects, total, scored, excellent in sorted(stats):
        rows.append((year, projects, scored, average(total, scored) or Decimal("0.00"),
                     share(excellent, scored)))
    return ChartTable("years", "年度对比", ("年度", "项目数", "评分项目数", "平均分", "优秀率（%）"),
                      tuple(rows))
