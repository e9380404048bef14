"""Evaluation-file loader: exact numbers, and bad input named by file, line and field."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.errors import InputError
from jixiao.ingest.evaluation_file import load_evaluation, parse_evaluation_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "baoshan-2022-rent-property.yaml"

GOOD = """\
format: jixiao.evaluation/1
project: {name: 项目, department: 部门, unit: 单位, fiscal_year: 2022}
funds:
  total:
    initial_budget: 100.10
    full_year_budget: "1,000.10"
    executed: 90.1
indicators:
  - category: 产出指标
    subcategory: 数量指标
    name: 面积
    operator: "≥"
    target: 0.1
    actual: "95%"
    weight: 50
"""


def test_example_loads_with_exact_decimals():
    ev = load_evaluation(EXAMPLE)
    assert ev.funds.total.full_year_budget == Decimal("2281500.00")
    assert ev.funds.total.executed == Decimal("2225038.16")
    assert ev.project.fiscal_year == 2022
    assert len(ev.indicators) == 14
    assert ev.narrative_text("problems").startswith("1.")


def test_yaml_floats_are_read_as_exact_decimals():
    ev = parse_evaluation_text(GOOD, "good.yaml")
    assert ev.funds.total.initial_budget == Decimal("100.10")
    assert str(ev.funds.total.executed) == "90.1"
    assert ev.indicators[0].target == Decimal("0.1")
    assert ev.indicators[0].actual == Decimal(95) and ev.indicators[0].unit_of_measure == "%"


def test_json_is_accepted():
    text = ('{"format": "jixiao.evaluation/1", "project": {"name": "p", "department": "d", '
            '"unit": "u", "fiscal_year": 2023}, "funds": {"total": {"full_year_budget": 10.05, '
            '"executed": "9"}}, "indicators": [{"category": "产出指标", "name": "n", '
            '"operator": ">=", "target": 1, "actual": 1, "weight": 50}]}')
    ev = parse_evaluation_text(text, "x.json")
    assert ev.funds.total.full_year_budget == Decimal("10.05")


def _error(text, source="bad.yaml"):
    with pytest.raises(InputError) as info:
        parse_evaluation_text(text, source)
    return info.value


@pytest.mark.parametrize(("mutation", "line", "field", "words"), [
    (("  total:", "  totl:"), 4, "funds.totl", "是否应为 'total'"),
    (("    executed: 90.1", "    executed: 九十"), 7, "funds.total.executed", "不是数字"),
    (("    full_year_budget: \"1,000.10\"", "    full_year_budget: -5"), 6,
     "funds.total.full_year_budget", "不能小于"),
    (("    weight: 50", "    weight: 五十"), 15, "indicators[0].weight", "不是数字"),
    (("    operator: \"≥\"", "    operator: 大约"), 12, "indicators[0].operator", "指标性质"),
    (("    name: 面积", "    nmae: 面积"), 11, "indicators[0].nmae", "是否应为 'name'"),
    (("  - category: 产出指标", "  - category: 产出"), 9, "indicators[0].category", "一级指标"),
    (("fiscal_year: 2022}", "fiscal_year: 二〇二二}"), 2, "project.fiscal_year", "整数"),
    (("format: jixiao.evaluation/1", "format: jixiao.evaluation/9"), 1, "format", "格式"),
])
def test_bad_fields_are_named_with_line(mutation, line, field, words):
    old, new = mutation
    assert old in GOOD
    err = _error(GOOD.replace(old, new, 1))
    assert err.file == "bad.yaml"
    assert err.line == line
    assert err.field == field
    assert words in err.message
    assert f"bad.yaml:{line}" in str(err)


def test_missing_funds_total():
    text = GOOD.replace("  total:\n", "  totalx:\n", 1).replace("totalx", "current_appropriation")
    err = _error(text)
    assert err.field == "funds.total" and "缺少必填字段" in err.message


def test_empty_file(tmp_path):
    p = tmp_path / "empty.yaml"
    p.write_text("   \n")
    with pytest.raises(InputError, match="文件为空") as info:
        load_evaluation(p)
    assert info.value.file == str(p)


def test_binary_file(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    with pytest.raises(InputError, match="二进制"):
        load_evaluation(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        load_evaluation(tmp_path / "nope.yaml")


def test_yaml_syntax_error_has_line():
    err = _error(GOOD.replace("    weight: 50", "    weight: [50"))
    assert err.line is not None and "语法错误" in err.message


def test_json_syntax_error_has_line():
    err = _error('{"format": "jixiao.evaluation/1",\n "project": }', "bad.json")
    assert err.line == 2


def test_qualitative_needs_grade_and_score():
    text = GOOD.replace('operator: "≥"', "operator: 定性").replace('actual: "95%"', "actual: 有效")
    err = _error(text)
    assert err.field == "indicators[0].grade"
    err = _error(text.replace("    weight: 50", "    weight: 50\n    grade: 达成年度指标"))
    assert err.field == "indicators[0].score"


def test_not_a_mapping():
    err = _error("- 1\n- 2\n")
    assert "映射" in err.message


# --- hostile and malformed input (review findings) -------------------------------------


def test_duplicate_keys_are_refused_with_both_lines():
    text = GOOD.replace("    executed: 90.1", "    executed: 90.1\n    executed: 80")
    err = _error(text)
    assert err.field == "funds.total.executed" and "重复的键" in err.message
    assert err.line == 8 and "第 7 行" in err.message


def test_alias_bomb_is_refused_at_once():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        prev = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    err = _error("\n".join(bomb) + "\n")
    assert "别名" in err.message


@pytest.mark.parametrize(("value", "words"), [
    ("1e400", "过大"), ('"1e999999"', "过大"), ("1.0e+999999", "过大"), (".nan", "有限"),
    (".inf", "有限"), ("1" * 5000, "位数过多"), ("0.000000000001", "小数位数过多"),
])
def test_absurd_numbers_are_input_errors(value, words):
    err = _error(GOOD.replace("    executed: 90.1", f"    executed: {value}"))
    assert words in err.message and err.line == 7


@pytest.mark.parametrize(("old", "new", "field"), [
    ("    weight: 50", "    weight: 3.335", "indicators[0].weight"),
    ("    executed: 90.1", "    executed: 90.125", "funds.total.executed"),
])
def test_more_than_two_decimals_for_points_and_yuan(old, new, field):
    err = _error(GOOD.replace(old, new))
    assert err.field == field and "最多保留 2 位小数" in err.message


def test_impossible_date_and_deep_nesting_and_non_text_keys():
    err = _error(GOOD.replace("fiscal_year: 2022}", "fiscal_year: 2022, region: 2022-02-30}"))
    assert "日期" in err.message and err.line == 2
    err = _error("format: " + "[" * 900 + "]" * 900 + "\n")
    assert "嵌套" in err.message or "语法" in err.message
    err = _error(GOOD + "~: x\n")
    assert "键必须是文字" in err.message
    err = _error(GOOD + "? [a, b]\n: x\n")
    assert "键必须是文字" in err.message
