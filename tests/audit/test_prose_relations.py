"""Prose relations written in the genre's many ways (issue 10, "What goes wrong" 3–6).

Each case is a consistent sentence that must stay silent beside the same sentence with one
figure changed, which must be reported. The sentences are written here, in the styles of
several provinces' reports.
"""

from __future__ import annotations

import pytest

from jixiao.ingest.figures import extract_figures
from jixiao.services.figure_audit import audit_lines


def _errors(text: str) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines([text]) if f.severity.value == "error"}


# (consistent, contradictory, the finding the contradiction gives)
RATES = [
    # operands in other clauses of the sentence (；)
    ("受理诉求200件；办结180件；办结率90%。", "受理诉求200件；办结180件；办结率95%。",
     ("rate-mismatch", "95")),
    # per mille
    ("全年受理10000件，其中投诉5件，投诉率0.5‰。", "全年受理10000件，其中投诉8件，投诉率0.5‰。",
     ("rate-mismatch", "0.5")),
    # the rate first, its operands after
    ("投诉率为0.5‰，共受理10000件，投诉5件。", "投诉率为0.6‰，共受理10000件，投诉5件。",
     ("rate-mismatch", "0.6")),
    # 万 without 元 is money after a money word
    ("全年预算数200万，全年执行数180万，预算执行率90%。", "全年预算数200万，全年执行数180万，预算执行率95%。",
     ("rate-mismatch", "95")),
    # paid + unpaid is the whole
    ("已支付60万元，尚未支付40万元，支付率60%", "已支付60万元，尚未支付40万元，支付率65%",
     ("rate-mismatch", "65")),
    # an execution rate named as a share of the budget, a line without a final 。
    ("本年度财政拨款为150万元:执行数为125.25万元,完成预算的83.50%",
     "本年度财政拨款为150万元:执行数为125.25万元,完成预算的85.50%", ("rate-mismatch", "85.50")),
]


@pytest.mark.parametrize(("clean", "wrong", "finding"), RATES)
def test_rates(clean: str, wrong: str, finding: tuple[str, str]) -> None:
    assert _errors(clean) == set()
    assert finding in _errors(wrong)


def test_bare_wan_is_money_only_after_a_money_word() -> None:
    units = [f.unit for f in extract_figures("下达资金150万，培训人员3万，物业费20万")]
    assert units == ["万元", "万", "万元"]


# (consistent, contradictory, the error the contradiction gives)
RELATIONS = [
    # share: N of M = x%; 满意度 with its own count
    ("共发放问卷200份，其中满意180份，占90%。", "共发放问卷200份，其中满意180份，占95%。",
     ("share-mismatch", "95")),
    ("发放问卷200份，满意180份，满意度90%。", "发放问卷200份，满意180份，满意度95%。",
     ("rate-mismatch", "95")),
    # growth, both directions
    ("2022年实现收入120万元，较上年的100万元增长20%。",
     "2022年实现收入120万元，较上年的100万元增长25%。", ("growth-mismatch", "25")),
    ("全年支出80万元，比去年同期100万元下降20%", "全年支出80万元，比去年同期100万元下降25%",
     ("growth-mismatch", "25")),
    # paid + unpaid = contract
    ("合同金额100万元，已支付60万元，尚未支付40万元。", "合同金额100万元，已支付60万元，尚未支付50万元。",
     ("paid-unpaid-mismatch", "100")),
    # a breakdown in brackets
    ("全年培训120人（含教师50人、学生70人）。", "全年培训120人（含教师50人、学生80人）。",
     ("sum-mismatch", "120")),
    # 分别用于 lists are exhaustive
    ("下达资金500万元，分别用于甲村200万元、乙村300万元。",
     "下达资金500万元，分别用于甲村200万元、乙村320万元。", ("sum-mismatch", "500")),
    # a list read to the end of a line without a final 。
    ("下达资金500万元，其中：甲村200万元、乙村300万元",
     "下达资金500万元，其中：甲村200万元、乙村330万元", ("sum-mismatch", "500")),
    # counts listed before the count
    ("项目覆盖甲村、乙村、丙村3个村。", "项目覆盖甲村、乙村、丙村共4个村。", ("count-mismatch", "4")),
    # unit prices in other word orders; count × unit amount
    ("租用面积500平方米，月租金每平方米30元，全年租金18万元。",
     "租用面积500平方米，月租金每平方米30元，全年租金20万元。", ("product-mismatch", "20")),
    ("租用面积500平方米，每月每平方米30元，全年租金18万元。",
     "租用面积500平方米，每月每平方米30元，全年租金15万元。", ("product-mismatch", "15")),
    ("为50户每户补助2000元，共计10万元。", "为50户每户补助2000元，共计12万元。", ("product-mismatch", "12")),
]


@pytest.mark.parametrize(("clean", "wrong", "finding"), RELATIONS)
def test_relations(clean: str, wrong: str, finding: tuple[str, str]) -> None:
    assert _errors(clean) == set()
    assert finding in _errors(wrong)


SILENT = [
    # a list must not run on into the state of payment
    "下达资金500万元，其中：甲村200万元、乙村300万元，目前已拨付400万元。",
    # a partial breakdown in brackets is at most a warning
    "贫困户1200户（含低保户300户、五保户50户）。",
    # two different increases under the same words are not one amount stated twice
    "收入100万元，同比上年度增加20万元，支出80万元，同比上年度增加10万元。",
    # a list ending in 等 counts nothing
    "覆盖甲村、乙村等5个村。",
    # approximate figures are never operands
    "共发放问卷约200份，其中满意180份，占95%。",
    "2022年实现收入约120万元，较上年的100万元增长25%。",
]


@pytest.mark.parametrize("text", SILENT)
def test_silent(text: str) -> None:
    assert _errors(text) == set()


def test_a_unit_slip_in_a_total_is_a_warning_not_a_wrong_sum() -> None:
    """The parts make the total's number in their own unit: the total's unit slipped."""
    (f,) = audit_lines(["其中完成村卫生室补助471.23元，其中中央补助189.63万元，地方补助281.6万元"])
    assert (f.code, f.severity.value) == ("unit-implausible", "warning")


def test_exceeding_the_budget_twice_is_two_amounts() -> None:
    text = ("全年发放基础养老金93.34万元,超出预算金额3.34万元,享受缴费补贴人数5035人,"
            "缴费补贴19.71万元,超出预算金额10.06万元。")
    assert _errors(text) == set()


def test_paid_and_due_items_paired_by_their_classification_item() -> None:
    """Not a rent special case: any item of the economic classification named two ways."""
    from jixiao.domain.audit.due_paid import item_class

    assert item_class("办公用房租金") == item_class("租赁费") == "30214 租赁费"
    assert item_class("物业服务费") == item_class("物业管理费")
    lines = ["每年应承担物业管理费20万元，每年应承担维修费5万元。",
             "实际支付资金30万元，其中：物业服务费22万元、维修费8万元。"]
    found = {(f.code, str(f.stated)) for f in audit_lines(lines)}
    assert ("overpayment", "8") in found  # 维修费 named identically: 8 > 5
    assert ("overpayment", "22") in found  # 物业服务费 is the 物业管理费 due: 22 > 20
