"""Plain-Chinese explanations of how each indicator's score was reached.

Built on demand only (scoring never calls this), so batch scoring stays fast.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.indicators import Indicator
from jixiao.domain.money import round_half_up

__all__ = ["explain_indicator"]



def _n(value: Decimal | str | None) -> str:
    if isinstance(value, Decimal):
        # Thousands separators from five digits on, as finance officers write amounts.
        return f"{value:,f}" if abs(value) >= 10_000 else f"{value:f}"
    return "（未填）" if value is None else value


def _s(value: Decimal) -> str:
    return f"{round_half_up(value, 2):f}"


def explain_indicator(
    ind: Indicator, score: Decimal, rule: str, computed: Decimal | None
) -> str:
    """Explain `score` for `ind` under `rule`; mention a manual override when there is one."""
    text = _explain_rule(ind, computed if computed is not None else score, rule)
    if computed is not None:
        reason = ind.override_reason or "未说明理由"
        text += f"；人工调整为 {_s(score)}（理由：{reason}）"
    return text


def _explain_rule(ind: Indicator, score: Decimal, rule: str) -> str:
    a, b, w = ind.target, ind.actual, ind.weight
    unit = ind.unit_of_measure
    if rule == "qualitative":
        if ind.grade is None:
            return f"定性指标：未选择档次，得 {_s(score)}"
        low, high, inclusive = ind.grade.band(w)
        upper = "≤" if inclusive else "<"
        return (
            f"定性指标：档次「{ind.grade.label}」，得分区间 {_s(low)} ≤ 得分 {upper} {_s(high)}，"
            f"人工评分 {_s(score)}"
        )
    if not isinstance(b, Decimal) or not isinstance(a, Decimal):
        return f"未填实际完成值，得 {_s(score)}"
    shown_b = Decimal(0) if b < 0 else b
    if rule == "positive" or (rule == "equal" and a != 0):
        kind = "正向指标" if rule == "positive" else "等于指标（超过目标不扣分）"
        if shown_b >= a:
            return f"{kind}：实际 {_n(b)}{unit} ≥ 目标 {_n(a)}{unit}，得满分 {_s(w)}"
        return (
            f"{kind}：实际 {_n(b)}{unit} < 目标 {_n(a)}{unit}，按比例 "
            f"{_n(shown_b)} ÷ {_n(a)} × {_n(w)} = {_s(score)}"
        )
    if rule == "equal":
        if b <= 0:
            return f"等于指标（目标为 0）：实际 {_n(b)}{unit}，得满分 {_s(w)}"
        return f"等于指标（目标为 0）：实际 {_n(b)}{unit} 不为 0，得 0 分"
    # reverse
    if shown_b <= a:
        return f"反向指标：实际 {_n(b)}{unit} ≤ 目标 {_n(a)}{unit}，得满分 {_s(w)}"
    if a <= 0 or shown_b >= 2 * a:
        return f"反向指标：实际 {_n(b)}{unit} 达到目标 {_n(a)}{unit} 的 2 倍或以上，得 0 分"
    return (
        f"反向指标：实际 {_n(b)}{unit} 超过目标 {_n(a)}{unit}，"
        f"(1 − ({_n(b)} − {_n(a)}) ÷ {_n(a)}) × {_n(w)} = {_s(score)}"
    )
