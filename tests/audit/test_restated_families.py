"""The same quantity stated twice, in the genre's families of wordings (issue 10, i13r).

The year's budget is stated in 项目概况 and again in 资金投入情况 or the 绩效目标表: under any of
the forms' budget names, with the project's name or 该项目 in front, in a sentence that goes on
with the spending (项目预算资金100万元，实际支出95万元), and as the form's 年度资金总额 cell. Each
family has a consistent variant that stays silent, an inconsistent one that is found, and the
guards that keep two different quantities apart (年初/全年, a part, a source, 约, another year).
"""

from __future__ import annotations

import pytest
from tests.audit.test_prose_families import _errors


def _restated(lines: list[str]) -> set[str]:
    return {stated for code, stated in _errors(lines) if code == "restated-mismatch"}


# --- the year's budget in the overview and again beside the spending --------------------------

_OVERVIEW = [
    "该项目年度预算{a}万元，用于道路维修。",
    "本项目预算资金为{a}万元。",
    "项目年度预算资金{a}万元，主要用于道路维修",  # no 。
    "本项目全年预算{a}万元。",
]
_FUNDS = [
    "项目预算资金{b}万元，实际支出95万元，执行率为{r}%。",
    "全年预算数{b}万元，全年执行数95万元。",
    "预算安排资金{b}万元，实际支出95万元",
    "项目预算{b}万元，全年实际支出95万元，预算执行率{r}%。",
]


@pytest.mark.parametrize("overview", _OVERVIEW)
@pytest.mark.parametrize("funds", _FUNDS)
def test_budget_restated_beside_its_spending(overview: str, funds: str) -> None:
    good = ["一、项目概况", overview.format(a="100"), "二、资金投入情况",
            funds.format(b="100", r="95")]
    assert _errors(good) == set(), good
    bad = ["一、项目概况", overview.format(a="100"), "二、资金投入情况",
           funds.format(b="120", r="79.17")]
    assert _restated(bad) & {"100", "120"}, bad


@pytest.mark.parametrize("funds", _FUNDS)
def test_budget_in_another_unit_and_rounding(funds: str) -> None:
    # 1000000元 is 100万元; 12.3456 printed 12.35 is the same amount
    assert _errors(["项目概况：该项目年度预算1000000元。", funds.format(b="100", r="95")]) == set()
    assert _restated(["项目概况：该项目年度预算1000000元。", funds.format(b="120", r="79.17")])


@pytest.mark.parametrize("lines", [
    # 年初 and 全年 are two budgets of an adjusted year
    ["一、项目概况", "年初预算100万元。", "二、资金投入情况", "全年预算数120万元，全年执行数95万元。"],
    # an approximate figure is no statement of the amount
    ["一、项目概况", "该项目年度预算约100万元。", "二、资金投入情况",
     "项目预算资金120万元，实际支出95万元。"],
    # a source's budget is a part
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况", "中央资金预算60万元，实际支出55万元。"],
    # after another amount the budget may be a part of it
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "项目资金200万元，其中预算资金120万元，实际支出95万元。"],
    # another year
    ["一、项目概况", "2022年项目预算100万元。", "二、资金投入情况",
     "2023年项目预算120万元，实际支出95万元。"],
    # a whole its sentence breaks down may be the department's (部门整体 reports)
    ["一、部门整体支出", "全年支出3300.12万元，其中基本支出2500.12万元，项目支出800.00万元。",
     "二、项目支出", "全年预算数200万元，全年执行数180万元，预算执行率90%。"],
    # a budget adjusted during the year has two values
    ["一、项目概况", "该项目年度预算100万元，年中追加20万元。", "二、资金投入情况",
     "项目预算资金120万元，实际支出95万元。"],
])
def test_two_different_budgets_stay_silent(lines: list[str]) -> None:
    assert _restated(lines) == set(), lines


# --- the project's name in front of the budget's name ------------------------------------------

@pytest.mark.parametrize("title", [
    "2022年道路维修养护项目绩效自评报告",
    "XX县交通运输局“道路维修养护”项目支出绩效自评报告",
    "关于道路维修养护项目绩效自评情况的报告",
])
@pytest.mark.parametrize("named", [
    "道路维修养护项目预算安排{a}万元，用于全县道路维修。",
    "道路维修养护预算资金{a}万元。",
    "2022年道路维修养护项目年度预算{a}万元",
])
def test_project_name_before_the_budget_name(title: str, named: str) -> None:
    funds = "该项目预算资金100万元，实际支出95万元。"
    good = [title, "一、项目概况", named.format(a="100"), "二、资金投入情况", funds]
    assert _errors(good) == set(), good
    bad = [title, "一、项目概况", named.format(a="130"), "二、资金投入情况", funds]
    assert _restated(bad), bad


def test_project_name_from_the_name_field() -> None:
    head = ["项目支出绩效自评报告", "项目名称：农村文化建设配套补助经费"]
    body = ["农村文化建设配套补助经费预算安排{a}万元。", "该项目年度预算5万元，实际支出5万元。"]
    assert _errors([*head, body[0].format(a="5"), body[1]]) == set()
    assert _restated([*head, body[0].format(a="8"), body[1]])


