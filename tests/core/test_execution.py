"""Budget-execution score (RULES.md §3.7, §10 A2): linear and capped, from the unrounded rate."""

from decimal import Decimal

import pytest

from jixiao.domain.execution import execution_rate, score_execution
from jixiao.domain.rulesets import get_ruleset


@pytest.mark.parametrize(("ruleset", "budget", "executed", "score"), [
    ("national-2020", "2281500", "2225038.16", "9.75"),   # RULES.md §11
    ("national-2020", "100", "100", "10.00"),
    ("national-2020", "100", "120", "10.00"),              # capped
    ("national-2020", "100000", "98449", "9.84"),          # rate rounded first would give 9.85
    ("national-2020", "650", "94", "1.45"),
    ("national-2020", "0", "0", "0.00"),                   # zero budget scores 0
    ("hubei", "2281500", "2225038.16", "19.51"),           # RULES.md §11
    ("hubei", "650", "94", "2.89"),                        # corpus 011 printed 2.9 (one decimal)
    ("jiangxi", "2281500", "2225038.16", "7.00"),          # [80 %, 100 %) → 7
    ("jiangxi", "100", "100", "10.00"),
    ("jiangxi", "100", "130", "10.00"),
    ("jiangxi", "100", "80", "7.00"),
    ("jiangxi", "100", "79.99", "5.00"),
    ("jiangxi", "100", "60", "5.00"),
    ("jiangxi", "100", "59.99", "0.00"),
])
def test_execution_score(ruleset, budget, executed, score):
    result = score_execution(Decimal(executed), Decimal(budget), get_ruleset(ruleset))
    assert result.score == Decimal(score)
    assert str(result.score) == score


def test_rate_is_kept_unrounded():
    rate = execution_rate(Decimal("2225038.16"), Decimal("2281500"))
    assert rate is not None
    assert rate != Decimal("0.9753")
    assert rate.quantize(Decimal("0.0001")) == Decimal("0.9753")
    assert execution_rate(Decimal(1), Decimal(0)) is None
