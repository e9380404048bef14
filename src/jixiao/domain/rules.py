"""Small pure scoring rules, one per indicator type (RULES.md §3), in an explicit registry.

Each rule takes the target A, the actual B and the weight w as `Decimal` and returns the
score rounded to 2 decimals (四舍五入). Proportional scores are computed as B·w/A so that
the only rounding is the final one (RULES.md §3.9: each item is rounded, then summed).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.domain.indicators import Operator
from jixiao.domain.money import round_half_up

__all__ = [
    "OPERATOR_RULES",
    "RULES",
    "equal",
    "positive",
    "reverse",
]

_ZERO = Decimal(0)
_TWO = Decimal(2)

Rule = Callable[[Decimal, Decimal, Decimal], Decimal]


def positive(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    """正向指标 (≥, >): full marks when B ≥ A, else B/A·w; capped at w.

    RULES.md §3.1–3.5 (positive row) and §3.6 (cap). A negative actual counts as 0.
    `>` is scored like `≥`, as the provincial system does (computesign 1 and 2).
    """
    if actual < _ZERO:
        actual = _ZERO
    if actual >= target:
        return weight
    # target > actual >= 0 here, so target > 0 and the division is safe.
    return round_half_up(actual * weight / target, 2)


def equal(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    """等于指标 (=): as positive when A > 0 (exceeding is not penalised, RULES.md §10 A4);
    when A = 0, full marks for B ≤ 0 and 0 otherwise (RULES.md §3.1–3.5, `selfindexequalzero`).
    """
    if target == _ZERO:
        return weight if actual <= _ZERO else _ZERO
    return positive(target, actual, weight)


def reverse(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    """反向指标 (≤, <): full marks up to A, linear to 0 at 2A (RULES.md §3.1–3.5, §10 A5).

    A < B < 2A → (1 − (B − A)/A)·w = (2A − B)·w/A. With A = 0 only B ≤ 0 scores.
    """
    if actual < _ZERO:
        actual = _ZERO
    if actual <= target:
        return weight
    if target <= _ZERO or actual >= _TWO * target:
        return _ZERO
    return round_half_up((_TWO * target - actual) * weight / target, 2)


#: Rule name -> function. Qualitative indicators are scored by hand (RULES.md §2.3) and
#: validated against the grade's band; they have no entry here.
RULES: dict[str, Rule] = {
    "positive": positive,
    "equal": equal,
    "reverse": reverse,
}

#: Which rule scores which operator.
OPERATOR_RULES: dict[Operator, str] = {
    Operator.GE: "positive",
    Operator.GT: "positive",
    Operator.EQ: "equal",
    Operator.LE: "reverse",
    Operator.LT: "reverse",
    Operator.QUALITATIVE: "qualitative",
}