def test_names_of_two_projects_stay_apart() -> None:
    # the report's project is one name; another project's budget is not restated by it
    lines = ["2022年道路维修养护项目绩效自评报告", "道路维修养护项目预算安排100万元。",
             "桥梁加固项目预算安排80万元。"]
    assert _restated(lines) == set()


# --- the prose against the 绩效目标表's 年度资金总额 ----------------------------------------------

_FORM_LAYOUTS = [
    # one cell per line, as web pages print the form
    ["项目资金 |", "年度资金总额: |", "{v} |", "||||", "其中:财政拨款 |", "{v} |", "|||||",
     "上年结转 |", "0.00 |", "其他资金 |", "0.00 |"],
    # pipes, one row
    ["项目资金（万元） | 年度资金总额 | {v} |", "| 其中：财政拨款 | {v} |", "| 其他资金 | 0 |"],
    # the transfer payments' 年度金额 with its unit
    ["年度金额(万元) |", "{v} | |||", "年度总体目标 |"],
    # label and value on one line after a colon
    ["年度资金总额：{v}", "其中：财政拨款：{v}"],
]


@pytest.mark.parametrize("form", _FORM_LAYOUTS)
@pytest.mark.parametrize("prose", [
    "(6)年度预算安排。农村文化建设配套补助经费预算安排{p}万元",
    "该项目年度预算{p}万元，用于送戏进万村。",
    "项目预算资金{p}万元。",
])
def test_prose_budget_against_the_form_funds(form: list[str], prose: str) -> None:
    head = ["淮北市文化旅游体育局2025年“农村文化建设配套补助经费”项目资金投入情况"]
    good = [*head, prose.format(p="5"), "(7)绩效目标。", *(c.format(v="5.00") for c in form)]
    assert _errors(good) == set(), good
    bad = [*head, prose.format(p="8"), "(7)绩效目标。", *(c.format(v="5.00") for c in form)]
    assert "8" in _restated(bad), bad


def test_form_funds_in_yuan_or_a_source() -> None:
    form = ["年度资金总额: |", "{v} |", "其中:财政拨款 |", "{s} |", "其他资金 |", "{o} |"]
    prose = "该项目年度预算{p}万元。"
    # a form that names no unit: 50000 is 5万元 in 元
    assert _errors([prose.format(p="5"), *(c.format(v="50000", s="50000", o="0") for c in form)]) == set()
    # the prose budget may be the 财政拨款 part of the total
    assert _errors([prose.format(p="4"), *(c.format(v="5", s="4", o="1") for c in form)]) == set()
    assert "3" in _restated([prose.format(p="3"), *(c.format(v="5", s="4", o="1") for c in form)])


def test_two_forms_compare_nothing() -> None:
    form = ["年度资金总额: |", "{v} |"]
    lines = ["该项目年度预算8万元。", *(c.format(v="5") for c in form), *(c.format(v="3") for c in form)]
    assert _restated(lines) == set()


# --- more of the funds paragraphs' names and openings -----------------------------------------

@pytest.mark.parametrize("funds", [
    "年度预算执行情况：项目预算{b}万元，实际支出95万元。",     # a section's words and a colon
    "资金使用情况：本年度预算金额{b}万元，实际支出95万元。",
    "（一）预算执行情况。项目预算数{b}万元，执行数95万元。",
    "项目当年预算{b}万元，实际支出95万元。",
    "项目批复预算{b}万元，实际支出95万元，执行率{r}%。",
])
def test_budget_under_the_funds_paragraphs_names(funds: str) -> None:
    good = ["一、项目概况", "本项目年度预算为100万元。", "二、资金", funds.format(b="100", r="95")]
    assert _errors(good) == set(), good
    assert _restated(["一、项目概况", "本项目年度预算为100万元。", "二、资金",
                      funds.format(b="120", r="79.17")]), funds


def test_spending_named_as_the_forms_execution() -> None:
    lines = ["一、项目概况", "本项目预算100万元。", "二、结论",
             "综上，本项目预算执行数95万元，预算执行率95%。", "三、资金", "项目实际支出{}万元。"]
    assert _errors([*lines[:-1], lines[-1].format("95")]) == set()
    assert "85" in _restated([*lines[:-1], lines[-1].format("85")])


@pytest.mark.parametrize("name", ["项目资金", "项目总投资"])
def test_one_name_twice_opening_the_funds_sentence(name: str) -> None:
    overview = ["一、项目概况", f"该{name}100万元，用于道路维修。", "二、资金投入情况"]
    assert _errors([*overview, f"{name}100万元，实际支出95万元。"]) == set()
    bad = [*overview, f"{name}120万元，实际支出95万元。"]
    assert "120" in _restated(bad)


def test_a_subject_before_the_colon_keeps_two_budgets_apart() -> None:
    lines = ["甲镇项目资金使用情况：项目预算100万元，实际支出95万元。",
             "乙镇项目资金使用情况：项目预算120万元，实际支出110万元。"]
    assert _restated(lines) == set()



