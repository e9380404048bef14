"""Precision of the figure audit: readings that pair figures which are not one relation.

Each class of false alarm seen in real reports gets a small hand-made sentence that must stay
silent at error level, beside the true contradiction of the same shape, which must still be
reported. (Issue 10: error-level findings only when the relation is certain.)
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity.value == "error"}


def _warnings(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity.value == "warning"}


HEADER = "产出指标(50分) | 数量指标 | 培训人数 | ≥100人 | 120人 | 50 | 50 |"
SUBLEVEL = "效益指标 | 社会效益指标(10分) | 培训人数 | ≥100人 | 120人 | 10 | 10 |"


def test_category_points_scored_are_not_its_weight() -> None:
    # 其中产出指标48分 after 自评得分 is what the category scored, not its weight
    assert _errors([HEADER, "自评得分95分，其中产出指标48分，效益指标30分，满意度指标9分。"]) == set()
    assert ("restated-mismatch", "50") in _errors([HEADER, "一级指标分值设置为：产出指标40分。"])


def test_second_level_header_is_no_category_weight() -> None:
    assert _errors([SUBLEVEL, "一级指标分值设置为：效益指标30分。"]) == set()


def test_category_weighted_differently_by_two_tables_is_not_compared() -> None:
    other = HEADER.replace("50分", "40分")
    assert _errors([HEADER, other, "一级指标分值设置为：产出指标40分。"]) == set()


GROWTH = [
    # 较上年增加20万元 is the change, not last year's value
    "2022年实现收入120万元，较上年增加20万元，增长20%。",
    # 上年结转资金 is another quantity of last year
    "本年预算100万元，上年结转资金20万元，较上年增长25%。",
    # last year's figure names another quantity than this year's
    "本年培训支出30万元，上年设备购置费20万元，较上年增长10%。",
]


@pytest.mark.parametrize("text", GROWTH)
def test_growth_base_is_last_years_value_of_the_same_quantity(text: str) -> None:
    assert _errors([text]) == set()


def test_growth_still_checked() -> None:
    assert ("growth-mismatch", "25") in _errors(["2022年实现收入120万元，上年收入100万元，增长25%。"])
    assert _errors(["2022年实现收入120万元，上年收入100万元，增长20%。"]) == set()


def test_actions_listed_before_a_count_are_not_the_items() -> None:
    # 新建、改建 are two actions on 5 roads: a warning at most
    for text in ("新建、改建道路5条，完成投资100万元。", "采购、安装设备12台。"):
        assert _errors([text]) == set()
    assert ("count-mismatch", "4") in _errors(["覆盖甲村、乙村、丙村4个村。"])


def test_a_list_after_baokuo_may_be_partial() -> None:
    assert _errors(["项目涉及5个村，包括甲村、乙村、丙村。"]) == set()
    assert ("count-mismatch", "5") in _warnings(["项目涉及5个村，包括甲村、乙村、丙村。"])
    assert ("count-mismatch", "5") in _errors(["项目涉及5个村，即甲村、乙村、丙村。"])


@pytest.mark.parametrize("text", [
    "1.培训费用5万元。2.培训费用3万元。",
    "一、培训费用5万元。二、培训费用3万元。",
    "第一，培训费用5万元。第二，培训费用3万元。",
])
def test_numbered_items_are_different_subjects(text: str) -> None:
    assert _errors([text]) == set()


def test_parts_of_different_wholes_are_not_one_amount() -> None:
    text = "下达资金100万元，其中中央资金60万元，拨付资金80万元，其中中央资金50万元。"
    assert _errors([text]) == set()
    # the same label twice with nothing between stays a contradiction
    assert ("restated-mismatch", "24.7") in _errors(
        ["一是物业管理费24.7万元。根据测算，每年应承担物业管理费21万元。"])


FUNDS = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
         "年度资金总额 | 150 | 150 | 125.25 | 10 | 83.5% | 8.35"]


def test_prose_rate_of_a_part_or_another_period_is_not_the_tables() -> None:
    assert ("restated-mismatch", "90") in _errors([*FUNDS, "项目预算执行率为90%。"])
    for text in ("中央资金执行率为90%。", "截至6月底预算执行率为40%。", "累计执行率为90%。",
                 "部门整体预算执行率为97%。"):
        assert _errors([*FUNDS, text]) == set(), text


TOTAL = ["总分 | 100 | 96 | 优 |"]


def test_prose_score_of_a_survey_or_an_indicator_is_not_the_total() -> None:
    assert ("restated-mismatch", "95") in _errors([*TOTAL, "本项目自评得分95分。"])
    for text in ("满意度调查综合得分92分。", "该指标自评得分8分。", "部门整体自评得分88分。"):
        assert _errors([*TOTAL, text]) == set(), text


# growth read three ways: last year's and this year's figures, explicit consecutive years,
# or this year's figure and the change
GROWTH_READINGS = [
    ("收入120万元，较上年的100万元增长20%。", "收入120万元，较上年的100万元增长25%。"),
    ("2022年收入120万元，2021年收入100万元，同比增长20%。",
     "2022年收入120万元，2021年收入100万元，同比增长25%。"),
    ("2022年实现收入120万元，较上年增加20万元，增长20%。",
     "2022年实现收入120万元，较上年增加20万元，增长25%。"),
    ("支出80万元，比上年减少20万元，下降20%。", "支出80万元，比上年减少20万元，下降25%。"),
]


@pytest.mark.parametrize(("clean", "wrong"), GROWTH_READINGS)
def test_growth_readings(clean: str, wrong: str) -> None:
    assert _errors([clean]) == set()
    assert ("growth-mismatch", "25") in _errors([wrong])


def test_share_of_a_named_whole() -> None:
    clean = "项目总投资500万元，其中中央资金300万元，占项目总投资的60%。"
    assert _errors([clean]) == set()
    assert ("share-mismatch", "65") in _errors([clean.replace("60%", "65%")])
    # the named whole (年度计划) is not stated: the one larger figure is not it
    assert _errors(["项目总投资500万元，本年完成投资50万元，占年度计划的20%。"]) == set()


def test_a_part_with_its_own_share_is_no_whole() -> None:
    # a list of parts each followed by its share: the first part is a sibling of the second,
    # not its whole (the whole here is the total, printed in another unit)
    clean = "项目资金合计500元：其中中央资金400万元，占比80%；省级资金100万元，占比20%。"
    assert _errors([clean]) == set()
    # a larger figure without a share of its own is still read as the unnamed whole
    assert ("share-mismatch", "25") in _errors(["项目资金500万元，其中省级资金100万元，占比25%。"])


def test_thousands_separators_inside_a_list() -> None:
    # the comma of 10,000万元 is no item separator
    clean = ("截至2024年末，示范项目资金已到位36,982.43万元,其中:中央财政补助资金10,000万元,"
             "地方财政配套补助资金21,106.24万元,其他资金渠道5,876.19万元。")
    assert _errors([clean]) == set()
    assert ("sum-mismatch", "32544.54") in _errors([clean.replace("36,982.43", "32,544.54")])


def test_a_list_ending_in_the_rest_is_complete() -> None:
    assert ("sum-mismatch", "100") in _errors(["下达资金100万元，其中中央资金60万元，其他资金30万元。"])
    assert _errors(["下达资金100万元，其中中央资金60万元，其他资金40万元。"]) == set()
    # something said after the rest's figure: it may be a part of the rest
    assert _errors(["下达资金100万元，其中中央资金60万元，其他资金30万元已到位。"]) == set()
    # 其中 without the rest: a shortfall may be parts not named
    assert _errors(["下达资金100万元，其中中央资金60万元，省级资金30万元。"]) == set()


PARTS_FIRST = [
    ("中央资金60万元、省级资金30万元、县级资金10万元，合计100万元。",
     "中央资金60万元、省级资金30万元、县级资金20万元，合计100万元。", "100"),
    # an ASCII full stop between items; 结余 is a part
    ("省级拨付补贴资金62万元,中央拨付16万元.上年度结余的资金6.47万元,共计84.47万元。",
     "省级拨付补贴资金62万元,中央拨付16万元.上年度结余的资金6.47万元,共计74.33万元。", "74.33"),
    # a bracket right after its total, without 含
    ("共投入资金100万元（中央资金60万元、省级资金30万元、县级资金10万元）。",
     "共投入资金100万元（中央资金60万元、省级资金30万元、县级资金20万元）。", "100"),
]


@pytest.mark.parametrize(("clean", "wrong", "stated"), PARTS_FIRST)
def test_parts_listed_before_their_total(clean: str, wrong: str, stated: str) -> None:
    assert _errors([clean]) == set()
    assert ("sum-mismatch", stated) in _errors([wrong])


@pytest.mark.parametrize("text", [
    # the 合计 covers the parts after the total they break down
    "项目总投资500万元，中央资金60万元、省级资金30万元，合计90万元。",
    # the 合计 covers only the nearest items
    "甲10万元，乙20万元、丙30万元，合计50万元。",
    # an item of another kind ends the parts: one part is no list
    "完成投资80万元，培训人员50人，发放补贴20万元，合计100万元。",
    "共投入资金100万元（2022年）。",
])
def test_parts_before_a_total_that_are_not_its_parts(text: str) -> None:
    assert _errors([text]) == set()


CHAINS = [
    ("种植李子树30亩，预计每年每亩产李子1000公斤，每公斤售价5元，可实现总收入15万元。",
     "种植李子树30亩，预计每年每亩产李子1000公斤，每公斤售价5元，可实现总收入19万元。", "19"),
    ("种植梨子50亩，每年亩产1500公斤，每公斤售价4元，预计年总收入30万元。",
     "种植梨子50亩，每年亩产1500公斤，每公斤售价4元，预计年总收入25万元。", "25"),
]


@pytest.mark.parametrize(("clean", "wrong", "stated"), CHAINS)
def test_quantity_times_per_unit_figures(clean: str, wrong: str, stated: str) -> None:
    assert _errors([clean]) == set()
    assert ("product-mismatch", stated) in _errors([wrong])


def test_a_chain_with_two_ways_on_is_not_read() -> None:
    # 每头 收入 and 每头 成本: which one leads to the amount is not said
    assert _errors(["养殖肉牛20头，每头年均出栏收入8000元，每头饲养成本5000元，纯收入6万元。"]) == set()


def test_the_projects_own_score_is_still_compared() -> None:
    # 该项目 / 我单位 name the project and its owner, not another measure
    for text in ("该项目自评得分95分。", "我单位项目自评得分95分。"):
        assert ("restated-mismatch", "95") in _errors([*TOTAL, text]), text


@pytest.mark.parametrize("text", [
    # annual and cumulative payments: which one the rate divides is not said
    "项目资金100万元，其中本年实际支付60万元，累计支付90万元，执行率90%。",
    # 使用率 is not what was passed on (拨付)
    "项目资金100万元，已拨付80万元，使用率75%。",
    # 足额 is about each household, the amount comes later
    "应发放补助资金100万元，已足额发放至80户，发放金额95万元。",
])
def test_payment_figures_of_another_kind_are_not_paired(text: str) -> None:
    assert _errors([text]) == set()
