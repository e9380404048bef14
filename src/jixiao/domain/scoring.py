"""Score a self-evaluation: budget execution + every indicator, category subtotals, total,
grade, and the findings of the checks (RULES.md §2–§3, CONTRACTS.md §2).

This is the hot path of batch scoring (≥ 1,000,000 indicators/s is the benchmark goal), so
per-indicator work is kept to one rule call and a few comparisons; explanations are built
only when asked for (`ScoredIndicator.explanation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checks import (
    check_evaluation,
    check_indicator,
    deviation_finding,
    over_completion_finding,
    subcategory_finding,
)
from jixiao.domain.evaluation import Evaluation
from jixiao.domain.execution import BudgetExecution, score_execution
from jixiao.domain.explain import explain_indicator
from jixiao.domain.findings import Finding
from jixiao.domain.indicators import CATEGORY_TREE_2020, CATEGORY_TREE_2021, Indicator, Operator
from jixiao.domain.money import round_half_up
from jixiao.domain.rules import OPERATOR_RULES, RULES, equal, positive, reverse
from jixiao.domain.rulesets import RuleSet, get_ruleset

__all__ = ["CategoryScore", "ScoredEvaluation", "ScoredIndicator", "score_evaluation"]

_ZERO = Decimal(0)
_QUALITATIVE = Operator.QUALITATIVE
_OVER = Decimal("1.3")  # RULES.md §3.6: actual ≥ 130 % of target asks for an explanation
_GE, _GT, _EQ = Operator.GE, Operator.GT, Operator.EQ
_SUBCATEGORIES: dict[str, frozenset[str]] = {
    cat: frozenset(CATEGORY_TREE_2020.get(cat, ()) + CATEGORY_TREE_2021.get(cat, ()))
    for cat in {**CATEGORY_TREE_2020, **CATEGORY_TREE_2021}
}


class ScoredIndicator(NamedTuple):
    """An indicator with its score. `computed` is the rule's score before a manual override."""

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the position
    indicator: Indicator
    score: Decimal
    rule: str
    computed: Decimal | None

    def explanation(self) -> str:
        """How the score was reached, in plain Chinese (built on demand)."""
        return explain_indicator(self.indicator, self.score, self.rule, self.computed)


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """A 一级 category's points available and points scored."""

    weight: Decimal
    score: Decimal


class ScoredEvaluation(NamedTuple):
    """The result of `score_evaluation`: everything `jixiao score` prints (immutable).

    A `NamedTuple` because batch scoring creates one per project; per-indicator detail
    (`indicators`) and category objects (`categories`) are built on access.
    """

    evaluation: Evaluation
    ruleset: RuleSet
    budget_execution: BudgetExecution
    scores: tuple[Decimal, ...]
    overrides: dict[int, Decimal]
    category_weights: dict[str, Decimal]
    total: Decimal
    grade: str
    findings: tuple[Finding, ...]

    @property
    def categories(self) -> dict[str, CategoryScore]:
        """一级 category → points available and scored, in order of first appearance."""
        scores = dict.fromkeys(self.category_weights, Decimal(0))
        for ind, score in zip(self.evaluation.indicators, self.scores, strict=True):
            scores[ind.category] += score
        return {name: CategoryScore(weight, scores[name])
                for name, weight in self.category_weights.items()}

    @property
    def indicators(self) -> tuple[ScoredIndicator, ...]:
        """Each indicator with its score, in file order (built on access, not while scoring)."""
        overrides = self.overrides
        return tuple(
            ScoredIndicator(i, ind, score, OPERATOR_RULES[ind.operator], overrides.get(i))
            for i, (ind, score) in enumerate(zip(self.evaluation.indicators, self.scores, strict=True))
        )

    def to_json(self) -> dict[str, object]:
        """The `jixiao score --json` document (CONTRACTS.md §2); decimals as strings."""
        p = self.evaluation.project
        be = self.budget_execution
        return {
            "project": {
                "name": p.name,
                "fiscal_year": p.fiscal_year,
                "unit": p.unit,
                "department": p.department,
            },
            "ruleset": {"name": self.ruleset.name, "version": self.ruleset.version},
            "budget_execution": {
                "rate": None if be.rate is None else str(_rate4(be.rate)),
                "weight": str(be.weight),
                "score": str(_two(be.score)),
                "rule": be.rule,
            },
            "indicators": [_indicator_json(s) for s in self.indicators],
            "categories": {
                name: {"weight": str(c.weight), "score": str(_two(c.score))}
                for name, c in self.categories.items()
            },
            "total": str(_two(self.total)),
            "grade": self.grade,
            "findings": [f.to_json() for f in self.findings],
        }