# --- the guards: approximate figures, other years, parts, projects and moments stay silent ------

@pytest.mark.parametrize("lines", [
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "项目预算资金100余万元，实际支出95万元。"],
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "项目预算资金近120万元，实际支出95万元。"],
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "上年项目预算资金120万元，实际支出115万元。"],
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "累计预算资金320万元，累计实际支出300万元。"],
    ["一、项目概况", "该项目年度预算100万元。", "二、资金投入情况",
     "中央预算资金60万元，实际支出55万元。"],
    ["一、项目概况", "2022年项目预算资金100万元，实际支出95万元。", "二、历年情况",
     "2021年项目预算资金120万元，实际支出115万元。"],
    ["一、项目概况", "项目资金100万元，用于道路维修。", "二、资金投入情况",
     "项目资金120万元左右，实际支出95万元。"],
    ["一、项目概况", "项目预算资金100万元，实际支出95万元。", "二、二期工程",
     "二期项目预算资金120万元，实际支出110万元。"],
    ["（一）甲项目", "项目预算资金100万元，实际支出95万元。", "（二）乙项目",
     "项目预算资金120万元，实际支出110万元。"],
    ["一、项目概况", "项目资金100万元，实际支出95万元。", "二、资金",
     "截至6月底，项目资金到位60万元，实际支出40万元。"],
    ["一、项目概况", "项目总投资1000万元，本年度预算安排100万元。", "二、资金",
     "项目总投资1000万元，本年度实际支出95万元。"],
    ["一、项目概况", "本项目年度预算100万元，其中中央资金60万元，省级资金40万元。", "二、资金",
     "项目预算资金100万元，实际支出95万元，其中中央资金55万元，省级资金40万元。"],
])
def test_other_quantities_under_budget_names_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- the prose against the 自评表's funds row, the project's name in front ---------------------

_SELF_TABLE = ["项目支出绩效自评表",
               "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
               "年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5"]


@pytest.mark.parametrize("prose", [
    "道路维修养护项目年度预算{b}万元，实际支出95万元。",
    "道路维修养护全年预算数{b}万元。",
    "该项目批复预算{b}万元，实际支出95万元。",
    "项目当年预算{b}万元，实际支出95万元。",
])
def test_prose_budget_against_the_self_evaluation_table(prose: str) -> None:
    title = "2022年道路维修养护项目绩效自评报告"
    assert _errors([title, prose.format(b="100"), *_SELF_TABLE]) == set()
    assert "120" in _restated([title, prose.format(b="120"), *_SELF_TABLE])


def test_another_projects_name_is_not_cut() -> None:
    # (only the report's own project's name is cut: 桥梁加固项目 is another project's budget)
    lines = ["2022年道路维修养护项目绩效自评报告", "桥梁加固项目全年预算数120万元。", *_SELF_TABLE]
    assert _restated(lines) == set()


# --- the figure before its name ---------------------------------------------------------------

@pytest.mark.parametrize("later", [
    "二、资金到位情况：{v}万元预算资金已全部下达。",
    "二、资金使用：{v}万元实际支出全部用于道路维修。",
    "二、资金到位情况。{v}万元的预算资金均已到位",
])
def test_budget_figure_before_its_name(later: str) -> None:
    first = "一、项目概况：本项目年度预算100万元，实际支出100万元。"
    assert _errors([first, later.format(v="100")]) == set()
    assert "120" in _restated([first, later.format(v="120")])


@pytest.mark.parametrize("text", [
    "二、资金使用：其中20万元预算资金用于培训。",   # a part (其中)
    "二、资金使用：20万元用于道路维修。",            # a use, not a name
    "二、资金使用：约120万元预算资金已下达。",       # approximate
])
def test_figure_first_readings_that_stay_silent(text: str) -> None:
    assert _restated(["一、项目概况：本项目年度预算100万元。", text]) == set()


def test_the_next_years_target_form_is_another_years_funds() -> None:
    lines = ["2022年农村文化建设配套补助经费项目绩效自评报告", "该项目年度预算8万元，实际支出8万元。",
             "附件：2023年项目支出绩效目标表", "年度资金总额: |", "5.00 |"]
    assert _restated(lines) == set()
    same_year = ["2022年农村文化建设配套补助经费项目绩效自评报告", "该项目年度预算8万元，实际支出8万元。",
                 "附件：2022年项目支出绩效目标表", "年度资金总额: |", "5.00 |"]
    assert "8" in _restated(same_year)


def test_an_area_stated_twice_after_the_funds() -> None:
    # (an area leads the figures of its kind: the money before it names another quantity)
    first = ["一、项目概况", "项目资金100万元，建设面积500平方米。", "二、产出"]
    assert _errors([*first, "本年度完成投资80万元，建设面积500平方米。"]) == set()
    assert "600" in _restated([*first, "本年度完成投资80万元，建设面积600平方米。"])
