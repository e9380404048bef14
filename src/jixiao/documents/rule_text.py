"""The budget-execution scoring rule of a rule set, described in Chinese for the forms.

The 自评表's footnote explains how 预算执行率得分 was computed; it must say what the rule
set that scored the table does (linear for national-2020 and hubei, tiers for jiangxi),
or the footnote contradicts the score printed above it. Pure: a `RuleSet` in, text out.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.documents.cells import points_text
from jixiao.domain.rulesets import RuleSet

__all__ = ["execution_boundaries", "execution_rule_text"]


def _percent(fraction: Decimal) -> str:
    return f"{points_text(fraction * 100)}%"


def execution_rule_text(ruleset: RuleSet) -> str:
    """One sentence (without the final 。) stating how 预算执行率得分 is computed.

    linear → "预算执行率得分 = 执行率 × 分值（10分），最高不超过分值";
    tiered → "预算执行率得分按档计分：执行率100%及以上得10分，80%（含）至100%得7分，…".
    """
    weight = points_text(ruleset.execution_weight)
    if ruleset.execution_rule == "tiered" and ruleset.execution_tiers:
        tiers = sorted(ruleset.execution_tiers, key=lambda t: t[0], reverse=True)
        parts: list[str] = []
        upper: Decimal | None = None
        for minimum, score in tiers:
            pts = f"{points_text(score)}分"
            if upper is None:
                parts.append(f"执行率{_percent(minimum)}及以上得{pts}")
            elif minimum == 0:
                parts.append(f"{_percent(upper)}以下得{pts}")
            else:
                parts.append(f"{_percent(minimum)}（含）至{_percent(upper)}得{pts}")
            upper = minimum
        if upper is not None and upper > 0:
            parts.append(f"{_percent(upper)}以下得0分")
        return f"预算执行率得分按档计分（分值{weight}分）：" + "，".join(parts)
    return f"预算执行率得分 = 执行率 × 分值（{weight}分），最高不超过分值"


def execution_boundaries(ruleset: RuleSet) -> tuple[Decimal, ...]:
    """The rates (fractions) at which 预算执行率得分 changes: a printed rate must never
    cross one (tiered: each tier's minimum; linear: 100 %, where full marks start)."""
    if ruleset.execution_rule == "tiered" and ruleset.execution_tiers:
        return tuple(sorted(m for m, _ in ruleset.execution_tiers if m > 0))
    return (Decimal(1),)
