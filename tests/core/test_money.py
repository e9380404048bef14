"""Money: one constructor, one rounding helper (四舍五入), explicit units."""

from decimal import Decimal

import pytest

from jixiao.domain.money import (
    D,
    NumberFormatError,
    format_percent,
    format_yuan,
    parse_amount,
    round_half_up,
    to_yuan,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234.56", "1234.56"),
    ("2,281,500.00", "2281500.00"),
    ("１２３４.５", "1234.5"),
    ("２，２８１，５００", "2281500"),
    (" 12 ", "12"),
    ("-3.5", "-3.5"),
    ("0.625", "0.625"),
    (7, "7"),
    (Decimal("1.10"), "1.10"),
])
def test_D_accepts_what_people_type(text, expected):
    assert D(text) == Decimal(expected)
    assert str(D(text)) == expected


@pytest.mark.parametrize("bad", ["abc", "1,23.4", "12,34", "", "1.2.3", "NaN", True, None, [1]])
def test_D_refuses_non_numbers(bad):
    with pytest.raises(NumberFormatError):
        D(bad)


def test_D_refuses_float_because_the_fen_is_already_lost():
    with pytest.raises(NumberFormatError, match="浮点"):
        D(0.1)


@pytest.mark.parametrize(("value", "places", "expected"), [
    ("0.625", 2, "0.63"),    # half-even would give 0.62
    ("0.635", 2, "0.64"),
    ("2.675", 2, "2.68"),
    ("9.7525", 2, "9.75"),
    ("-0.625", 2, "-0.63"),  # half away from zero
    ("0.97525", 4, "0.9753"),
    ("1.5", 0, "2"),
    ("2.5", 0, "3"),
])
def test_round_half_up(value, places, expected):
    assert str(round_half_up(Decimal(value), places)) == expected


@pytest.mark.parametrize(("text", "yuan"), [
    ("24.7万元", "247000"),
    ("203.45万元", "2034500"),
    ("1.5亿元", "150000000"),
    ("1,580,900元", "1580900"),
    ("644138.16", "644138.16"),
    ("２４.７万元", "247000"),
])
def test_parse_amount_converts_explicit_units_to_yuan(text, yuan):
    assert parse_amount(text) == Decimal(yuan)


def test_to_yuan_refuses_unknown_unit():
    with pytest.raises(NumberFormatError, match="单位"):
        to_yuan(Decimal(1), "美元")


def test_formatters():
    assert format_yuan(Decimal("2281500")) == "2,281,500.00"
    assert format_yuan(Decimal("56461.835")) == "56,461.84"
    assert format_percent(Decimal("2225038.16") / Decimal("2281500")) == "97.53%"
