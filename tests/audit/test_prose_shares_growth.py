"""Shares of a whole and growth rates in the genre's surface forms (issue 10, branch i10q).

Growth: 较上年的A增长x%, 上年A…同比增长x%, 比上年增加D…增长x%, 由上年的A增加到B, 从2021年的A增长到
2022年的B, two dated figures (2021年…，2022年…), 增幅/降幅/增长率/下降率; shares: 占/占比/占…总数的.
Each in 万元 and 元, full-width digits, with an approximate operand (never exact), and the
consistent version silent.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity.value == "error"}


GROWTH = [
    "2022年收入120万元，较上年的100万元增长{}%。",
    "2022年收入120万元，上年收入100万元，同比增长{}%。",
    "本年收入120万元，比上年增加20万元，增长{}%。",
    "本年收入120万元，比上年增加20万元，增幅为{}%。",
    "本年收入120万元，同比增长{}%（上年为100万元）。",
    "收入由上年的100万元增加到120万元，增长{}%。",
    "收入从2021年的100万元增长到2022年的120万元，增幅{}%。",
    "2021年收入100万元，2022年收入120万元，增长{}%。",
    "2021年收入1000000元，2022年收入120万元，增长率为{}%。",
    "本年收入１２０万元，较上年的１００万元增长{}％。",
]


@pytest.mark.parametrize("form", GROWTH)
def test_growth_in_every_wording(form: str) -> None:
    assert not {c for c, _ in _errors([form.format("20")])}, form
    assert not {c for c, _ in _errors([form.format("20.0")])}, form
    assert ("growth-mismatch", "25") in _errors([form.format("25")]), form


DECLINE = [
    "本年支出80万元，较上年的100万元下降{}%。",
    "本年支出80万元，较上年减少20万元，降幅{}%。",
    "支出由上年的100万元下降至80万元，下降率为{}%。",
    "支出由上年的100万元减少到800000元，降幅为{}%。",
]


@pytest.mark.parametrize("form", DECLINE)
def test_decline_in_every_wording(form: str) -> None:
    assert _errors([form.format("20")]) == set(), form
    assert ("growth-mismatch", "25") in _errors([form.format("25")]), form


def test_approximate_operands_and_unnamed_bases_are_silent() -> None:
    assert _errors(["支出由上年的约100万元下降至80万元，下降率为25%。"]) == set()
    assert _errors(["本年收入120余万元，较上年的100万元增长25%。"]) == set()
    assert _errors(["本年收入120万元，较上年增长25%，主要是新增项目。"]) == set()
    # two changes 由…到 in one sentence: which one the rate is of is not said
    assert _errors(["收入由100万元增加到120万元，支出由80万元增加到90万元，增长25%。"]) == set()
    # a rate reached (提高到95%) is no growth rate
    assert _errors(["满意度由上年的90%提高到95%，增长5%。"]) == set()


SHARES = [
    "调查200人，其中满意180人，占{}%。",
    "调查200人，其中满意180人，占比{}%。",
    "调查200人，其中满意180人，占比为{}％。",
    "满意180人，占调查总人数200人的{}%。",
    "调查200人，其中满意180人，占调查总人数的{}%。",
    "调查２００人，其中满意１８０人，占{}%。",
]


@pytest.mark.parametrize("form", SHARES)
def test_shares_in_every_wording(form: str) -> None:
    assert _errors([form.format("90")]) == set(), form
    assert _errors([form.format("90.00")]) == set(), form
    assert ("share-mismatch", "80") in _errors([form.format("80")]), form


def test_approximate_shares_are_silent() -> None:
    assert _errors(["调查约200人，其中满意180人，占80%。"]) == set()
    assert _errors(["调查200人，其中满意180余人，占80%。"]) == set()


@pytest.mark.parametrize("form", [
    "合同金额100万元，已支付60万元，尚未支付{}万元。",
    "合同金额100万元，已支付60万元，余款{}万元。",
    "合同金额100万元，已支付60万元，还有{}万元尚未支付。",
    "中标价100万元，已支付工程款60万元，尚欠{}万元。",
    "合同金额100万元，已支付进度款60万元，尾款{}万元待项目验收后支付。",
    "合同金额1000000元，已支付60万元，剩余{}万元未支付。",
    "合同金额１００万元，已支付６０万元，尚未支付{}万元。",
])
def test_paid_and_unpaid_in_every_wording(form: str) -> None:
    assert _errors([form.format("40")]) == set(), form
    assert any(c == "paid-unpaid-mismatch" for c, _ in _errors([form.format("30")])), form
    assert _errors([form.format("约30")]) == set(), form


def test_a_named_part_paid_or_a_remainder_inside_a_list_is_not_the_rest_of_the_contract() -> None:
    assert _errors(["合同金额100万元，已支付设计费60万元，尾款30万元待项目验收后支付。"]) == set()
    assert _errors(["合同金额100万元，已支付60万元，其中30万元未支付的质保金。"]) == set()


def test_an_average_planned_or_target_growth_is_another_rate() -> None:
    for text in ("收入从2020年的100万元增长到2022年的121万元，年均增长10%。",
                 "收入由100万元增加到120万元，计划增长25%。", "本年收入120万元，较上年的100万元目标增长25%。",
                 "2021年收入100万元，2022年收入120万元，累计增长25%。"):
        assert _errors([text]) == set(), text


SHARE_TABLE = ["资金来源 | 金额（{u}） | 占比", "中央资金 | {a} | {s}", "省级资金 | 150 | 30%",
               "县级资金 | 50 | 10%", "合计 | 500 | 100%"]


def test_shares_printed_in_a_table() -> None:
    def table(s: str, a: str = "300", u: str = "万元") -> list[str]:
        return [x.format(a=a, s=s, u=u) for x in SHARE_TABLE]

    assert _errors(table("60%")) == set()
    assert _errors(table("60.00%")) == set()
    assert _errors(table("６０％")) == set()
    assert ("share-mismatch", "65") in _errors(table("65%"))
    assert _errors(table("约65%")) == set()
    # without a 合计 row the whole is not said
    assert _errors(table("65%")[:-1]) == set()


def test_the_growth_gate_lets_every_reading_through() -> None:
    # (the readings the detector's line gate must not stop: 由…增加为, two years, 同比)
    assert ("growth-mismatch", "25.00") in _errors(["收入由100万元增加为120万元，增长幅度为25.00%。"])
    assert ("growth-mismatch", "25") in _errors(["2021年收入100万元，2022年收入120万元，增长率为25%。"])
    assert ("growth-mismatch", "25") in _errors(["本年收入120万元，同比增加20万元，增幅25%。"])
