"""RULES.md §11: the rent + property-fee project under the three rule sets."""

from decimal import Decimal

import pytest

from builders import evaluation, ind
from jixiao.domain.scoring import score_evaluation


def worked_example_indicators(output_weights=("10", "10", "10", "10", "10"), outcome="30"):
    w = [Decimal(x) for x in output_weights]
    return [
        ind("产出指标", "租赁办公面积", ">=", "8477.09", "8477.09", w[0], unit="平方米"),
        ind("产出指标", "物业服务合格率", ">=", 95, 100, w[1], subcategory="质量指标", unit="%"),
        ind("产出指标", "租金、物业费按合同按时支付率", "=", 100, 100, w[2],
            subcategory="时效指标", unit="%"),
        ind("产出指标", "房租成本", "<=", 2034500, 1580900, w[3], subcategory="成本指标", unit="元"),
        ind("产出指标", "物业成本", "<=", 247000, 247000, w[4], subcategory="成本指标", unit="元"),
        ind("效益指标", "保障机关正常办公运转", "qualitative", "正常运转", "达成年度指标", outcome,
            subcategory="社会效益指标", grade="achieved", score=outcome),
        ind("满意度指标", "干部职工满意度", ">=", 90, 95, 10, subcategory="服务对象满意度指标",
            unit="%"),
    ]


@pytest.mark.parametrize(("ruleset", "weights", "execution", "total"), [
    ("national-2020", ("10", "10", "10", "10", "10"), "9.75", "99.75"),
    ("jiangxi", ("10", "10", "10", "10", "10"), "7.00", "97.00"),
    # Hubei: execution is worth 20, so the indicators carry 80 (产出 40 here).
    ("hubei", ("8", "8", "8", "8", "8"), "19.51", "99.51"),
])
def test_worked_example(ruleset, weights, execution, total):
    ev = evaluation(worked_example_indicators(weights), budget="2281500.00",
                    executed="2225038.16", ruleset=ruleset)
    result = score_evaluation(ev)
    assert result.ruleset.name == ruleset
    assert str(result.budget_execution.score) == execution
    assert result.budget_execution.rate.quantize(Decimal("0.0001")) == Decimal("0.9753")
    assert str(result.total) == total
    assert result.grade == "优"
    assert [f for f in result.findings if f.severity.value == "error"] == []
    unexecuted = Decimal("2281500.00") - Decimal("2225038.16")
    assert unexecuted == Decimal("56461.84")


def test_worked_example_category_scores_national():
    ev = evaluation(worked_example_indicators(), budget="2281500.00", executed="2225038.16")
    cats = score_evaluation(ev).categories
    assert {k: (str(v.weight), str(v.score)) for k, v in cats.items()} == {
        "产出指标": ("50", "50"), "效益指标": ("30", "30"), "满意度指标": ("10", "10"),
    }
