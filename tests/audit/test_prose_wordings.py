"""Growth, counts, products and restatements in more of the genre's wordings (issue 10, i11p).

Reports and the statistical bulletins they quote write the change between two years both as
由A增加到B and with the one-character verbs 增至 / 降至 / 减至 / 升至 (受益人数由500人增至600人).
The consistent sentence stays silent, the changed rate is found, approximate figures are no
operands.
"""

from __future__ import annotations

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity is Severity.ERROR}


@pytest.mark.parametrize(("good", "right", "wrong"), [
    ("收入由100万元增至120万元，增长20%。", "增长20%", "增长30%"),
    ("受益人数由上年的500人增至600人，增长20%。", "增长20%", "增长25%"),
    ("门诊人次从2021年的1000人次降至900人次，下降10%。", "下降10%", "下降5%"),
    ("单位能耗由2021年的50吨减至45吨，降幅10%。", "降幅10%", "降幅15%"),
])
def test_growth_from_a_to_b_with_one_character_verbs(good: str, right: str, wrong: str) -> None:
    assert _errors([good]) == set(), good
    assert ("growth-mismatch", wrong[2:].rstrip("%")) in _errors([good.replace(right, wrong)]), good


@pytest.mark.parametrize("text", [
    "收入由约100万元增至130万元，增长20%。",
    "收入由100万元增至130余万元，增长20%。",
    # an average or planned growth is another rate
    "收入由100万元增至130万元，年均增长10%。",
])
def test_growth_short_form_readings_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text


def test_last_years_figure_in_brackets_after_the_comparison() -> None:
    # 较上年（100万元）增长20%: last year's figure given as a remark right after 上年/同期
    for good in ("2022年收入120万元，较上年（100万元）增长20%。",
                 "2022年收入120万元，同比（上年同期100万元）增长20%。",
                 "2022年收入120万元，较上年(100万元)增长20%。"):
        assert _errors([good]) == set(), good
        assert ("growth-mismatch", "25") in _errors([good.replace("20%", "25%")]), good
    # another quantity of last year in the bracket is no base
    assert _errors(["2022年收入120万元，较上年（上年结转资金100万元）增长25%。"]) == set()


def test_count_with_its_unit_alternative_in_brackets() -> None:
    # the forms' 计量单位 台（套）, 个（家）
    good = "采购设备3台（套），分别为电脑、打印机、投影仪。"
    assert _errors([good]) == set()
    assert ("count-mismatch", "4") in _errors([good.replace("3台", "4台")])


def test_a_per_person_price_over_a_count_of_persons_in_ming() -> None:
    good = "聘用50名保洁员，每人每年工资2.4万元，共计120万元。"
    assert _errors([good]) == set()
    assert ("product-mismatch", "130") in _errors([good.replace("120万元", "130万元")])
    # two head counts (名 and 人): which one the price is of is not said
    assert _errors(["聘用50名保洁员、10人安保，每人每年工资2.4万元，共计130万元。"]) == set()


@pytest.mark.parametrize(("first", "second"), [
    ("年度预算{}，用于道路养护。", "全年预算{}，执行率98%。"),
    ("年度预算{}，用于道路养护。", "年度预算{}，执行率98%。"),
])
def test_the_years_budget_named_by_its_period(first: str, second: str) -> None:
    # 年度预算 / 全年预算: the forms' names of the year's budget; the period is not cut off as
    # if it opened an obligation (每年应承担…), which left 预算 naming nothing
    def text(a: str, b: str) -> list[str]:
        return ["一、项目概况", first.format(a), "二、资金使用情况", second.format(b)]

    assert _errors(text("100万元", "100万元")) == set()
    assert ("restated-mismatch", "120") in _errors(text("100万元", "120万元"))
    assert _errors(text("100万元", "约120万元")) == set()
    assert _errors([*text("100万元", "120万元"), "年中追加预算20万元。"]) == set()


@pytest.mark.parametrize(("good", "right", "wrong"), [
    # the 资金使用情况 sentence, then the rate alone (the national 自评报告 outline)
    ("项目预算100万元，实际支出95万元。预算执行率为95%。", "为95%", "为90%"),
    ("项目预算100万元，实际支出95万元。\n预算执行率为95%。", "为95%", "为90%"),
    ("全年预算数1,000,000元，全年执行数950,000元。执行率95%。", "率95%", "率90%"),
    ("项目预算100万元，实际支出950000元。预算执行率为95%。", "为95%", "为90%"),
    # the 自评表's indicator restated in prose: its 完成值 is the rate
    ("项目预算100万元，实际支出95万元。预算执行率指标完成值95%，得分10分。", "值95%", "值90%"),
    ("项目预算100万元，实际支出95万元。预算执行率实际完成值为95%。", "为95%", "为90%"),
])
def test_an_execution_rate_stated_alone_after_its_operands(good: str, right: str,
                                                           wrong: str) -> None:
    lines = good.split("\n")
    assert _errors(lines) == set(), good
    assert ("rate-mismatch", "90") in _errors([x.replace(right, wrong) for x in lines]), good


