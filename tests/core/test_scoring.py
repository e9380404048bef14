"""Scoring an evaluation: totals, grades, and the findings of CONTRACTS.md §2."""

from decimal import Decimal

import pytest

from builders import evaluation, ind, row, standard_indicators
from jixiao.domain.rulesets import get_ruleset
from jixiao.domain.scoring import score_evaluation


def codes(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize(("total", "grade"), [
    ("100", "优"), ("90", "优"), ("89.99", "良"), ("89.5", "良"), ("80", "良"),
    ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差"),
])
def test_grades_on_half_open_bands(total, grade):
    assert get_ruleset("national-2020").grade(Decimal(total)) == grade


def test_total_is_sum_of_rounded_items():
    # 1/3 × 50 = 16.666… → 16.67; each item is rounded before summing (RULES.md §3.9).
    ev = evaluation([
        ind("产出指标", "a", target=3, actual=1, weight=50, deviation_reason="x"),
        ind("效益指标", "b", target=3, actual=1, weight=30, subcategory="社会效益指标",
            deviation_reason="x"),
        ind("满意度指标", "c", target=3, actual=1, weight=10, subcategory="服务对象满意度指标",
            deviation_reason="x"),
    ], budget=3, executed=1)
    result = score_evaluation(ev)
    assert [str(s.score) for s in result.indicators] == ["16.67", "10.00", "3.33"]
    assert str(result.budget_execution.score) == "3.33"
    assert str(result.total) == "33.33"
    assert result.grade == "差"


def test_deviation_reason_missing_when_below_weight():
    ev = evaluation([
        ind("产出指标", "面积", target=100, actual=80, weight=50),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    finding = next(f for f in result.findings if f.code == "deviation-reason-missing")
    assert finding.location == "indicators[0].deviation_reason"
    assert finding.stated == Decimal("40.00") and finding.expected == Decimal(50)
    assert "40.00" in finding.message and "50" in finding.message


def test_no_deviation_finding_when_reason_given():
    ev = evaluation([
        ind("产出指标", "面积", target=100, actual=80, weight=50, deviation_reason="场地调整"),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    assert "deviation-reason-missing" not in codes(score_evaluation(ev))


@pytest.mark.parametrize(("grade", "score", "ok"), [
    ("achieved", "30", True), ("achieved", "24", True), ("achieved", "23.99", False),
    ("partly_achieved", "18", True), ("partly_achieved", "23.99", True),
    ("partly_achieved", "24", False), ("not_achieved", "17.99", True),
    ("not_achieved", "18", False), ("达成年度指标", "31", False),
])
def test_qualitative_band(grade, score, ok):
    ev = evaluation([
        ind("产出指标", "a", weight=50),
        ind("效益指标", "定性", "qualitative", "有效", "有效", 30, subcategory="社会效益指标",
            grade=grade, score=score, deviation_reason="说明"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    assert ("qualitative-score-out-of-band" not in codes(result)) is ok
    assert result.indicators[1].score == Decimal(score)


def test_score_above_weight_on_override():
    ev = evaluation([
        ind("产出指标", "a", weight=50, score=55, override_reason="人工"),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    f = next(f for f in result.findings if f.code == "score-above-weight")
    assert f.severity.value == "error" and f.stated == Decimal(55) and f.expected == Decimal(50)


def test_override_without_reason_is_flagged_and_explained():
    ev = evaluation([
        ind("产出指标", "a", target=100, actual=100, weight=50, score=45,
            deviation_reason="酌情扣分"),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    assert "override-reason-missing" in codes(result)
    assert result.indicators[0].score == Decimal(45)
    assert result.indicators[0].computed == Decimal(50)
    assert "人工调整为 45.00" in result.indicators[0].explanation()


def test_weights_mismatch_names_both_sides():
    ev = evaluation(standard_indicators(output=70, outcome=20, satisfaction=10))
    result = score_evaluation(ev)
    mismatches = [f for f in result.findings if f.code == "weights-mismatch"]
    assert {(f.stated, f.expected) for f in mismatches} == {
        (Decimal(70), Decimal(50)), (Decimal(20), Decimal(30)),
    }


def test_satisfaction_redistribution_without_satisfaction_indicator():
    ok = evaluation([
        ind("产出指标", "a", weight="56.25"),
        ind("效益指标", "b", weight="33.75", subcategory="社会效益指标"),
    ])
    assert "weights-mismatch" not in codes(score_evaluation(ok))
    bad = evaluation([
        ind("产出指标", "a", weight=50), ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
    ])
    result = score_evaluation(bad)
    f = next(f for f in result.findings if f.code == "weights-mismatch")
    assert f.expected == Decimal("56.25") and "分摊" in f.message


def test_cost_as_first_level_category_counts_towards_output():
    ev = evaluation([
        ind("成本指标", "成本", "<=", 100, 90, 10, subcategory="经济成本指标"),
        ind("产出指标", "a", weight=40),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    assert "weights-mismatch" not in codes(result)
    assert "subcategory-unknown" not in codes(result)
    assert result.categories["成本指标"].score == Decimal(10)


def test_hubei_checks_only_the_indicator_total():
    ev = evaluation(standard_indicators(output=40, outcome=30, satisfaction=10), ruleset="hubei")
    assert "weights-mismatch" not in codes(score_evaluation(ev))
    ev = evaluation(standard_indicators(), ruleset="hubei")
    f = next(f for f in score_evaluation(ev).findings if f.code == "weights-mismatch")
    assert f.stated == Decimal(90) and f.expected == Decimal(80)


def test_funds_parts_mismatch():
    ev = evaluation(standard_indicators(), budget=100, executed=90,
                    current_appropriation=row(80, 70, 80), carryover=row(10, 10, 10))
    result = score_evaluation(ev)
    found = {f.location: f for f in result.findings if f.code == "funds-parts-mismatch"}
    assert set(found) == {"funds.total.initial_budget", "funds.total.full_year_budget",
                          "funds.total.executed"}
    f = found["funds.total.executed"]
    assert f.stated == Decimal(90) and f.expected == Decimal(80)
    assert f.operands == (Decimal(70), Decimal(10))


def test_funds_parts_that_add_up_are_silent():
    ev = evaluation(standard_indicators(), budget=100, executed=90,
                    current_appropriation=row(80, 80, 80), carryover=row(20, 10, 20))
    assert "funds-parts-mismatch" not in codes(score_evaluation(ev))


@pytest.mark.parametrize(("actual", "reason", "severity"), [
    ("130", "", "warning"), ("129.99", "", None), ("200", "指标值定得偏低", "info"),
])
def test_over_completion(actual, reason, severity):
    ev = evaluation([
        ind("产出指标", "a", target=100, actual=actual, weight=50, deviation_reason=reason),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标"),
    ])
    found = [f for f in score_evaluation(ev).findings if f.code == "over-completion"]
    if severity is None:
        assert found == []
    else:
        assert [f.severity.value for f in found] == [severity]
        assert found[0].stated == Decimal(actual) and found[0].expected == Decimal(100)


def test_zero_budget_and_overspend_are_flagged():
    assert "zero-budget" in codes(score_evaluation(evaluation(standard_indicators(), 0, 0)))
    assert "executed-exceeds-budget" in codes(
        score_evaluation(evaluation(standard_indicators(), 100, 101)))


def test_missing_actual_scores_zero_with_explanation():
    ev = evaluation([ind("产出指标", "a", actual=None, weight=50, deviation_reason="未完成"),
                     ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
                     ind("满意度指标", "c", weight=10, subcategory="服务对象满意度指标")])
    s = score_evaluation(ev).indicators[0]
    assert s.score == 0 and "未填实际完成值" in s.explanation()


def test_scored_evaluation_records_ruleset_version():
    result = score_evaluation(evaluation(standard_indicators()))
    doc = result.to_json()
    assert doc["ruleset"] == {"name": "national-2020", "version": result.ruleset.version}
    assert doc["total"] == "100.00" and doc["grade"] == "优"


def test_categories_need_not_be_grouped():
    # 产出 split in two runs around 效益: weights and scores still add up per category.
    ev = evaluation([
        ind("产出指标", "a", target=100, actual=50, weight=20, deviation_reason="x"),
        ind("效益指标", "b", weight=30, subcategory="社会效益指标"),
        ind("产出指标", "c", weight=30),
        ind("满意度指标", "d", weight=10, subcategory="服务对象满意度指标"),
    ])
    result = score_evaluation(ev)
    assert "weights-mismatch" not in codes(result)
    cats = result.categories
    assert list(cats) == ["产出指标", "效益指标", "满意度指标"]
    assert (cats["产出指标"].weight, cats["产出指标"].score) == (Decimal(50), Decimal(40))
    assert result.total == Decimal("90.00")
