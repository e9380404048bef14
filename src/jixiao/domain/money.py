"""Exact numbers for money and scores: one way in (`D`, `parse_amount`), one rounding helper.

Every amount in jixiao is a `decimal.Decimal`. `D` accepts what people type in Chinese
forms and reports (``1,234.56``, full-width digits ``１２３``, ``２，２８１，５００``) and never
goes through `float`. `parse_amount` also understands an explicit money unit
(``24.7万元`` → 247000 元). Rounding is 四舍五入 (`ROUND_HALF_UP`) everywhere, through
`round_half_up` only — Python's default half-even would turn 0.625 into 0.62.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.domain.errors import shown

__all__ = [
    "CENT",
    "HUNDREDTH",
    "MONEY_UNITS",
    "D",
    "NumberFormatError",
    "format_percent",
    "format_yuan",
    "parse_amount",
    "round_half_up",
    "to_yuan",
]

#: Quantum for 元 amounts (分) and for 2-decimal scores.
CENT = Decimal("0.01")
HUNDREDTH = CENT

#: Money units and their size in 元.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}

# Full-width digits and punctuation (U+FF10..) map onto ASCII.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％　", "0123456789.,-+% "
)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PLAIN = re.compile(r"\d{1,15}(?:\.\d{1,10})?").fullmatch


class NumberFormatError(ValueError):
    """A text that should be a number is not one; the message says why in plain words."""


def D(value: object) -> Decimal:
    """Return `value` as an exact `Decimal`.

    Accepts `int`, `Decimal`, and text such as ``"1,234.56"``, ``"１２３４.５"`` or ``" 12 "``.
    Thousands separators must be in groups of three. `float` and `bool` are refused:
    a float has already lost the fen, and a bool is never an amount.

    Raises:
        NumberFormatError: when the value is not a number.
    """
    if value.__class__ is str and _PLAIN(value):
        # the common case first, kept fast (the figure audit parses every number of a
        # report): at most 15 digits and 10 decimals are within the bounds `_checked` enforces
        return Decimal(value)
    if isinstance(value, bool):
        raise NumberFormatError(f"不是数字（布尔值 {shown(value)}）/ not a number: {shown(value)}")
    if isinstance(value, Decimal):
        return _checked(value, value)
    if isinstance(value, int):
        return _checked(Decimal(value), value)
    if isinstance(value, float):
        raise NumberFormatError(
            f"拒绝浮点数 {shown(value)}：请用文本或 Decimal / floats are refused, pass text or Decimal"
        )
    if not isinstance(value, str):
        raise NumberFormatError(f"不是数字 / not a number: {shown(value)}")
    text = value.translate(_FULLWIDTH).strip().replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif "," in text:
        raise NumberFormatError(f"千分位分隔符位置不对 / misplaced thousands separator: {shown(value)}")
    if not _NUMBER.match(text):
        if text.lower().lstrip("+-.") in ("nan", "inf", "infinity"):
            raise NumberFormatError(f"不是有限数字 / not a finite number: {shown(value)}")
        raise NumberFormatError(f"{shown(value)} 不是数字 / not a number")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already filters
        raise NumberFormatError(f"不是数字 / not a number: {shown(value)}") from exc
    return _checked(number, value)


#: Sanity bounds for any number jixiao reads: a province's budget is below 10¹⁵ 元, and
#: nothing is measured beyond 10 decimals. Outside them a value is a typo or an attack
#: ("1e999999" would make every later quantize fail).
_LIMIT = Decimal("1e15")
_MIN_EXPONENT = -10


def _checked(number: Decimal, original: object) -> Decimal:
    if not number.is_finite():
        raise NumberFormatError(f"不是有限数字 / not a finite number: {shown(original)}")
    # adjusted() is exact; abs() and comparisons would round in the context and raise a
    # bare decimal.Overflow for "1e999999999"
    if number and number.adjusted() >= _LIMIT.adjusted():
        raise NumberFormatError(f"数值过大（应小于 10 的 15 次方）/ number too large: {shown(original)}")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < _MIN_EXPONENT and number != number.quantize(
        Decimal(1).scaleb(_MIN_EXPONENT), rounding=ROUND_HALF_UP
    ):
        raise NumberFormatError(f"小数位数过多（最多 10 位）/ too many decimals: {shown(original)}")
    return number


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round to `places` decimals, 四舍五入 (`ROUND_HALF_UP`): 0.625 → 0.63."""
    # the scoring core calls this for every indicator: a dict hit and positional arguments
    # keep it within a third of an inline quantize
    try:
        return value.quantize(_QUANTA[places], ROUND_HALF_UP)
    except KeyError:
        return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(9)}


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in `unit` (元, 万元, 亿元) to 元, exactly."""
    try:
        factor = MONEY_UNITS[unit]
    except KeyError:
        raise NumberFormatError(f"未知的金额单位 {shown(unit)}（应为 元、万元 或 亿元）") from None
    return value * factor


_AMOUNT = re.compile(r"^(?P<num>.+?)\s*(?P<unit>亿元|万元|元)?$")


def parse_amount(value: object, default_unit: str = "元") -> Decimal:
    """Parse an amount with an optional explicit unit and return it in 元.

    ``parse_amount("24.7万元") == Decimal("247000.0")``; ``parse_amount("1,234.56")`` is 元.
    A bare number is taken to be in `default_unit`.
    """
    if isinstance(value, str):
        m = _AMOUNT.match(value.translate(_FULLWIDTH).strip())
        if m and m.group("unit"):
            return to_yuan(D(m.group("num")), m.group("unit"))
    return to_yuan(D(value), default_unit)


def format_yuan(value: Decimal, places: int = 2) -> str:
    """``2281500`` → ``"2,281,500.00"`` (元 with thousands separators, 四舍五入)."""
    return f"{round_half_up(value, places):,.{places}f}"


def format_percent(fraction: Decimal, places: int = 2) -> str:
    """``0.975252`` → ``"97.53%"`` (a fraction shown as a percentage, 四舍五入)."""
    return f"{round_half_up(fraction * 100, places):.{places}f}%"
