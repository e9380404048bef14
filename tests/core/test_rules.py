"""Per-rule tables (RULES.md §3.1–3.6): A = target, B = actual, w = weight."""

from decimal import Decimal

import pytest

from jixiao.domain.indicators import Operator
from jixiao.domain.rules import OPERATOR_RULES, RULES, equal, positive, reverse

POSITIVE = [  # A, B, w, score
    ("8", "5", "1", "0.63"),        # 5/8 = 0.625 → 0.63 half-up (half-even gives 0.62)
    ("100", "100", "10", "10"),
    ("100", "150", "10", "10"),     # capped at the weight (§3.6)
    ("100", "80", "10", "8.00"),
    ("3", "1", "10", "3.33"),
    ("3", "2", "10", "6.67"),
    ("100", "-5", "10", "0.00"),    # negative actual counts as 0
    ("100", "0", "10", "0.00"),
    ("0", "0", "10", "10"),
    ("11442", "4164", "20", "7.28"),  # corpus 011: 4164/11442 × 20
    ("15", "6", "20", "8.00"),        # corpus 011: 6/15 × 20
]


@pytest.mark.parametrize(("a", "b", "w", "score"), POSITIVE)
def test_positive(a, b, w, score):
    assert positive(Decimal(a), Decimal(b), Decimal(w)) == Decimal(score)


EQUAL = [
    ("100", "100", "5", "5"),
    ("100", "120", "5", "5"),      # exceeding an = target is not penalised (§10 A4)
    ("100", "90", "5", "4.50"),
    ("0", "0", "5", "5"),          # A = 0: B ≤ 0 full marks (selfindexequalzero)
    ("0", "-1", "5", "5"),
    ("0", "0.01", "5", "0"),       # A = 0: anything above 0 scores 0
]


@pytest.mark.parametrize(("a", "b", "w", "score"), EQUAL)
def test_equal(a, b, w, score):
    assert equal(Decimal(a), Decimal(b), Decimal(w)) == Decimal(score)


REVERSE = [
    ("100", "100", "10", "10"),
    ("100", "50", "10", "10"),
    ("100", "120", "10", "8.00"),   # (1 − 20/100) × 10
    ("100", "199", "10", "0.10"),
    ("100", "200", "10", "0"),      # at 2A: 0
    ("100", "350", "10", "0"),
    ("3", "4", "5", "3.33"),        # (1 − 1/3) × 5 = 3.333…
    ("8", "11", "1", "0.63"),       # (2·8 − 11)/8 = 0.625 → 0.63
    ("0", "0", "10", "10"),
    ("0", "1", "10", "0"),
    ("100", "-1", "10", "10"),
]


@pytest.mark.parametrize(("a", "b", "w", "score"), REVERSE)
def test_reverse(a, b, w, score):
    assert reverse(Decimal(a), Decimal(b), Decimal(w)) == Decimal(score)


def test_every_operator_has_a_rule():
    for op in Operator:
        rule = OPERATOR_RULES[op]
        assert rule == "qualitative" or rule in RULES


def test_scores_have_two_decimals_when_proportional():
    assert positive(Decimal(3), Decimal(1), Decimal(1)).as_tuple().exponent == -2
