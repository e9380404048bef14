"""Score a self-evaluation: budget execution + every indicator, category subtotals, total,
grade, and the findings of the checks (RULES.md §2–§3, CONTRACTS.md §2).

This is the hot path of batch scoring (≥ 1,000,000 indicators/s is the benchmark goal), so
per-indicator work is kept to one rule call and a few comparisons; explanations are built
only when asked for (`ScoredIndicator.explanation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from jixiao.domain.checks import check_evaluation, check_indicator
from jixiao.domain.evaluation import Evaluation
from jixiao.domain.execution import BudgetExecution, score_execution
from jixiao.domain.explain import explain_indicator
from jixiao.domain.findings import Finding
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.rules import OPERATOR_RULES, RULES
from jixiao.domain.rulesets import RuleSet, get_ruleset

__all__ = ["CategoryScore", "ScoredEvaluation", "ScoredIndicator", "score_evaluation"]

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
_QUALITATIVE = Operator.QUALITATIVE


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


@dataclass(frozen=True, slots=True)
class ScoredEvaluation:
    """The result of `score_evaluation`: everything `jixiao score` prints."""

    evaluation: Evaluation
    ruleset: RuleSet
    budget_execution: BudgetExecution
    indicators: tuple[ScoredIndicator, ...]
    categories: dict[str, CategoryScore]
    total: Decimal
    grade: str
    findings: tuple[Finding, ...]

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
    return value.quantize(_CENT, ROUND_HALF_UP)


def _rate4(rate: Decimal) -> Decimal:
    # "rate is the fraction executed ÷ full-year budget with at least 4 decimals".
    return rate.quantize(Decimal("0.0001"), ROUND_HALF_UP)


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


def _score_one(index: int, ind: Indicator, findings: list[Finding]) -> ScoredIndicator:
    """Score one indicator; append its findings. Manual scores are rounded to 2 decimals."""
    op = ind.operator
    if op is _QUALITATIVE:
        score = ind.score
        if score is None:
            score = _ZERO
        elif score.as_tuple().exponent < -2:  # type: ignore[operator]
            score = _two(score)
        result = ScoredIndicator(index, ind, score, "qualitative", None)
    else:
        rule = OPERATOR_RULES[op]
        actual = ind.actual
        target = ind.target
        if isinstance(actual, Decimal) and isinstance(target, Decimal):
            computed = RULES[rule](target, actual, ind.weight)
        else:
            computed = _ZERO  # no actual value yet: nothing achieved
        if ind.score is None:
            result = ScoredIndicator(index, ind, computed, rule, None)
        else:
            result = ScoredIndicator(index, ind, _two(ind.score), rule, computed)
    check_indicator(result.index, ind, result.score, result.computed, findings)
    return result


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

    scored = tuple(_score_one(i, ind, findings) for i, ind in enumerate(evaluation.indicators))

    weights: dict[str, Decimal] = {}
    scores: dict[str, Decimal] = {}
    for s in scored:
        cat = s.indicator.category
        weights[cat] = weights.get(cat, _ZERO) + s.indicator.weight
        scores[cat] = scores.get(cat, _ZERO) + s.score
    categories = {c: CategoryScore(weights[c], scores[c]) for c in weights}

    total = _two(execution.score + sum(scores.values(), _ZERO))
    check_evaluation(evaluation, rs, execution, weights, findings)
    return ScoredEvaluation(
        evaluation=evaluation,
        ruleset=rs,
        budget_execution=execution,
        indicators=scored,
        categories=categories,
        total=total,
        grade=rs.grade(total),
        findings=tuple(findings),
    )
