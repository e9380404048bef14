"""Number wording for official forms: 金额大写 and 万元 display (pure, standard library only).

金额大写 follows the usual bank/finance practice (中国人民银行《支付结算办法》 附件 "正确填写
票据和结算凭证的基本规定"): 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, the currency words
元角分, "整" after 元 or 角 when there are no 分, a single 零 for any run of zeros inside
the number, and 负 in front of negative amounts. The amount is first rounded to the fen
with 四舍五入 (`round_half_up`), never through float.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.money import round_half_up

__all__ = ["amount_in_words", "format_wan", "yuan_to_wan"]

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
# Units for each group of four digits, from the right: 元 group, 万 group, 亿 group, 万亿 ...
_GROUP_UNITS = ("", "万", "亿", "万亿", "亿亿")


def _group_words(group: int) -> str:
    """Words for 0 < group < 10000, with inner zeros collapsed to one 零 (no leading 零)."""
    digits = f"{group:04d}"
    out: list[str] = []
    pending_zero = False
    for pos, ch in enumerate(digits):
        d = int(ch)
        unit = _SMALL_UNITS[3 - pos]
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[d] + unit)
    return "".join(out)


def _integer_words(n: int) -> str:
    """Words for the integer part n ≥ 1 (without 元)."""
    groups: list[int] = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    if len(groups) > len(_GROUP_UNITS):
        raise ValueError("金额过大，无法写成大写 / amount too large for 金额大写")
    out = ""
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            need_zero = bool(out)
            continue
        # A zero is read between groups when this group is below 1000 (e.g. 1,0500 → 壹万零伍佰)
        # or when whole groups were skipped.
        if out and (need_zero or g < 1000):
            out += "零"
        out += _group_words(g) + _GROUP_UNITS[idx]
        need_zero = False
    return out


def amount_in_words(amount: Decimal) -> str:
    """``Decimal("2281500")`` → ``"贰佰贰拾捌万壹仟伍佰元整"``; ``Decimal("0.05")`` → ``"伍分"``.

    More: 1,409.50 → 壹仟肆佰零玖元伍角整; 6,007.14 → 陆仟零柒元壹角肆分; 107,000.53 →
    壹拾万柒仟元伍角叁分 (a leading 拾 is written 壹拾, as banks require).
    """
    value = round_half_up(amount, 2)
    sign = "负" if value < 0 else ""
    value = abs(value)
    fen_total = int(value * 100)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    text = ""
    if yuan:
        words = _integer_words(yuan)
        # Banks write a leading 拾 as 壹拾 so that nothing can be added in front.
        if words.startswith("拾"):
            words = "壹" + words
        text = words + "元"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif fen and yuan:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return sign + text


def yuan_to_wan(amount: Decimal, places: int = 2) -> Decimal:
    """元 → 万元, rounded 四舍五入 to `places` decimals (2,281,500.00 元 → 228.15 万元)."""
    return round_half_up(amount / Decimal(10_000), places)


def format_wan(amount: Decimal, places: int = 2) -> str:
    """元 → ``"228.15"`` (万元 with 2 decimals and thousands separators)."""
    return f"{yuan_to_wan(amount, places):,.{places}f}"