@pytest.mark.parametrize("text", [
    # a target is no statement of what was done
    "项目预算100万元，实际支出95万元。预算执行率指标目标值100%。",
    # approximate
    "项目预算100万元，实际支出95万元。预算执行率约为90%。",
    "项目预算约100万元，实际支出95万元。预算执行率为90%。",
    # an adjusted budget: either reading
    "年初预算100万元，调整后预算120万元，实际支出114万元。预算执行率为95%。",
    "年初预算100万元，调整后预算120万元，实际支出114万元。预算执行率为114%。",
    # a part's budget or another project's spending in the sentence before
    "项目预算100万元，其中中央资金80万元，实际支出95万元。执行率为90%。",
    "甲项目预算100万元，乙项目实际支出95万元。执行率为90%。",
    # a rate of its own in the sentence before: that sentence is settled
    "项目预算100万元，实际支出95万元，执行率95%。全年执行率为90%。",
])
def test_execution_rates_stated_alone_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text


_TABLE = ["一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 "
          "| 偏差原因",
          "产出指标 | 数量指标 | 受资助人数 | ≥ | 735 | 人次 | 735 | 50 | 50 | 无",
          "效益指标 | 社会效益指标 | 受益人数 | ≥ | 100 | 人 | 90 | 50 | 45 | 未达到目标",
          "总分 | | | | | | | 100 | 95 | 优"]


@pytest.mark.parametrize("prose", [
    "经综合评价，本项目得分{}分，等级为优。",
    "自评结果：{}分，优。",
    "项目最终得分{}分。",
    "该项目综合评分{}分。",
])
def test_the_total_score_in_the_conclusions_other_wordings(prose: str) -> None:
    assert _errors([prose.format(95), *_TABLE]) == set()
    assert ("restated-mismatch", "92") in _errors([prose.format(92), *_TABLE])


def test_one_indicators_score_is_not_the_total() -> None:
    assert _errors(["受益人数指标项目得分45分。", *_TABLE]) == set()


_FUNDS = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
          "年度资金总额 | 100 | 120 | 114 | 10 | 95% | 9.5",
          "其中：本年财政拨款 | 100 | 120 | 114 | — | — | —"]


@pytest.mark.parametrize(("prose", "right", "wrong"), [
    ("本项目年度资金总额120万元。", "120", "130"),
    ("本年度安排项目资金100万元。", "100", "130"),
    ("项目资金实际支出114万元。", "114", "104"),
    ("全年共支出资金114万元。", "114", "104"),
])
def test_prose_restating_the_funds_table_in_other_words(prose: str, right: str, wrong: str) -> None:
    assert _errors([prose, *_FUNDS]) == set()
    assert ("restated-mismatch", wrong) in _errors([prose.replace(right, wrong), *_FUNDS])


@pytest.mark.parametrize("prose", [
    "项目资金总额500万元，全年预算数120万元。",  # (a 资金总额 alone may be a multi-year project's)
    "全年共支出资金约104万元。",
])
def test_prose_funds_wordings_that_stay_silent(prose: str) -> None:
    assert _errors([prose, *_FUNDS]) == set()


def test_one_label_in_two_years_groups_of_a_list_is_two_amounts() -> None:
    # "其中2021年省级资金…、中央资金…，2022年省级资金…、中央资金…" (round 3 421): a year opens
    # a group of items; 中央资金 of 2021 and of 2022 are two amounts
    text = ("两年共计1838万元，其中2021年省级资金248万元、中央资金597万元,"
            "2022年省级资金316万元、中央资金677万元。")
    assert _errors([text]) == set()
    # the same label twice within one year's group is one quantity
    assert ("restated-mismatch", "597") in _errors(
        ["其中2021年省级资金248万元、中央资金597万元、中央资金677万元。"])


@pytest.mark.parametrize(("good", "right", "wrong", "code"), [
    # PDF text: blanks between the words, the figure and its unit
    ("购置设备 10 台，单价 5000 元，合计 5 万元。", "合计 5 万元", "合计 6 万元", "product-mismatch"),
    ("调查 200 人，其中满意 180 人，占 90%。", "占 90%", "占 95%", "share-mismatch"),
    ("物业管理费 24.7 万元，……，物业管理费 24.7 万元。", "，物业管理费 24.7", "，物业管理费 21",
     "restated-mismatch"),
    ("本项目总投资 500 万元。\n本项目总投资 500 万元，已完成。", "资 500 万元，", "资 450 万元，",
     "restated-mismatch"),
])
def test_more_relations_in_pdf_text_with_blanks(good: str, right: str, wrong: str,
                                                code: str) -> None:
    lines = good.split("\n")
    assert _errors(lines) == set(), good
    assert code in {c for c, _ in _errors([x.replace(right, wrong) for x in lines])}, good
