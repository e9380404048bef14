"""The human-readable result table printed by `jixiao score` (not `--json`)."""

from __future__ import annotations

import unicodedata

from jixiao.domain.money import format_percent, format_yuan
from jixiao.domain.scoring import ScoredEvaluation

__all__ = ["format_score_table"]

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_score_table(result: ScoredEvaluation) -> str:
    """Category subtotals, each indicator's rule and explanation, total, grade, findings."""
    ev = result.evaluation
    p = ev.project
    be = result.budget_execution
    total_row = ev.funds.total
    lines = [
        f"{p.name}（{p.fiscal_year} 年度）  主管部门：{p.department}  实施单位：{p.unit}",
        f"规则集：{result.ruleset.name} v{result.ruleset.version}",
        "",
        "预算执行",
        f"  全年预算数 {format_yuan(total_row.full_year_budget)} 元，全年执行数 "
        f"{format_yuan(total_row.executed)} 元，执行率 "
        + ("—" if be.rate is None else format_percent(be.rate))
        + f"，分值 {be.weight}，得分 {be.score:.2f}",
        "",
    ]
    # `indicators` and `categories` are built on each access: take them once (reading them
    # per indicator made a file of 7 000 indicators take minutes)
    indicators = result.indicators
    categories = result.categories
    by_category: dict[str, list[int]] = {}
    for pos, s in enumerate(indicators):
        by_category.setdefault(s.indicator.category, []).append(pos)
    name_width = max((_width(s.indicator.name) for s in indicators), default=10) + 2
    for category, positions in by_category.items():
        c = categories[category]
        lines.append(f"{category}  分值 {c.weight}  得分 {c.score:.2f}")
        for pos in positions:
            s = indicators[pos]
            ind = s.indicator
            lines.append(
                f"  {_pad(ind.name, name_width)}{ind.operator.symbol:<4} 分值 {ind.weight!s:>5}  "
                f"得分 {s.score:>6.2f}  [{s.rule}]"
            )
            lines.append(f"      {s.explanation()}")
        lines.append("")
    lines.append(f"总分 {result.total:.2f}    等级 {result.grade}")
    if result.findings:
        lines.append("")
        lines.append(f"检查发现 {len(result.findings)} 项：")
        for f in result.findings:
            lines.append(f"  [{_SEVERITY[f.severity.value]}] {f.code} @ {f.location}：{f.message}")
    else:
        lines.append("检查未发现问题。")
    return "\n".join(lines)
