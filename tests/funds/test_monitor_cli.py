"""`jixiao monitor`: the examples on 31 July, exit codes, bad input in the extension blocks."""

from __future__ import annotations

import json

import pytest

from funds.support import EXAMPLES, run_cli

BAOSHAN = str(EXAMPLES / "baoshan-2022-monitoring.yaml")
BEHIND = str(EXAMPLES / "demo-2022-monitoring-behind.yaml")

MINIMAL = """\
format: jixiao.evaluation/1
project: {name: 项目, department: 部门, unit: 单位, fiscal_year: 2022}
funds:
  total: {initial_budget: 1200, full_year_budget: 1200, executed: 0}
indicators:
  - {category: 产出指标, subcategory: 数量指标, name: 里程, operator: ">=", target: 120, weight: 100}
monitoring:
  snapshots:
    - as_of: 2022-07-31
      executed: 700
      indicators:
        - {name: 里程, progress: 70, completion: 确定能}
ledger:
  lines:
    - {code: a, name: 租金, amount: 1200, classifications: ["30214"]}
  records:
    - {date: 2022-03-01, amount: 700, payee: 甲, line: a, classification: 30214}
"""


def test_31_july_says_which_projects_are_red_yellow_green() -> None:
    result = run_cli("monitor", BAOSHAN, BEHIND, "--as-of", "2022-07-31", "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["summary"] == {"red": 1, "yellow": 1, "green": 0, "not-judged": 0}
    baoshan, behind = doc["projects"]
    assert baoshan["light"] == "yellow" and baoshan["execution"]["light"] == "green"
    assert baoshan["execution"]["executed"] == "1668778.62"
    assert baoshan["execution"]["time_progress"] == "0.583333"
    codes = {f["code"] for f in baoshan["findings"]}
    assert {"overspend", "misclassified-spending", "completion-unlikely"} <= codes
    assert baoshan["table"]["period"] == "1-7月"
    assert behind["light"] == "red"
    assert any("34.3%" in reason for reason in behind["reasons"])


def test_text_output() -> None:
    result = run_cli("monitor", BEHIND, "--as-of", "2022-07-31")
    assert result.exit_code == 1
    assert "[红灯]" in result.stdout and "execution-behind-schedule" in result.stdout


def test_clean_file_exits_0_and_thresholds_can_be_set(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write("m.yaml", MINIMAL))
    result = run_cli("monitor", path, "--as-of", "2022-07-31", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["projects"][0]["light"] == "green"
    # 700/1200 is exactly 7/12: exactly on a 100% green line is green, just below it yellow
    on_line = run_cli("monitor", path, "--as-of", "2022-07-31", "--json", "--red-below", "90%",
                      "--green-from", "100%")
    assert json.loads(on_line.stdout)["projects"][0]["light"] == "green"
    lower = str(write("lower.yaml", MINIMAL.replace("executed: 700", "executed: 699.99")
                      .replace("amount: 700,", "amount: 699.99,")))
    below = run_cli("monitor", lower, "--as-of", "2022-07-31", "--json", "--red-below", "90%",
                    "--green-from", "100%")
    assert json.loads(below.stdout)["projects"][0]["light"] == "yellow"
    by_day = run_cli("monitor", path, "--as-of", "2022-07-31", "--json", "--basis", "day")
    assert json.loads(by_day.stdout)["projects"][0]["execution"]["time_progress"] == "0.580822"


@pytest.mark.parametrize(("edit", "needles"), [
    (("name: 里程, progress", "name: 路程, progress"), ["路程", "m.yaml:12", "里程"]),
    (("completion: 确定能", "completion: 大概"), ["大概", "确定能"]),
    (("as_of: 2022-07-31", "as_of: 2023-07-31"), ["不在", "as_of"]),
    (("line: a,", "line: b,"), ["ledger.records[0].line", "b"]),
    (("amount: 700, payee", "amount: 7.001, payee"), ["ledger.records[0].amount"]),
    (("snapshots:", "thresholds: {red_below: 90%, green_from: 80%}\n  snapshots:"),
     ["monitoring.thresholds"]),
])
def test_bad_blocks_exit_2(write, edit, needles) -> None:  # type: ignore[no-untyped-def]
    path = str(write("m.yaml", MINIMAL.replace(*edit)))
    result = run_cli("monitor", path, "--as-of", "2022-07-31")
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_bad_as_of_exits_2() -> None:
    result = run_cli("monitor", BEHIND, "--as-of", "31.07.2022x")
    assert result.exit_code == 2 and "--as-of" in result.stderr


def test_records_file_errors_import_nothing(write) -> None:  # type: ignore[no-untyped-def]
    write("r.csv", "日期,金额,收款人,预算项目\n2022-03-01,100,甲,a\n2022-03-02,abc,乙,a\n")
    text = MINIMAL.replace("  records:\n    - {date: 2022-03-01, amount: 700, payee: 甲, line: a,"
                           " classification: 30214}\n", "  records_file: r.csv\n")
    path = str(write("m.yaml", text))
    result = run_cli("monitor", path, "--as-of", "2022-07-31")
    assert result.exit_code == 2
    assert "r.csv:3" in result.stderr and "未导入任何记录" in result.stderr


def test_monitoring_inputs_from_an_evaluation_object() -> None:
    from datetime import date

    from jixiao.domain.monitoring import monitor
    from jixiao.ingest.evaluation_file import load_evaluation
    from jixiao.ingest.funds_blocks import monitoring_inputs

    evaluation = load_evaluation(BAOSHAN)
    plan, ledger = monitoring_inputs(evaluation, base_dir=EXAMPLES)
    assert plan is not None and ledger is not None
    result = monitor(evaluation, date(2022, 7, 31), plan, ledger)
    assert result.light.value == "yellow"
    assert str(result.execution.executed) == "1668778.62"


@pytest.mark.parametrize("as_of", ["2021-12-31", "2023-01-01"])
def test_as_of_outside_the_fiscal_year_exits_2_naming_date_and_year(
        write, as_of: str) -> None:  # type: ignore[no-untyped-def]
    """2021-12-31 showed a green light "不评价" and exit 1 (review item 2)."""
    result = run_cli("monitor", str(write("p.yaml", MINIMAL)), "--as-of", as_of)
    assert result.exit_code == 2 and result.stdout == ""
    assert as_of in result.stderr and "2022年度" in result.stderr
    assert "p.yaml" in result.stderr and "--as-of" in result.stderr


def test_record_of_another_year_is_flagged_before_as_of_reaches_it(write) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL + "    - {date: 2023-01-05, amount: 200, payee: 乙, line: a, classification: 30214}\n"
    result = run_cli("monitor", str(write("p.yaml", text)), "--as-of", "2022-07-31", "--json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["projects"][0]["findings"]
    assert [f["location"] for f in findings if f["code"] == "outside-fiscal-year"] == [
        "p.yaml:18"]  # the inline record's line in the file
    outside = next(f for f in findings if f["code"] == "outside-fiscal-year")
    assert "支付「乙」200.00 元" in outside["message"]  # was "200 元" (review item 4)


def test_mid_january_is_not_judged_and_never_green(write) -> None:  # type: ignore[no-untyped-def]
    """No complete month on 15 January: the execution light is 未评价, not a green "不评价"."""
    text = MINIMAL.replace("2022-03-01", "2022-01-10")
    result = run_cli("monitor", str(write("p.yaml", text)), "--as-of", "2022-01-15", "--json")
    doc = json.loads(result.stdout)
    project = doc["projects"][0]
    assert project["execution"]["light"] == "not-judged" and project["light"] == "not-judged"
    assert doc["summary"] == {"red": 0, "yellow": 0, "green": 0, "not-judged": 1}
    assert "未评价" in project["reasons"][0]
    text_out = run_cli("monitor", str(write("p.yaml", text)), "--as-of", "2022-01-15").stdout
    assert "[未评价]" in text_out and "绿灯" not in text_out
