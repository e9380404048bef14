"""Hypothesis properties of the scoring core."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import evaluation, ind
from jixiao.domain.money import round_half_up
from jixiao.domain.rules import equal, positive, reverse
from jixiao.domain.scoring import score_evaluation

amounts = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000000"), places=2,
                      allow_nan=False, allow_infinity=False)
targets = st.decimals(min_value=Decimal("0"), max_value=Decimal("1000000"), places=2,
                      allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=Decimal("0"), max_value=Decimal("60"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(targets, amounts, weights)
def test_scores_lie_between_zero_and_weight(a, b, w):
    for rule in (positive, equal, reverse):
        s = rule(a, b, w)
        assert Decimal(0) <= s <= w


@given(targets, amounts, amounts, weights)
def test_positive_is_monotone_in_actual(a, b1, b2, w):
    lo, hi = sorted((b1, b2))
    assert positive(a, lo, w) <= positive(a, hi, w)


@given(targets, amounts, amounts, weights)
def test_reverse_is_antitone_in_actual(a, b1, b2, w):
    lo, hi = sorted((b1, b2))
    assert reverse(a, lo, w) >= reverse(a, hi, w)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(targets, amounts, weights), min_size=1, max_size=12),
    targets, targets,
)
def test_total_is_sum_of_parts_and_grade_agrees(items, budget, executed):
    indicators = [ind("产出指标", f"i{n}", target=a, actual=b, weight=w, deviation_reason="x")
                  for n, (a, b, w) in enumerate(items)]
    result = score_evaluation(evaluation(indicators, budget=budget, executed=executed))
    parts = result.budget_execution.score + sum(s.score for s in result.indicators)
    assert result.total == round_half_up(parts)
    assert sum(c.score for c in result.categories.values()) == sum(
        s.score for s in result.indicators)
    expected_grade = ("优" if result.total >= 90 else "良" if result.total >= 80
                      else "中" if result.total >= 60 else "差")
    assert result.grade == expected_grade
    assert Decimal(0) <= result.budget_execution.score <= result.budget_execution.weight
