"""抽查 sampling and 复核 comparison (`jixiao.domain.review`)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from jixiao.domain.review import Candidate, review_compare, stratified_sample
from jixiao.domain.rulesets import get_ruleset


def _population(n: int = 60) -> list[Candidate]:
    return [Candidate(i, f"部门{i % 3}", Decimal(1000 * ((i * 37) % 101))) for i in range(1, n + 1)]


def test_same_seed_same_population_same_sample_in_any_order():
    pop = _population()
    first = stratified_sample(pop, 12, "2024-抽查")
    shuffled = pop[:]
    random.Random(5).shuffle(shuffled)
    assert stratified_sample(shuffled, 12, "2024-抽查") == first
    assert stratified_sample(pop, 12, "另一个种子").project_ids != first.project_ids


def test_allocation_is_proportional_to_strata():
    pop = _population()
    sample = stratified_sample(pop, 12, "s")
    assert len(sample.project_ids) == 12 == sum(n for _, n in sample.allocation.values())
    assert {k.split("·")[0] for k in sample.allocation} == {"部门0", "部门1", "部门2"}
    for size, drawn in sample.allocation.values():  # each stratum within one of its quota
        assert abs(drawn - 12 * size / 60) < 1
    counts = {d: sum(1 for i in sample.project_ids if sample.stratum_of[i].startswith(d))
              for d in ("部门0", "部门1", "部门2")}
    assert counts == {"部门0": 4, "部门1": 4, "部门2": 4}


def test_small_population_is_taken_whole_and_bad_size_refused():
    pop = _population(5)
    assert stratified_sample(pop, 50, "s").project_ids == (1, 2, 3, 4, 5)
    assert stratified_sample([], 3, "s").project_ids == ()
    with pytest.raises(ValueError):
        stratified_sample(pop, 0, "s")


def test_review_flags_differences_over_five_points_and_grade_changes():
    grade = get_ruleset("national-2020").grade
    scores = {0: Decimal(20), 1: Decimal(30)}
    same = review_compare(self_total=Decimal("92"), self_scores=scores,
                          review_scores={0: Decimal(20)}, grade=grade)
    assert same.review_total == Decimal(92) and same.flags == []
    five = review_compare(self_total=Decimal("97"), self_scores=scores,
                          review_scores={1: Decimal(25)}, grade=grade)
    assert five.review_total == Decimal(92) and five.flags == []  # exactly 5: not flagged
    six = review_compare(self_total=Decimal("92"), self_scores=scores,
                         review_scores={1: Decimal(24)}, grade=grade)
    assert six.review_total == Decimal(86) and six.review_grade == "良"
    assert len(six.flags) == 3 and "等级由「优」变为「良」" in six.flags
    assert six.flagged_indicators == (1,)
