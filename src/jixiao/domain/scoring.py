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
from jixiao.domain.rules import OPERATOR_RULES, RULES, equal, positive, reverse
from jixiao.domain.rulesets import RuleSet, get_ruleset

__all__ = ["CategoryScore", "ScoredEvaluation", "ScoredIndicator", "score_evaluation"]

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
_QUALITATIVE = Operator.QUALITATIVE
_OVER = Decimal("1.3")  # RULES.md §3.6: actual ≥ 130 % of target asks for an explanation
_GE, _GT, _EQ = Operator.GE, Operator.GT, Operator.EQ
_SUBCATEGORIES: dict[str, frozenset[str]] = {
    cat: frozenset(CATEGORY_TREE_2020.get(cat, ()) + CATEGORY_TREE_2021.get(cat, ()))
    for cat in {**CATEGORY_TREE_2020, **CATEGORY_TREE_2021}
}
#: (score, rule name, computed score before a manual override or None)
_Result = tuple[Decimal, str, Decimal | None]


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
    results: tuple[_Result, ...]
    category_sums: tuple[tuple[str, Decimal, Decimal], ...]
    total: Decimal
    grade: str
    findings: tuple[Finding, ...]

    @property
    def categories(self) -> dict[str, CategoryScore]:
        """一级 category → points available and scored, in order of first appearance."""
        return {name: CategoryScore(weight, score) for name, weight, score in self.category_sums}

    @property
    def indicators(self) -> tuple[ScoredIndicator, ...]:
        """Each indicator with its score, in file order (built on access, not while scoring)."""
        return tuple(
            ScoredIndicator(i, ind, *r)
            for i, (ind, r) in enumerate(zip(self.evaluation.indicators, self.results, strict=True))
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


def _score_slow(index: int, ind: Indicator, findings: list[Finding]) -> _Result:
    """Qualitative indicators, manual overrides and missing actuals: the uncommon cases."""
    if ind.operator is _QUALITATIVE:
        score = ind.score
        if score is None:
            score = _ZERO
        elif score.as_tuple().exponent < -2:  # type: ignore[operator]
            score = _two(score)
        result: _Result = (score, "qualitative", None)
    else:
        rule = OPERATOR_RULES[ind.operator]
        actual, target = ind.actual, ind.target
        if isinstance(actual, Decimal) and isinstance(target, Decimal):
            computed = RULES[rule](target, actual, ind.weight)
        else:
            computed = _ZERO  # no actual value yet: nothing achieved
        result = (computed, rule, None) if ind.score is None else (_two(ind.score), rule, computed)
    check_indicator(index, ind, result[0], result[2], findings)
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

    # category -> [weight, score]; indicators usually come grouped by category, so the
    # accumulator and the allowed subcategories are looked up only when the category changes.
    sums: dict[str, list[Decimal]] = {}
    last_category = None
    acc: list[Decimal] = []
    allowed: frozenset[str] = frozenset()
    results: list[_Result] = []
    append = results.append
    for index, ind in enumerate(evaluation.indicators):
        op = ind.operator
        actual = ind.actual
        weight = ind.weight
        if op is _QUALITATIVE or ind.score is not None or actual.__class__ is not Decimal:
            result = _score_slow(index, ind, findings)
            score = result[0]
            append(result)
        else:
            # Fast path: a quantitative indicator scored by its rule. The two checks that
            # can fire here are those of `check_indicator` (a rule never exceeds the weight
            # and there is no override), inlined because this loop is the batch hot path.
            # Operators are compared by identity: hashing an Enum member runs Python code.
            target: Decimal = ind.target  # type: ignore[assignment]
            if op is _GE or op is _GT or op is _EQ:
                if actual >= target and (target or op is not _EQ):
                    # met: full marks; only over-completion can be worth a finding
                    rule = "equal" if op is _EQ else "positive"
                    score = weight
                    if actual > target and target > _ZERO and actual >= target * _OVER:
                        findings.append(over_completion_finding(index, ind))
                else:
                    rule = "equal" if op is _EQ else "positive"
                    score = equal(target, actual, weight) if op is _EQ else positive(target, actual, weight)
                    if score < weight and not ind.deviation_reason:
                        findings.append(deviation_finding(index, ind, score))
            else:
                rule = "reverse"
                if target >= actual >= _ZERO:
                    score = weight  # within the ceiling: full marks
                else:
                    score = reverse(target, actual, weight)
                    if score < weight and not ind.deviation_reason:
                        findings.append(deviation_finding(index, ind, score))
            append((score, rule, None))
        category = ind.category
        if category != last_category:
            last_category = category
            acc = sums.setdefault(category, [_ZERO, _ZERO])
            allowed = _SUBCATEGORIES.get(category, frozenset())
        acc[0] += weight
        acc[1] += score
        sub = ind.subcategory
        if sub and sub not in allowed:
            findings.append(subcategory_finding(index, ind))

    weights = {c: w for c, (w, _) in sums.items()}
    total = _two(execution.score + sum([sc for _, sc in sums.values()], _ZERO))
    check_evaluation(evaluation, rs, execution, weights, findings)
    return ScoredEvaluation(
        evaluation=evaluation,
        ruleset=rs,
        budget_execution=execution,
        results=tuple(results),
        category_sums=tuple((c, w, sc) for c, (w, sc) in sums.items()),
        total=total,
        grade=rs.grade(total),
        findings=tuple(findings),
    )
