"""Due, paid and unpaid amounts in the wordings of the genre (issue 10, branch i11p).

Each wording is hand-made from the shapes the genre prints: the funds paragraphs of the
national 自评报告 outline (资金到位 / 资金拨付 / 资金使用), works contracts paid in stages
(合同价 / 审定金额, 已拨付工程款, 尚欠, 质保金) and the classification items of the 政府收支分类
科目 (租赁费 30214, 物业管理费 30209). For each: the consistent text stays silent at error
level, the inconsistent one is found, approximate figures are never operands.
"""

from __future__ import annotations

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity is Severity.ERROR}


# --- paid + unpaid = what was due -------------------------------------------------------------

PAID_UNPAID = [
    # funds due to arrive (应到位), arrived (实际到位) and not yet (尚未到位)
    ("应到位资金100万元，实际到位80万元，尚未到位20万元。", "尚未到位20万元", "尚未到位30万元"),
    ("应到位资金1,000,000元，已到位800,000元，尚有200,000元未到位。", "尚有200,000元", "尚有250,000元"),
    # a works contract: 尚欠 with the payments' name after it
    ("项目合同价100万元，目前已拨付工程款70万元，尚欠工程款30万元。", "尚欠工程款30万元", "尚欠工程款20万元"),
    # the audited settlement (审定金额) as the whole
    ("经审计，工程结算审定金额100万元，累计支付90万元，未付10万元。", "未付10万元", "未付15万元"),
    ("工程审定造价85.6万元，已支付工程款81.32万元，剩余质保金4.28万元。", "剩余质保金4.28万元",
     "剩余质保金5.28万元"),
    # the terms the payment followed between 已 and the verb
    ("合同金额100万元，已按合同约定支付60万元，剩余40万元。", "剩余40万元", "剩余50万元"),
    ("合同金额100万元，已按进度拨付60万元，剩余40万元待验收后拨付。", "剩余40万元", "剩余50万元"),
    # the shortfall stated as a gap
    ("应拨付资金100万元，已拨付80万元，资金缺口20万元。", "资金缺口20万元", "资金缺口30万元"),
    ("项目总投资500万元，已到位资金300万元，资金缺口200万元。", "资金缺口200万元", "资金缺口250万元"),
    # the forms' 应X/实X pair, a shortfall as 少付 / 欠付
    ("应付工程款100万元，实付90万元，欠付10万元。", "欠付10万元", "欠付5万元"),
    ("应付工程款100万元，实际支付90万元，少付10万元。", "少付10万元", "少付5万元"),
    ("应拨付补助资金100万元，实拨80万元，少拨付20万元。", "少拨付20万元", "少拨付10万元"),
    # paid over what was due, the excess stated (超付/多拨付: paid − excess = due)
    ("应付工程款100万元，实际支付110万元，超付10万元。", "超付10万元", "超付20万元"),
    ("应拨付资金100万元，实际拨付110万元，多拨付10万元。", "多拨付10万元", "多拨付20万元"),
    # dues paid in (应缴纳 / 实际缴纳 / 尚欠缴)
    ("应缴纳100万元，实际缴纳80万元，尚欠缴20万元。", "尚欠缴20万元", "尚欠缴10万元"),
    # full-width digits
    ("应到位资金１００万元，实际到位８０万元，尚未到位２０万元。", "尚未到位２０万元", "尚未到位３０万元"),
]


@pytest.mark.parametrize(("good", "right", "wrong"), PAID_UNPAID)
def test_paid_and_unpaid_against_what_was_due(good: str, right: str, wrong: str) -> None:
    assert good.count(right) == 1
    assert _errors([good]) == set(), good
    found = {code for code, _ in _errors([good.replace(right, wrong)])}
    assert "paid-unpaid-mismatch" in found, good


def test_paid_and_unpaid_in_mixed_units() -> None:
    assert _errors(["合同金额100万元，已支付950000元，尚欠50000元。"]) == set()
    assert ("paid-unpaid-mismatch", "100") in _errors(["合同金额100万元，已支付950000元，尚欠60000元。"])


