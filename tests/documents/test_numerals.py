"""金额大写 and 万元 display."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.numerals import amount_in_words, format_wan, yuan_to_wan

CASES = [
    ("2281500", "贰佰贰拾捌万壹仟伍佰元整"),
    ("2225038.16", "贰佰贰拾贰万伍仟零叁拾捌元壹角陆分"),
    ("56461.84", "伍万陆仟肆佰陆拾壹元捌角肆分"),
    ("0.05", "伍分"),
    ("0", "零元整"),
    ("10", "壹拾元整"),
    ("10500", "壹万零伍佰元整"),
    ("100000000", "壹亿元整"),
    ("1000000001", "壹拾亿零壹元整"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("1000.05", "壹仟元零伍分"),
    ("-3.20", "负叁元贰角整"),
    ("0.125", "壹角叁分"),  # 四舍五入 to the fen first
]


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_integer(text: str) -> int:
    # Reads 金额大写 back, independently of the writer: 亿 and 万 close their sections.
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
    return total + section + digit


def _parse(words: str) -> Decimal:
    sign = -1 if words.startswith("负") else 1
    words = words.removeprefix("负").removesuffix("整")
    yuan, _, rest = words.partition("元") if "元" in words else ("", "", words)
    value = Decimal(_parse_integer(yuan))
    if "角" in rest:
        value += Decimal(_DIGIT[rest[rest.index("角") - 1]]) / 10
    if "分" in rest:
        value += Decimal(_DIGIT[rest[rest.index("分") - 1]]) / 100
    return sign * value


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_words_read_back_to_the_same_amount(fen: int) -> None:
    amount = Decimal(fen) / 100
    assert _parse(amount_in_words(amount)) == amount


def test_wan() -> None:
    assert yuan_to_wan(Decimal("2281500")) == Decimal("228.15")
    assert yuan_to_wan(Decimal("2225038.16")) == Decimal("222.50")  # 222.503816 → 四舍五入
    assert format_wan(Decimal("12345678901")) == "1,234,567.89"
