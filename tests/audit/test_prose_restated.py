"""One quantity restated across a report (issue 10, branch i10q): the genre states its key
figures in several sections — the project's funds under several names (027, 118, 122, 147:
安排项目资金 / 下达建设资金 / 计划资金全部到位; 预算经费 / 预算价 / 预算金额), a passage copied
into the indicator section (114: 下达资金…，实际完成投资… twice; 完成工程量波型护栏 three times).

Each test plants one changed figure in invented text of those shapes and checks the consistent
text and the readings that name different quantities stay silent at error level.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str, int | None]]:
    return {(f.code, str(f.stated), f.line) for f in audit_lines(lines)
            if f.severity.value == "error"}


def _restated(lines: list[str]) -> set[tuple[str, int | None]]:
    return {(s, n) for c, s, n in _errors(lines) if c == "restated-mismatch"}


FUNDS = [
    "一、项目概况",
    "为改善排水条件，我镇实施排水沟建设工程，安排项目资金{a}。",
    "二、资金使用情况",
    "下达建设资金{b}，全部用于排水沟建设。",
    "计划资金全部到位{c}，项目已验收结算。",
]


def _funds(a: str, b: str, c: str) -> list[str]:
    return [x.format(a=a, b=b, c=c) for x in FUNDS]


def test_the_funds_under_three_names_with_one_odd_value() -> None:
    assert _restated(_funds("56万元", "56万元", "56万元")) == set()
    assert ("70", 4) in _restated(_funds("56万元", "70万元", "56万元"))
    assert ("70", 2) in _restated(_funds("70万元", "56万元", "56万元"))
    # the same amount in 元, full-width digits, spaces
    assert _restated(_funds("560000元", "56万元", "５６万元")) == set()
    assert _restated(_funds("56 万元", "56.00万元", "56万元")) == set()
    assert ("700000", 4) in _restated(_funds("56万元", "700000元", "５６万元"))
    assert ("70", 5) in _restated(_funds("56 万元", "56万元", "70 万元"))


def test_approximate_funds_are_no_operand() -> None:
    assert _restated(_funds("56万元", "约70万元", "56万元")) == set()
    assert _restated(_funds("56万元", "70余万元", "56万元")) == set()
    assert _restated(_funds("56万元", "70万元左右", "56万元")) == set()


def test_two_statements_give_no_majority() -> None:
    lines = _funds("56万元", "70万元", "56万元")[:4]
    assert _restated(lines) == set()


def test_funds_of_other_years_sources_batches_and_projects_are_other_quantities() -> None:
    # another year
    assert _restated(["2021年安排项目资金56万元。", "2022年安排项目资金70万元。",
                      "2022年下达建设资金70万元。", "2022年计划资金全部到位70万元。"]) == set()
    # a fund source, a part, a batch, a payment
    for odd in ("其中中央资金下达40万元", "第一批下达资金40万元", "省级下达资金40万元",
                "已拨付资金40万元", "年初预算40万元", "调整后预算40万元", "结余资金40万元"):
        lines = [*_funds("56万元", "56万元", "56万元"), f"{odd}。"]
        assert _restated(lines) == set(), odd
    # several projects, each with its own funds
    assert _restated(["甲项目预算20万元，实际支付20万元。", "乙项目预算20万元，实际支付20万元。",
                      "丙项目预算35万元，实际支付35万元。"]) == set()
    # a multi-year project's investment is not the year's funds
    assert _restated(["项目总投资500万元。", "本年度预算安排100万元。", "下达资金100万元。",
                      "项目总投资500万元，已完工。"]) == set()
    # subjects with a colon
    assert _restated(["甲镇：下达资金20万元。", "乙镇：下达资金20万元。", "丙镇：下达资金35万元。"]) == set()


def test_the_funds_named_after_the_project_and_with_its_year() -> None:
    lines = ["2.资金：2022年云龙产业园配套路网项目预算经费为3483万元，2022年支付3483万元。",
             "当年目标完成情况：2022年预算价为3483万元，2022年完成支付3483万元。",
             "2022年云龙产业园配套路网项目列入部门预算经费为3483万元，2022年实际支付3483万元。",
             "预算情况如下：2022年度云龙产业园配套路网项目部门预算，预算金额为3483万元。"]
    assert _restated(lines) == set()
    bad = [*lines]
    bad[1] = bad[1].replace("预算价为3483", "预算价为2438")
    assert ("2438", 2) in _restated(bad)


PASSAGE = ["建设里程8公里，下达车购税补助56万元。下达资金56万元，实际完成投资{a}万元。",
           "二、绩效目标完成情况分析",
           "（一）资金投入情况分析。该项目下达资金56万元，实际完成投资{b}万元。"]


def test_a_copied_passage_with_one_figure_changed() -> None:
    assert _restated([x.format(a="54.6", b="54.6") for x in PASSAGE]) == set()
    assert ("46.4", 3) in _restated([x.format(a="54.6", b="46.4") for x in PASSAGE])
    # word order and 元 in the copy
    lines = [PASSAGE[0].format(a="54.6"), "本项目下达资金560000元，实际完成投资464000元。"]
    assert ("464000", 2) in _restated(lines)
    assert _restated([PASSAGE[0].format(a="54.6"), "本项目下达资金560000元，实际完成投资546000元。"]) \
        == set()


def test_a_passage_about_other_wholes_or_years_is_not_a_copy() -> None:
    # two 其中 lists of different wholes (161: 已到位 / 已使用)
    assert _restated(["资金已到位100万元，其中：中央资金60万元，地方资金40万元。",
                      "资金已使用95万元，其中：中央资金55万元，地方资金40万元。"]) == set()
    # two years
    assert _restated(["2021年下达资金56万元，实际完成投资50万元。",
                      "2022年下达资金56万元，实际完成投资54.6万元。"]) == set()
    # two list items
    assert _restated(["甲村：下达资金56万元，实际完成投资50万元。",
                      "乙村：下达资金56万元，实际完成投资54.6万元。"]) == set()


def test_a_specific_name_stated_three_times() -> None:
    lines = ["共完成工程量波型护栏1820米，标志标牌18块。", "该项目涉及两条线路，共完成工程量波型护栏1820米。",
             "1.数量指标。该项目处治里程8公里，完成工程量波型护栏{}米。"]
    assert _restated([x.format("1820") for x in lines]) == set()
    assert ("1602", 3) in _restated([x.format("1602") for x in lines])
    assert _restated([x.format("约1602") for x in lines]) == set()
    # a short role word (实际支付) is no specific name: per-project payments may differ
    assert _restated(["甲项目：实际支付20万元。", "实际支付20万元。", "实际支付15万元。"]) == set()


def test_labels_read_once_per_wording_are_the_plain_labels() -> None:
    from jixiao.domain.audit import restated
    from jixiao.ingest.docmodel.document import build_document

    text = ["下达资金56万元，实际完成投资54.6万元。该项目下达资金56万元。",
            "本项目总投资为100万元，……本项目总投资90万元。"]
    doc = build_document([*text, *text, text[0] + text[1]])
    got = [(s.line.number, s.figure.start, s.label) for s in restated._statements(doc, {})]
    plain = [(line.number, f.start,
              restated._usable(restated._cross_label(restated.label_of(line.text, f))))
             for line in doc.lines for f in line.figures]
    assert got == [p for p in plain if p[2]]


FUNDS_TABLE = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
               "年度资金总额 | 150 | 160 | 125.25 | 10 | 78.28% | 7.83"]


@pytest.mark.parametrize("prose, column", [
    ("全年预算数{}。", "160"), ("年度预算数{}。", "160"), ("本项目年度预算{}。", "160"),
    ("项目预算安排{}。", "160"), ("预算资金为{}。", "160"), ("年初预算数{}。", "150"),
    ("全年执行数{}。", "125.25"), ("实际支出{}。", "125.25"), ("全年实际支出{}。", "125.25"),
    ("本年度项目资金支出{}。", "125.25"), ("执行数为{}。", "125.25"),
])
def test_the_prose_restates_the_funds_table_under_the_prose_names(prose: str, column: str) -> None:
    assert _restated([*FUNDS_TABLE, prose.format(column + "万元")]) == set()
    yuan = str(int(float(column) * 10000)) if column != "125.25" else "1252500"
    assert _restated([*FUNDS_TABLE, prose.format(yuan + "元")]) == set()
    assert ("170", 3) in _restated([*FUNDS_TABLE, prose.format("170万元")])
    assert _restated([*FUNDS_TABLE, prose.format("约170万元")]) == set()


def test_a_budget_the_prose_does_not_pin_to_one_column_may_be_either() -> None:
    # 预算资金 may be the 年初 budget (150) as well as the 全年 one (160)
    assert _restated([*FUNDS_TABLE, "预算资金150万元。"]) == set()
    # other budgets and spending: other years, sources, categories, differences
    for text in ("中央资金预算170万元。", "2021年预算170万元。", "上年预算170万元。", "申请预算资金170万元。",
                 "实际支出比预算少30万元。", "项目支出130万元。", "基本支出130万元。",
                 "全年执行数超过全年预算数20万元。"):
        assert _restated([*FUNDS_TABLE, text]) == set(), text


def test_one_name_stated_twice_in_different_paragraphs() -> None:
    good = ["一、项目概况", "本项目总投资为100万元，建设道路3公里。", "二、绩效分析",
            "项目总投资100万元，已完工。"]
    assert _restated(good) == set()
    bad = [*good]
    bad[3] = "项目总投资90万元，已完工。"
    assert ("90", 4) in _restated(bad)
    assert ("900000", 4) in _restated([*good[:3], "项目总投资900000元，已完工。"])
    assert _restated([*good[:3], "项目总投资1000000元，已完工。"]) == set()
    assert _restated([*good[:3], "项目总投资约90万元，已完工。"]) == set()
    assert ("90", 4) in _restated([*good[:3], "项目总投资９０万元，已完工。"])
    # a progress at two moments, a plan and an outcome, parts of different wholes
    for first, second in (("截至6月底已拨付资金50万元。", "截至12月底已拨付资金100万元。"),
                          ("6月底拨付资金50万元。", "12月底拨付资金100万元。"),
                          ("计划投资100万元。", "实际投资90万元。"),
                          ("资金来源为：中央资金60万元，其他资金渠道40万元。",
                           "资金已使用95万元，其中：中央资金55万元，其他资金渠道40万元。")):
        assert _restated([first, "……", second]) == set(), (first, second)


def test_the_total_score_restated_in_the_prose() -> None:
    lines = ["一、总体情况：本项目自评得分{a}分，等级为优。", "二、绩效分析……", "三、结论：综合得分{b}分。",
             "四、经自评，本项目自评得分为{c}分。"]

    def text(a: str, b: str, c: str) -> list[str]:
        return [x.format(a=a, b=b, c=c) for x in lines]

    assert _restated(text("95", "95", "95")) == set()
    assert _restated(text("95", "95.0", "95.00")) == set()
    assert ("93", 3) in _restated(text("95", "93", "95"))
    assert ("93", 3) in _restated(text("９５", "93", "95"))
    # two values alone may be two projects'; an indicator's or a survey's score is another
    assert _restated(text("95", "93", "93")[:3]) == set()
    assert _restated([*text("95", "95", "95"), "满意度调查综合得分92分。", "该指标自评得分8分。"]) == set()
    assert _restated(text("95", "约93", "95")) == set()


MULTI = ["一、部门基本情况", "二、项目支出绩效情况", "{h1}",
         "该项目预算安排资金100万元，实际支出98万元。", "下达资金100万元，全部用于道路养护。",
         "{h2}", "该项目预算安排资金80万元，实际支出80万元。", "下达资金80万元。",
         "{h3}", "该项目预算安排资金100万元，实际支出90万元。", "下达资金100万元，已拨付90万元。",
         "三、上年结转资金情况", "上年结转资金20万元，本年使用15万元。"]


@pytest.mark.parametrize("headings", [
    ("（一）道路养护项目", "（二）环境整治项目", "（三）信息化项目"),
    ("1.甲镇", "2.乙镇", "3.丙镇"),
    ("（一）道路养护", "（二）环境整治", "（三）信息化"),
])
def test_parallel_sections_of_several_projects_are_not_one_passage(headings: tuple[str, ...]) -> None:
    h1, h2, h3 = headings
    lines = [x.format(h1=h1, h2=h2, h3=h3) for x in MULTI]
    assert _restated(lines) == set()
    # one funds statement per project
    assert _restated([x for x in lines if not x.startswith("下达资金")]) == set()


def test_projects_named_in_the_line() -> None:
    lines = ["1、道路养护项目：预算100万元，实际支付100万元。",
             "2、环境整治项目：预算80万元，实际支付80万元。",
             "3、信息化项目：预算100万元，实际支付90万元。"]
    assert _restated(lines) == set()


def test_an_adjusted_budget_has_two_values() -> None:
    lines = ["项目预算安排100万元。", "年中追加预算20万元。", "全年预算120万元，执行118万元。",
             "下达资金120万元。"]
    assert _restated(lines) == set()


def test_parallel_paragraphs_without_headings_differ_in_their_other_figures() -> None:
    lines = ["道路养护：该项目预算安排资金100万元，实际支出98万元，执行率98%。",
             "环境整治方面，该项目预算安排资金80万元，实际支出80万元，执行率100%。",
             "信息化方面，该项目预算安排资金100万元，实际支出90万元，执行率90%。"]
    assert _restated(lines) == set()


def test_a_heading_opens_with_a_character_the_fast_path_tests() -> None:
    from jixiao.domain.audit import restated

    for text in ("（三）信息化项目", "(3)信息化项目", "三、信息化项目", "3.信息化项目", "3、甲镇",
                 "（1）甲镇", " （二）环境整治"):
        assert restated._HEADING.match(text), text
        assert text.lstrip()[:1] in restated._HEADING_FIRST, text
    for first in "甲项第其【[":
        assert not restated._HEADING.match(first + "一）信息化项目")


@pytest.mark.parametrize("first, second", [
    ("本项目年度预算数为{}。", "全年预算安排{}，主要用于道路维修。"),
    ("本项目预算资金{}。", "项目预算数为{}。"),
    ("实际支出{}。", "全年执行数为{}。"),
    ("资金支出{}。", "实际执行{}。"),
])
def test_the_years_budget_or_spending_under_two_of_its_names(first: str, second: str) -> None:
    def text(a: str, b: str) -> list[str]:
        return ["一、项目概况", first.format(a), "二、资金使用情况", second.format(b)]

    assert _restated(text("100万元", "100万元")) == set()
    assert _restated(text("100万元", "1000000元")) == set()
    assert ("90", 4) in _restated(text("100万元", "90万元"))
    assert _restated(text("100万元", "约90万元")) == set()
    # a moment of the year, an adjusted budget, a sentence with other amounts: other quantities
    assert _restated(["截至6月底" + first.format("45万元"), "……", second.format("90万元")]) == set()
    adjusted = _restated([*text("100万元", "90万元"), "年中追加预算20万元。"])
    if "预算" in first:  # an adjusted budget has two values; its spending has one
        assert adjusted == set()
    else:
        assert ("90", 4) in adjusted
    assert _restated(["一、项目概况", first.format("100万元").rstrip("。") + "，其中中央资金60万元。",
                      "二、资金使用情况", second.format("90万元")]) == set()