@pytest.mark.parametrize("text", [
    # approximate figures are never operands
    "应到位资金100万元，实际到位约80万元，尚未到位30万元。",
    "合同金额100万元，已支付60余万元，剩余50万元。",
    "项目总投资约500万元，已到位资金300万元，资金缺口250万元。",
    # a change on last year is no excess over what was due
    "应付工程款100万元，实际支付100万元，较上年多支付10万元。",
    # 差额 names an excess as readily as a shortfall: not a remainder
    "预算100万元，实际支出110万元，差额10万元。",
    # another amount between the paid and the unpaid: more may have been paid than the one read
    "合同金额100万元，已支付工程款60万元、已支付设计费20万元，尚欠20万元。",
    "合同金额100万元，已支付工程款60万元、设计费20万元，尚欠20万元。",
])
def test_paid_unpaid_readings_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text


# --- paid in full, said of a stated amount ---------------------------------------------------

FULL = [
    ("下达资金100万元，已全部拨付到位，实际拨付100万元。", "实际拨付100万元", "实际拨付95万元", "95"),
    ("补助资金100万元已全额发放到户，实际发放100万元。", "实际发放100万元", "实际发放95万元", "95"),
    ("上级下达项目资金56万元，目前已全部拨付56万元。", "拨付56万元", "拨付50万元", "50"),
    ("衔接资金2179万元，均已足额拨付，累计拨付2179万元。", "累计拨付2179万元", "累计拨付2113.63万元",
     "2113.63"),
]


@pytest.mark.parametrize(("good", "right", "wrong", "stated"), FULL)
def test_full_payment_said_of_the_stated_amount(good: str, right: str, wrong: str,
                                                stated: str) -> None:
    assert _errors([good]) == set(), good
    assert ("due-paid-mismatch", stated) in _errors([good.replace(right, wrong)]), good


@pytest.mark.parametrize("text", [
    # an arrival (到位) is no payment to the recipients: 拨付 less than arrived is legitimate
    "下达资金100万元，已全部到位，实际拨付95万元。",
    # a part's or a batch's payment after the claim
    "下达资金100万元，已全部拨付到位，其中中央资金拨付60万元。",
    "下达资金100万元，已全部拨付到位，首批拨付60万元。",
    # approximate
    "下达资金100万元，已全部拨付到位，实际拨付约95万元。",
    # a remainder named: the claim is not about the whole
    "下达资金100万元，除质保金外已全部拨付，实际拨付95万元。",
])
def test_full_payment_readings_that_stay_silent(text: str) -> None:
    assert _errors([text]) == set(), text


# --- an item paid over its due while another is paid under -----------------------------------

DUES = "按分摊面积测算，每年应承担办公用房租金100万元，每年应承担物业管理费20万元。"


def test_split_against_the_dues_is_an_error_only_with_both_sides() -> None:
    both = audit_lines([DUES, "实际支付资金110万元，其中:物业管理费30万元、租赁费80万元。"])
    assert {(f.code, str(f.stated), f.severity) for f in both} == {
        ("overpayment", "30", Severity.ERROR), ("underpayment", "80", Severity.ERROR)}
    # the property fee alone paid over its due: arrears may have been paid, a warning
    alone = audit_lines([DUES, "实际支付资金130万元，其中:物业管理费30万元、租赁费100万元。"])
    assert {(f.code, f.severity) for f in alone} == {("overpayment", Severity.WARNING)}
    # as due: silent
    assert audit_lines([DUES, "实际支付资金120万元，其中:物业管理费20万元、租赁费100万元。"]) == ()


@pytest.mark.parametrize(("good", "right", "wrong", "code"), [
    # PDF text prints a blank between the words, the figure and its unit
    ("合同金额 100 万元，已支付 60 万元，尚未支付 40 万元。", "40 万元", "30 万元", "paid-unpaid-mismatch"),
    ("应到位资金 100 万元，实际到位 80 万元，尚未到位 20 万元", "20 万元", "30 万元",
     "paid-unpaid-mismatch"),
    ("下达资金 100 万元，已全部拨付到位，实际拨付 100 万元。", "拨付 100 万元", "拨付 95 万元",
     "due-paid-mismatch"),
    ("2022 年收入 120 万元，较上年的 100 万元增长 20%。", "增长 20%", "增长 25%", "growth-mismatch"),
])
def test_pdf_text_with_blanks_around_the_figures(good: str, right: str, wrong: str,
                                                 code: str) -> None:
    assert _errors([good]) == set(), good
    assert code in {c for c, _ in _errors([good.replace(right, wrong)])}, good
