"""Where a list of parts ends, and when a 其中 list that falls short is no contradiction.

Review defects: `年初预算100万元，其中：…，调整后预算120万元` summed 120 into the parts, and
`…，累计拨付500万元` summed the restated total into them (both false errors, exit 1).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines

# Consistent sentences in the styles of several provinces' self-evaluation reports: the
# audit must say nothing about any of them.
CONSISTENT = [
    # review p3: 调整后预算 is a new labelled figure, not a third part; 其中 lists some parts
    "年初预算100万元，其中：人员经费50万元、公用经费30万元，调整后预算120万元。",
    # review p6: 累计 restates the total
    "全年共安排资金500万元，其中：上半年拨付200万元，下半年拨付300万元，累计拨付500万元。",
    # 浙江: the actual spending after the breakdown is another figure
    "2023年预算安排资金350万元，其中：省级补助资金200万元，县级配套资金150万元，"
    "全年实际支出342.6万元，预算执行率97.89%。",
    # 江苏: 截至…累计拨付 ends the list
    "全年共安排专项资金600万元，其中：市级资金400万元、区级资金200万元，截至12月底累计拨付580万元，"
    "拨付率96.67%。",
    # 河南: 其中 names some uses of the investment only
    "项目总投资为500万元，其中：中央衔接资金300万元，用于道路硬化；省级衔接资金100万元，用于安全饮水。",
    # 安徽: "其中 X 万元用于…" — a partial list of uses
    "下达补助资金80万元，其中30万元用于村道维修，20万元用于路灯安装。",
    # 山东: 较上年增加 is a comparison, not a part
    "下达资金100万元，其中：2022年提前下达60万元，2023年下达40万元，较上年增加20万元。",
    # 贵州: 亿元 total, 万元 parts, restated with 累计
    "共计完成投资1.5亿元，其中：中央预算内投资8000万元、地方配套7000万元，累计完成投资1.5亿元。",
    # 福建: a rate after the parts is another dimension
    "全年执行数为98.5万元，其中：人员经费45.2万元、公用经费33.3万元、项目支出20万元，预算执行率98.5%。",
    # 湖南: 合计 restated at the end
    "补助资金共120万元，分别为：甲镇50万元、乙镇70万元，合计120万元。",
    # 云南: a list with a remark in brackets
    "总面积为1000平方米，分别是：一层600平方米（含楼梯间20平方米）、二层400平方米。",
    # 四川: one part only
    "项目年初预算数为80万元，全年预算数为95万元，其中：追加预算15万元。",
    # figures after a 、 list, set off by ，: not parts
    "下达资金200万元，其中：中央资金150万元、省级资金50万元，到位率100%，支出180万元。",
    "项目总预算300万元，其中：硬件采购200万元、软件开发100万元，截至年底已支付250万元。",
    "安排资金300万元，其中：甲县100万元、乙县120万元、丙县80万元，资金已于6月前全部下达，"
    "涉及项目15个、投资额1200万元。",
    "2022年共筹集资金800万元，其中：财政资金500万元、自筹资金300万元，当年支出760万元。",
    "预算100万元，其中：人员经费60万元、公用经费40万元，执行95万元，结余5万元。",
    # a ， list whose first parts make the total, then another figure
    "下达资金200万元，其中：中央资金150万元，省级资金50万元，到位资金200万元。",
    # parts separated by ；, each with a remark after a ，
    "全县共发放补贴资金1000万元，其中：耕地地力保护补贴800万元，涉及农户2万户，面积10万亩；"
    "种粮一次性补贴200万元。",
    # the parts all named with the same word (执行)
    "项目预算100万元，其中：已执行60万元，未执行40万元。",
]


@pytest.mark.parametrize("sentence", CONSISTENT)
def test_consistent_sentences_stay_silent(sentence: str) -> None:
    assert audit_lines([sentence]) == ()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9999), min_size=2, max_size=5),
       st.sampled_from(["其中", "分别为"]),
       st.sampled_from(["、", "，"]),
       st.sampled_from(["累计拨付{t}万元", "合计{t}万元", "调整后预算{x}万元", "全年实际支出{x}万元",
                        "比上年增加{x}万元"]),
       st.integers(min_value=1, max_value=99999))
def test_a_further_figure_after_a_consistent_list_is_no_part(
        parts: list[int], marker: str, sep: str, tail: str, other: int) -> None:
    total = sum(parts)
    body = sep.join(f"{name}村资金{p}万元" for name, p in zip("甲乙丙丁戊", parts, strict=False))
    tail_text = tail.format(t=total, x=other)
    assert audit_lines([f"安排资金{total}万元，{marker}：{body}，{tail_text}。"]) == ()


def test_parts_above_the_total_are_still_an_error_when_a_new_figure_follows() -> None:
    (f,) = audit_lines(["年初预算100万元，其中：人员经费70万元、公用经费50万元，调整后预算120万元。"])
    assert (f.code, f.severity, f.stated, f.expected) == (
        "sum-mismatch", Severity.ERROR, Decimal(100), Decimal(120))
    assert f.operands == (Decimal(70), Decimal(50))


def test_restated_total_ends_the_list_but_the_parts_are_still_checked() -> None:
    (f,) = audit_lines(["全年共安排资金500万元，其中：上半年拨付300万元，下半年拨付300万元，"
                        "累计拨付500万元。"])
    assert (f.stated, f.expected) == (Decimal(500), Decimal(600))
    assert f.operands == (Decimal(300), Decimal(300))


def test_a_comma_ends_a_list_of_enumeration_commas() -> None:
    # 、 between the parts: the ， that follows ends the list; what comes after is no part
    assert audit_lines(["下达资金200万元，其中：中央资金150万元、省级资金50万元，到位率100%，"
                        "支出180万元。"]) == ()
    (f,) = audit_lines(["下达资金200万元，其中：中央资金150万元、省级资金60万元，支出180万元。"])
    assert (f.expected, f.operands) == (Decimal(210), (Decimal(150), Decimal(60)))
    # a mixed 分别 list (甲、乙，丙) falling short is not accused: 丙 may be a part
    assert audit_lines(["总面积为100平方米，分别是：甲30平方米、乙40平方米，丙30平方米。"]) == ()


def test_first_parts_making_the_total_end_a_qizhong_list_but_not_a_fenbie_list() -> None:
    assert audit_lines(["下达资金200万元，其中：中央资金150万元，省级资金50万元，到位资金200万元。"]) == ()
    # seed S1: the first five floors make the stated total, the two more are the error
    (f,) = audit_lines(["总面积为100平方米，分别是：一层40平方米；二层60平方米；三层20平方米。"])
    assert f.expected == Decimal(120)


def test_carry_over_and_yearly_parts_are_parts() -> None:
    # 上年结转 and 2023年度下达 name parts of the total, not new totals
    assert audit_lines(["资金总额100万元，其中：本年财政拨款90万元、上年结转10万元。"]) == ()
    (f,) = audit_lines(["资金总额100万元，其中：本年财政拨款90万元、上年结转20万元。"])
    assert (f.severity, f.expected) == (Severity.ERROR, Decimal(110))
    (f,) = audit_lines(["累计下达资金3000万元，其中2022年度下达1000万元，2023年度下达2500万元。"])
    assert f.expected == Decimal(3500)


def test_exhaustive_list_that_falls_short_is_an_error() -> None:
    (f,) = audit_lines(["补助资金共120万元，分别为：甲镇50万元、乙镇60万元，合计120万元。"])
    assert (f.severity, f.expected) == (Severity.ERROR, Decimal(110))


def test_a_list_cut_short_by_another_pattern_accuses_only_an_excess() -> None:
    # the third item holds two amounts (and a ， follows a 、 list): the list is not a plain
    # list past that point
    tail = "丙预计20平方米实际25平方米。"
    assert audit_lines([f"总面积为100平方米，分别是：甲30平方米、乙40平方米，{tail}"]) == ()
    (f,) = audit_lines([f"总面积为100平方米，分别是：甲60平方米、乙50平方米，{tail}"])
    assert f.expected == Decimal(110)


def test_difference_is_said_in_words_with_both_sides() -> None:
    (less,) = audit_lines(["总面积为120平方米，分别是甲50平方米、乙60平方米。"])
    assert "合计比所述少 10平方米" in less.message and "相差" not in less.message
    assert "120" in less.message and "110平方米" in less.message
    assert "10平方米 less" in less.message
    (more,) = audit_lines(["总投资为100.5万元，其中：甲60.25万元、乙50.25万元。"])
    assert "合计比所述多 10.0万元" in more.message and "10.0万元 more" in more.message