def _two(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def _rate4(rate: Decimal) -> Decimal:
    # "rate is the fraction executed ÷ full-year budget with at least 4 decimals".
    return round_half_up(rate, 4)


def _text(value: Decimal | str | None) -> str | None:
    return None if value is None else str(value)


def _indicator_json(s: ScoredIndicator) -> dict[str, object]:
    ind = s.indicator
    out: dict[str, object] = {
        "category": ind.category,
        "subcategory": ind.subcategory,
        "name": ind.name,
        "operator": ind.operator.value,
        "target": _text(ind.target),
        "actual": _text(ind.actual),
        "unit_of_measure": ind.unit_of_measure,
        "weight": str(ind.weight),
        "score": str(_two(s.score)),
        "rule": s.rule,
        "explanation": s.explanation(),
    }
    if s.computed is not None:
        out["computed_score"] = str(_two(s.computed))
    if ind.grade is not None:
        out["grade"] = ind.grade.value
    return out


def _score_slow(index: int, ind: Indicator, findings: list[Finding],
                overrides: dict[int, Decimal]) -> Decimal:
    """Qualitative indicators, manual overrides and missing actuals: the uncommon cases.

    Returns the score; a manual override's computed score goes into `overrides`.
    """
    computed = None
    if ind.operator is _QUALITATIVE:
        score = ind.score
        if score is None:
            score = _ZERO
        elif score.as_tuple().exponent < -2:  # type: ignore[operator]
            score = _two(score)
    else:
        actual, target = ind.actual, ind.target
        if isinstance(actual, Decimal) and isinstance(target, Decimal):
            score = RULES[OPERATOR_RULES[ind.operator]](target, actual, ind.weight)
        else:
            score = _ZERO  # no actual value yet: nothing achieved
        if ind.score is not None:
            computed = overrides[index] = score
            score = _two(ind.score)
    check_indicator(index, ind, score, computed, findings)
    return score


def score_evaluation(evaluation: Evaluation, ruleset: RuleSet | None = None) -> ScoredEvaluation:
    """Score `evaluation` under `ruleset` (default: the one the evaluation names, else
    national-2020) and run every check.

    Total = execution score + Σ indicator scores, each item rounded to 2 decimals first
    (RULES.md §3.9); grade on half-open bands (§2.4).
    """
    rs = ruleset if ruleset is not None else get_ruleset(evaluation.ruleset)
    findings: list[Finding] = []
    total_row = evaluation.funds.total
    execution = score_execution(total_row.executed, total_row.full_year_budget, rs)

    # Declared weight per category (for the weights check). Indicators usually come grouped
    # by category, so a local running sum is flushed into the dict, and the allowed
    # subcategories looked up, only when the category changes. Per-category scores are
    # summed lazily (`ScoredEvaluation.categories`); the total needs only sum(scores).
    weights: dict[str, Decimal] = {}
    last_category: str | None = None
    category_weight = _ZERO
    allowed: frozenset[str] = frozenset()
    scores: list[Decimal] = []
    overrides: dict[int, Decimal] = {}
    append = scores.append
    # Module constants bound to locals: this loop runs once per indicator in batch scoring.
    qualitative, ge, gt, eq, zero, over, decimal = _QUALITATIVE, _GE, _GT, _EQ, _ZERO, _OVER, Decimal
    for index, ind in enumerate(evaluation.indicators):
        op = ind.operator
        actual = ind.actual
        weight = ind.weight
        if op is qualitative or ind.score is not None or actual.__class__ is not decimal:
            score = _score_slow(index, ind, findings, overrides)
        else:
            # Fast path: a quantitative indicator scored by its rule. The two checks that
            # can fire here are those of `check_indicator` (a rule never exceeds the weight
            # and there is no override), inlined because this loop is the batch hot path.
            # Operators are compared by identity: hashing an Enum member runs Python code.
            target: Decimal = ind.target  # type: ignore[assignment]
            if op is ge or op is gt or op is eq:
                if actual >= target and (target or op is not eq):
                    # met: full marks; only over-completion can be worth a finding
                    score = weight
                    if actual > target and target > zero and actual >= target * over:
                        findings.append(over_completion_finding(index, ind))
                else:
                    score = equal(target, actual, weight) if op is eq else positive(target, actual, weight)
                    if score < weight and not ind.deviation_reason:
                        findings.append(deviation_finding(index, ind, score))
            elif target >= actual >= zero:
                score = weight  # reverse, within the ceiling: full marks
            else:
                score = reverse(target, actual, weight)
                if score < weight and not ind.deviation_reason:
                    findings.append(deviation_finding(index, ind, score))
        append(score)
        category = ind.category
        if category != last_category:
            if last_category is not None:
                weights[last_category] = weights.get(last_category, zero) + category_weight
            last_category = category
            category_weight = zero
            allowed = _SUBCATEGORIES.get(category, frozenset())
        category_weight += weight
        sub = ind.subcategory
        if sub and sub not in allowed:
            findings.append(subcategory_finding(index, ind))

    if last_category is not None:
        weights[last_category] = weights.get(last_category, _ZERO) + category_weight
    total = _two(execution.score + sum(scores, _ZERO))
    check_evaluation(evaluation, rs, execution, weights, findings)
    return ScoredEvaluation(
        evaluation=evaluation,
        ruleset=rs,
        budget_execution=execution,
        scores=tuple(scores),
        overrides=overrides,
        category_weights=weights,
        total=total,
        grade=rs.grade(total),
        findings=tuple(findings),
    )
