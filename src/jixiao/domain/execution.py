"""Budget-execution scoring (预算执行率, RULES.md §3.7 and §10 A2).

The rate is executed ÷ full-year budget (全年预算数, the adjusted budget, §10 A10) and is
kept unrounded; only the score is rounded to 2 decimals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.money import round_half_up
from jixiao.domain.rulesets import RuleSet

__all__ = ["BudgetExecution", "execution_rate", "score_execution"]

_CENT = Decimal("0.01")


class BudgetExecution(NamedTuple):
    """The scored 年度资金总额 row: unrounded rate, weight, 2-decimal score and rule
    (immutable; a NamedTuple because batch scoring makes one per project)."""

    rate: Decimal | None
    weight: Decimal
    score: Decimal
    rule: str


def execution_rate(executed: Decimal, full_year_budget: Decimal) -> Decimal | None:
    """executed ÷ full-year budget, unrounded; None when the budget is 0 (§3.7)."""
    if full_year_budget == 0:
        return None
    return executed / full_year_budget


def score_execution(executed: Decimal, full_year_budget: Decimal, ruleset: RuleSet) -> BudgetExecution:
    """Score the execution rate by the rule set's rule.

    linear (RULES.md §3.7): min(rate × w, w), computed from the unrounded rate as
    executed·w/budget so that rounding happens once. tiered (§10 A2, Jiangxi): the score
    of the highest tier whose minimum the rate reaches. A zero budget scores 0 (§3.7).
    """
    weight = ruleset.execution_weight
    rate = execution_rate(executed, full_year_budget)
    if rate is None:
        return BudgetExecution(None, weight, Decimal("0.00"), ruleset.execution_rule)
    if ruleset.execution_rule == "tiered":
        score = Decimal(0)
        for minimum, tier_score in ruleset.execution_tiers:
            if rate >= minimum:
                score = tier_score
                break
        return BudgetExecution(rate, weight, score.quantize(_CENT), "tiered")
    if executed >= full_year_budget:
        return BudgetExecution(rate, weight, weight.quantize(_CENT), "linear")
    executed = max(executed, Decimal(0))
    score = round_half_up(executed * weight / full_year_budget, 2)
    return BudgetExecution(rate, weight, score, "linear")
