"""Monitoring: execution vs 序时进度 lights, quarter benchmarks, completion judgements, table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.domain.errors import InputError
from jixiao.domain.evaluation import Evaluation, FundRow, Funds, Goals, Project
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.ledger import BudgetLine, Ledger, SpendingRecord
from jixiao.domain.monitoring import (
    Completion,
    IndicatorProgress,
    Light,
    MonitoringPlan,
    MonitoringSettings,
    Snapshot,
    Thresholds,
    monitor,
)
from jixiao.domain.monitoring_table import monitoring_table, period_label
from jixiao.domain.periods import FiscalYear

JULY = date(2022, 7, 31)


def evaluation(budget: str = "1200", executed: str = "0") -> Evaluation:
    ind = (
        Indicator("产出指标", "数量指标", "养护里程", Operator.GE, Decimal(120), Decimal(30),
                  unit_of_measure="公里"),
        Indicator("效益指标", "社会效益指标", "群众满意", Operator.QUALITATIVE, "效果明显",
                  Decimal(30)),
    )
    return Evaluation(Project("项目", "部门", "单位", 2022),
                      Funds(FundRow(Decimal(budget), Decimal(budget), Decimal(executed))), ind,
                      Goals("全年目标"))


def plan(executed: str | None, *rows: IndicatorProgress, **settings: object) -> MonitoringPlan:
    snap = Snapshot(JULY, None if executed is None else Decimal(executed), Decimal("1000"),
                    "进展", rows)
    return MonitoringPlan(MonitoringSettings(**settings), (snap,))  # type: ignore[arg-type]


# 序时进度 on 31 July is 7/12; budget 1200 → 700 is exactly on schedule.
@pytest.mark.parametrize(("executed", "light"), [
    ("700", Light.GREEN),
    ("560", Light.GREEN),    # 80% of time progress: green from 80%
    ("559.99", Light.YELLOW),
    ("420", Light.YELLOW),   # 60%: yellow from 60%
    ("419.99", Light.RED),
    ("0", Light.RED),
    ("1300", Light.GREEN),
])
def test_execution_light_by_share_of_time_progress(executed: str, light: Light) -> None:
    result = monitor(evaluation(), JULY, plan(executed))
    assert result.execution.light is light
    assert result.execution.time_progress == Decimal(7) / Decimal(12)
    behind = [f for f in result.findings if f.code == "execution-behind-schedule"]
    assert bool(behind) is (light is not Light.GREEN)
    if light is Light.RED:
        assert behind[0].severity.value == "error"


def test_thresholds_are_configurable() -> None:
    strict = plan("600", thresholds=Thresholds(Decimal("0.9"), Decimal("0.95")))
    assert monitor(evaluation(), JULY, strict).execution.light is Light.RED
    assert monitor(evaluation(), JULY, plan("600")).execution.light is Light.GREEN
    with pytest.raises(ValueError):
        Thresholds(Decimal("0.9"), Decimal("0.8"))


def test_quarter_benchmark_on_31_july_is_half() -> None:
    result = monitor(evaluation(), JULY, plan("590"))  # 49.17% < 50%
    assert result.execution.benchmark == (2, Decimal("0.50"))
    assert "below-quarter-benchmark" in [f.code for f in result.findings]
    assert "below-quarter-benchmark" not in [f.code for f in
                                             monitor(evaluation(), JULY, plan("600")).findings]


@pytest.mark.parametrize("as_of", [date(2021, 12, 31), date(2023, 1, 1), date(2030, 6, 30)])
def test_as_of_outside_the_fiscal_year_is_an_input_error(as_of: date) -> None:
    """Before the year this used to be a green light "不评价": read as on track (review item 2)."""
    with pytest.raises(InputError) as caught:
        monitor(evaluation(), as_of, MonitoringPlan())
    message = str(caught.value)
    assert as_of.isoformat() in message and "2022年度" in message
    assert caught.value.field == "as_of"


@pytest.mark.parametrize("as_of", [date(2022, 1, 1), date(2022, 12, 31)])
def test_first_and_last_day_of_the_year_are_monitored(as_of: date) -> None:
    result = monitor(evaluation(executed="1200"), as_of, MonitoringPlan())
    assert result.as_of == as_of


def test_completion_not_certain_needs_a_reason() -> None:
    rows = (IndicatorProgress("养护里程", Completion.POSSIBLE, Decimal(50)),
            IndicatorProgress("群众满意", Completion.IMPOSSIBLE, "一般", reason="投诉增加"))
    result = monitor(evaluation(), JULY, plan("700", *rows))
    found = [(f.code, f.severity.value, f.location) for f in result.findings]
    # a warning, the same severity as in scoring (review item 5, docs/funds.md)
    assert ("deviation-reason-missing", "warning", "indicators[0].reason") in found
    assert ("completion-unlikely", "warning", "indicators[0]") in found
    assert ("completion-unlikely", "error", "indicators[1]") in found
    assert not any(f.code == "deviation-reason-missing" and f.location.startswith("indicators[1]")
                   for f in result.findings)
    assert result.light is Light.RED  # worst of execution (green) and indicators
    assert any("群众满意" in r and "投诉增加" in r for r in result.reasons)


def test_certain_but_far_behind_is_doubtful() -> None:
    rows = (IndicatorProgress("养护里程", Completion.CERTAIN, Decimal(20)),)  # 16.7% vs 58.3%
    result = monitor(evaluation(), JULY, plan("700", *rows))
    assert [f.code for f in result.findings] == ["completion-judgement-doubtful"]
    assert result.indicators[0].ratio == Decimal(20) / Decimal(120)
    assert result.light is Light.GREEN


def test_ledger_drives_execution_and_its_findings_are_reported() -> None:
    lines = (BudgetLine("a", "租金", Decimal("1000"), ("30214",)),
             BudgetLine("b", "物业", Decimal("200"), ("30209",)))
    records = (SpendingRecord(date(2022, 3, 1), Decimal("500"), "甲", "a", "30214"),
               SpendingRecord(date(2022, 5, 1), Decimal("250"), "乙", "b", "30213 维修费"),
               SpendingRecord(date(2022, 9, 1), Decimal("400"), "甲", "a", "30214"))
    ledger = Ledger(FiscalYear(2022), lines, records)
    result = monitor(evaluation(), JULY, plan("700"), ledger)
    assert result.execution.executed == Decimal("750") and result.execution.source == "ledger"
    codes = [f.code for f in result.findings]
    assert "overspend" in codes and "misclassified-spending" in codes
    # the snapshot said 700 while the ledger to 31 July says 750
    assert "stated-amount-mismatch" in codes
    mismatch = next(f for f in result.findings if f.code == "stated-amount-mismatch")
    assert "执行数 700.00 元与支出明细合计 750.00 元不一致" in mismatch.message
    assert any("超支" in r for r in result.reasons)


def test_monitoring_table_as_data() -> None:
    rows = (IndicatorProgress("养护里程", Completion.POSSIBLE, Decimal(50), Decimal(100),
                              ("经费保障", "其他"), "汛期"),)
    result = monitor(evaluation(), JULY, plan("700", *rows))
    table = monitoring_table(result)
    assert table.title == "项目支出绩效目标执行监控表" and table.period == "1-7月"
    assert table.executed == Decimal("700") and table.expected_full_year == Decimal("1000")
    assert table.columns[4] == "1-7月执行情况"
    first, second = table.rows
    assert first.target == "≥120公里" and first.progress == "50公里"
    assert first.causes == (True, False, False, False, True)
    assert first.completion == "有可能" and first.reason == "汛期"
    assert second.progress == "" and second.target == "效果明显"
    doc = result.to_json()
    assert doc["table"]["funds"]["rate"] == "0.5833"  # type: ignore[index]
    assert doc["light"] == "yellow"


@pytest.mark.parametrize(("as_of", "label"), [
    (date(2022, 7, 31), "1-7月"), (date(2022, 1, 31), "1月"), (date(2022, 6, 15), "1月1日-6月15日"),
])
def test_period_label(as_of: date, label: str) -> None:
    assert period_label(as_of) == label


def test_completion_parse() -> None:
    assert Completion.parse("确定能") is Completion.CERTAIN
    assert Completion.parse("不可能") is Completion.IMPOSSIBLE
    with pytest.raises(ValueError):
        Completion.parse("也许")


def test_deviation_reason_missing_has_the_same_severity_as_in_scoring() -> None:
    """It was an error here and a warning in scoring (review item 5): one code, one severity."""
    from dataclasses import replace

    from jixiao.domain.scoring import score_evaluation

    ev = evaluation(executed="1200")
    # 养护里程 120 公里 target, 60 done: score below weight, no deviation reason
    below = replace(ev, indicators=(replace(ev.indicators[0], actual=Decimal(60)),
                                    *ev.indicators[1:]))
    scored = [f for f in score_evaluation(below).findings if f.code == "deviation-reason-missing"]
    rows = (IndicatorProgress("养护里程", Completion.POSSIBLE, Decimal(50)),)
    monitored = [f for f in monitor(ev, JULY, plan("700", *rows)).findings
                 if f.code == "deviation-reason-missing"]
    assert scored and monitored
    assert {f.severity for f in scored} == {f.severity for f in monitored}



@pytest.mark.parametrize(("budget", "as_of"), [("1200", date(2022, 1, 30)),
                                              ("0", JULY), ("0", date(2022, 1, 1))])
def test_execution_that_cannot_be_judged_is_never_green(budget: str, as_of: date) -> None:
    result = monitor(evaluation(budget=budget), as_of, MonitoringPlan())
    assert result.execution.ratio is None
    assert result.execution.light is Light.NOT_JUDGED and result.light is Light.NOT_JUDGED
    assert result.light.label == "未评价"
    assert not [f for f in result.findings if f.code == "execution-behind-schedule"]


def test_judged_indicators_decide_when_execution_is_not_judged() -> None:
    snap = Snapshot(date(2022, 1, 20), None, None, "",
                    (IndicatorProgress("养护里程", Completion.POSSIBLE, Decimal(5), reason="冬季"),))
    result = monitor(evaluation(), date(2022, 1, 20), MonitoringPlan(snapshots=(snap,)))
    assert result.execution.light is Light.NOT_JUDGED and result.light is Light.YELLOW


def test_light_ranks() -> None:
    assert sorted(Light, key=lambda light: light.rank) == [
        Light.NOT_JUDGED, Light.GREEN, Light.YELLOW, Light.RED]
