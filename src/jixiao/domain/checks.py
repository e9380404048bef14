"""Checks on a self-evaluation, returned as findings (CONTRACTS.md §2 codes).

`check_indicator` runs per indicator inside the scoring loop (kept cheap: a finding is
built only when something is wrong); `check_evaluation` runs once per evaluation.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.evaluation import FUND_SOURCES, Evaluation
from jixiao.domain.execution import BudgetExecution
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.indicators import (
    CATEGORY_TREE_2020,
    CATEGORY_TREE_2021,
    COST,
    SATISFACTION,
    Indicator,
    Operator,
    scoring_category,
)
from jixiao.domain.money import format_yuan, round_half_up
from jixiao.domain.rulesets import RuleSet

__all__ = [
    "check_evaluation",
    "check_indicator",
    "deviation_finding",
    "over_completion_finding",
    "subcategory_finding",
]

_ZERO = Decimal(0)
_OVER = Decimal("1.3")  # RULES.md §3.6: Guangxi's 130 % line, the system default
_OVER_OPERATORS = frozenset((Operator.GE, Operator.GT, Operator.EQ))
_QUALITATIVE = Operator.QUALITATIVE
_FUND_COLUMNS = (
    ("initial_budget", "年初预算数"),
    ("full_year_budget", "全年预算数"),
    ("executed", "全年执行数"),
)


def check_indicator(
    index: int,
    ind: Indicator,
    score: Decimal,
    computed: Decimal | None,
    findings: list[Finding],
) -> None:
    """Append the findings about one scored indicator.

    - score above weight (RULES.md §3.6: the score is capped at the weight);
    - qualitative score outside its grade's band (§2.3), or missing;
    - deviation reason missing where the score is below the weight (§3.8);
    - manual override without a reason (§10 A7);
    - over-completion, actual ≥ 130 % of target (§3.6, §10 A6).
    """
    weight = ind.weight
    where = f"indicators[{index}]"
    if score > weight:
        findings.append(Finding(
            "score-above-weight", Severity.ERROR,
            f"「{ind.name}」得分 {score} 超过分值 {weight}", where,
            stated=score, expected=weight,
        ))
    if ind.operator is _QUALITATIVE:
        _check_qualitative(where, ind, findings)
    if score < weight and not ind.deviation_reason:
        findings.append(deviation_finding(index, ind, score))
    if computed is not None and not ind.override_reason:
        findings.append(Finding(
            "override-reason-missing", Severity.WARNING,
            f"「{ind.name}」计算得分 {computed}，人工调整为 {ind.score}，未说明理由",
            f"{where}.override_reason", stated=ind.score, expected=computed,
        ))
    if ind.operator in _OVER_OPERATORS:
        target, actual = ind.target, ind.actual
        if (
            isinstance(target, Decimal) and isinstance(actual, Decimal)
            and target > _ZERO and actual >= target * _OVER
        ):
            findings.append(over_completion_finding(index, ind))


def deviation_finding(index: int, ind: Indicator, score: Decimal) -> Finding:
    """`deviation-reason-missing`: score below weight and no 偏差原因 (RULES.md §3.8)."""
    return Finding(
        "deviation-reason-missing", Severity.WARNING,
        # str() rather than a bare {score}: Decimal.__format__ costs 3× as much, and this
        # message is built inside the batch-scoring loop.
        f"「{ind.name}」得分 {score!s} 低于分值 {ind.weight!s}，须填写偏差原因分析及改进措施",
        f"indicators[{index}].deviation_reason", stated=score, expected=ind.weight,
    )


def over_completion_finding(index: int, ind: Indicator) -> Finding:
    """`over-completion`: actual ≥ 130 % of target (RULES.md §3.6, §10 A6); a warning until
    the deviation reason explains it, then information for the reviewer."""
    target, actual = ind.target, ind.actual
    assert isinstance(target, Decimal) and isinstance(actual, Decimal)
    explained = bool(ind.deviation_reason)
    return Finding(
        "over-completion",
        Severity.INFO if explained else Severity.WARNING,
        f"「{ind.name}」实际完成值 {actual!s} 达到年度指标值 {target!s} 的 "
        f"{round_half_up(actual * 100 / target, 2)!s}%（≥130%），"
        + ("已说明原因" if explained else "须说明超额原因（指标值是否定得偏低）"),
        f"indicators[{index}].actual", stated=actual, expected=target,
        unit=ind.unit_of_measure or None,
    )


def subcategory_finding(index: int, ind: Indicator) -> Finding:
    """`subcategory-unknown`: a 二级 name outside both official trees (information only)."""
    allowed = CATEGORY_TREE_2020.get(ind.category, ()) + CATEGORY_TREE_2021.get(ind.category, ())
    return Finding(
        "subcategory-unknown", Severity.INFO,
        f"「{ind.name}」的二级指标「{ind.subcategory}」不在{ind.category}的标准二级指标中"
        f"（{'、'.join(dict.fromkeys(allowed))}）",
        f"indicators[{index}].subcategory",
    )


def _check_qualitative(where: str, ind: Indicator, findings: list[Finding]) -> None:
    if ind.score is None or ind.grade is None:
        findings.append(Finding(
            "qualitative-score-out-of-band", Severity.ERROR,
            f"定性指标「{ind.name}」须选择档次并人工打分（RULES.md §2.3）", f"{where}.score",
        ))
        return
    if not ind.grade.admits(ind.score, ind.weight):
        low, high, inclusive = ind.grade.band(ind.weight)
        upper = "≤" if inclusive else "<"
        findings.append(Finding(
            "qualitative-score-out-of-band", Severity.ERROR,
            f"定性指标「{ind.name}」档次为「{ind.grade.label}」，得分应满足 "
            f"{low.normalize():f} ≤ 得分 {upper} {high.normalize():f}，实际得分 {ind.score}",
            f"{where}.score", stated=ind.score,
        ))


def check_evaluation(
    evaluation: Evaluation,
    ruleset: RuleSet,
    execution: BudgetExecution,
    weights: dict[str, Decimal],
    findings: list[Finding],
) -> None:
    """Append the evaluation-level findings: category weights, fund rows that do not add
    up, zero budget, execution above budget."""
    _check_weights(ruleset, weights, findings)
    _check_funds(evaluation, findings)
    total = evaluation.funds.total
    if execution.rate is None:
        findings.append(Finding(
            "zero-budget", Severity.WARNING,
            "全年预算数为 0，预算执行率无法计算，执行率得 0 分（RULES.md §3.7）",
            "funds.total.full_year_budget",
        ))
    elif total.executed > total.full_year_budget:
        findings.append(Finding(
            "executed-exceeds-budget", Severity.WARNING,
            f"全年执行数 {format_yuan(total.executed)} 元超过全年预算数 "
            f"{format_yuan(total.full_year_budget)} 元",
            "funds.total.executed", stated=total.executed, expected=total.full_year_budget,
            unit="元",
        ))


# (rule set name, version, has satisfaction) -> expected 一级 weights; rule sets are
# immutable and versioned, so the cache can never go stale.
_EXPECTED_WEIGHTS: dict[tuple[str, str, bool], dict[str, Decimal] | None] = {}


def _check_weights(ruleset: RuleSet, weights: dict[str, Decimal], findings: list[Finding]) -> None:
    merged: dict[str, Decimal] = {}
    if COST in weights:
        for category, weight in weights.items():
            key = scoring_category(category)
            merged[key] = merged.get(key, _ZERO) + weight
    else:
        merged = weights
    has_satisfaction = SATISFACTION in merged
    cache_key = (ruleset.name, ruleset.version, has_satisfaction)
    if cache_key not in _EXPECTED_WEIGHTS:
        _EXPECTED_WEIGHTS[cache_key] = ruleset.expected_category_weights(has_satisfaction)
    expected = _EXPECTED_WEIGHTS[cache_key]
    if merged == expected:
        return
    if expected is None:
        declared = sum(merged.values(), _ZERO)
        if declared != ruleset.indicator_total:
            findings.append(Finding(
                "weights-mismatch", Severity.ERROR,
                f"规则集 {ruleset.name} 要求指标分值合计 {ruleset.indicator_total}，"
                f"实际合计 {declared}",
                "indicators", stated=declared, expected=ruleset.indicator_total,
            ))
        return
    for category in list(expected) + [c for c in merged if c not in expected]:
        want = expected.get(category, _ZERO)
        have = merged.get(category, _ZERO)
        if want != have:
            note = ""
            if category in expected and SATISFACTION not in merged:
                note = "（未设满意度指标，其 10 分按 50:30 分摊到产出和效益，RULES.md §10 A3）"
            findings.append(Finding(
                "weights-mismatch", Severity.ERROR,
                f"{category}分值合计 {have}，规则集 {ruleset.name} 要求 {want.normalize():f}{note}",
                f"indicators[{category}]", stated=have, expected=want,
            ))


def _check_funds(evaluation: Evaluation, findings: list[Finding]) -> None:
    funds = evaluation.funds
    if funds.current_appropriation is None and funds.carryover is None and funds.other_funds is None:
        return
    sources = funds.sources()
    if not sources:
        return
    for attr, label in _FUND_COLUMNS:
        total_value: Decimal | None = getattr(funds.total, attr)
        parts = [getattr(row, attr) for _, row in sources]
        if total_value is None or any(p is None for p in parts):
            continue
        parts_sum = sum(parts, _ZERO)
        if parts_sum != total_value:
            names = "、".join(FUND_SOURCES[key] for key, _ in sources)
            findings.append(Finding(
                "funds-parts-mismatch", Severity.ERROR,
                f"{label}：年度资金总额 {format_yuan(total_value)} 元，"
                f"{names}合计 {format_yuan(parts_sum)} 元，相差 {format_yuan(total_value - parts_sum)} 元",
                f"funds.total.{attr}", stated=total_value, expected=parts_sum,
                operands=tuple(parts), unit="元",
            ))


