"""The rate family in the genre's wordings (issue 10, i12g): completion rates over an exceeded
plan, the plan in the sentence before, excess rates (超任务x%), multiples (倍).

Each wording is written in several word orders and units; the consistent version of each stays
silent and the changed one is reported as an error naming the stated figure.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(text: str, code: str) -> list[tuple[Decimal | None, Decimal | None]]:
    return [(f.stated, f.expected) for f in audit_lines(["标题", text])
            if f.severity is Severity.ERROR and f.code == code]


def _changed(template: str, code: str, ok: str, bad: str) -> tuple[Decimal | None, Decimal | None]:
    """The one error of `template` with {x} = `bad`, after checking {x} = `ok` stays silent."""
    assert _errors(template.format(x=ok), code) == []
    (got,) = _errors(template.format(x=bad), code)
    return got


def _rate_errors(lines: list[str], x: str) -> list[Decimal | None]:
    return [f.stated for f in audit_lines(["标题", *(ln.format(x=x) for ln in lines)])
            if f.severity is Severity.ERROR and f.code == "rate-mismatch"]


# --- completion rates over the plan, exceeded or not (investment progress, the forms' 指标值 /
# 实际完成值; i11f 18 prints three such rows) ------------------------------------------------

COMPLETION = [
    # the plan and what was done in the rate's sentence, either order, rate first or last
    "计划投资19亿元，完成投资{done}亿元，投资完成率{rate}%。",
    "投资完成率{rate}%，当年计划投资19亿元，1-12月份完成投资{done}亿元。",
    "当年计划完成投资19亿元，实际完成投资{done}亿元，完成率为{rate}%",
    # the plan in the sentence before (the progress reports' 计划 sentence, then the 完成 one)
    "当年计划投资19亿元。1-12月份完成投资{done}亿元，投资完成率{rate}%。",
    "省级6项，概算投资140.16亿元，当年计划投资19亿元。1-12月份完成投资{done}亿元，投资完成率{rate}%。",
    "年度目标任务19件。全年完成{done_n}件，完成率{rate_n}%。",
    "计划投资190000万元。完成投资{done}亿元，投资完成率{rate}%。",
]


@pytest.mark.parametrize("template", COMPLETION)
def test_completion_rate_over_an_exceeded_plan(template: str) -> None:
    ok = template.format(done="28.78", rate="151.47", done_n="28", rate_n="147.37")
    assert _errors(ok, "rate-mismatch") == []
    bad = template.format(done="28.78", rate="141.47", done_n="28", rate_n="141.47")
    (got,) = _errors(bad, "rate-mismatch")
    assert got[0] == Decimal("141.47")


@pytest.mark.parametrize("text", [
    # two plans (the first and its revision): which one the rate is of is not said
    "计划投资19亿元，调整计划投资25亿元，完成投资28.78亿元，完成率141.47%。",
    # the sentence before plans another quantity
    "计划培训190人。完成投资28.78亿元，投资完成率141.47%。",
    # approximate figures are never operands
    "当年计划投资约19亿元。完成投资28.78亿元，投资完成率141.47%。",
])
def test_completion_rate_left_alone_without_one_plan(text: str) -> None:
    assert _errors(text, "rate-mismatch") == []


# --- excess rates: (done − plan) ÷ plan (i11f 21 超任务, i11f 29 超出计划安排资金) ----------------

EXCESS = [
    "计划培训500人次，实际培训620人次，超额完成{x}%。",
    "超额完成{x}%：计划培训500人次，实际培训620人次",  # the rate first, no 。
    "任务数为500户，实际完成620户，超任务{x}%。",
    "年度计划投资50000万元。实际完成投资6.2亿元，超计划{x}%。",  # the plan in the sentence before
    "计划完成投资5亿元，实际完成投资6.2亿元，比计划超出{x}%。",
    "项目预算500万元，实际支出620万元，超出预算{x}%。",
]


@pytest.mark.parametrize("template", EXCESS)
def test_excess_rate_is_done_minus_plan_over_plan(template: str) -> None:
    assert _errors(template.format(x="24"), "rate-mismatch") == []
    assert _errors(template.format(x="124"), "rate-mismatch") == []  # the total reading
    (got,) = _errors(template.format(x="34"), "rate-mismatch")
    assert got == (Decimal(34), Decimal("24.00"))


@pytest.mark.parametrize("text", [
    "计划培训500人次，实际培训620人次，满意度超过95%。",  # a bound, not an excess
    "计划培训500人次，实际培训620人次，满意度超95%。",
    "计划培训500人次，实际培训620人次，完成率超出95%。",  # an excess of a rate is no plan's
    "计划培训500人次，实际培训620人次，不超过预算的5%。",
    "计划培训500人次，调整计划600人次，实际培训620人次，超额完成34%。",  # two plans
    "计划培训约500人次，实际培训620人次，超额完成34%。",  # approximate plan
    "计划培训500人，实际培训620人次，超额完成34%。",  # two dimensions
])
def test_excess_rate_left_alone(text: str) -> None:
    assert _errors(text, "rate-mismatch") == []


# --- paid + unpaid = the funds allocated (transfer-payment and project reports' 资金拨付情况) ----

PAID_UNPAID = [
    "下达资金{x}万元，已拨付289.4万元，未拨付57.4万元。",
    "已拨付289.4万元，未拨付57.4万元，下达资金{x}万元。",  # the whole after its parts
    "下达资金共{x}万元，已拨付289.4万元，未拨付57.4万元",  # 共 between name and figure, no 。
    "下达衔接资金{x}万元，截至年底已拨付289.4万元，尚未拨付57.4万元。",
    "安排项目资金{x}万元，已支付289.4万元，剩余57.4万元未支付。",
    "资金总额为{x}万元，已支付2,894,000元，尚未支付57.4万元。",  # mixed units
]


@pytest.mark.parametrize("template", PAID_UNPAID)
def test_paid_and_unpaid_make_the_funds_allocated(template: str) -> None:
    got = _changed(template, "paid-unpaid-mismatch", "346.8", "356.8")
    assert got == (Decimal("356.8"), Decimal("346.8"))


@pytest.mark.parametrize("text", [
    "下达资金356.8万元，其中中央资金289.4万元，尚未下达57.4万元。",  # a part, not a payment
    "下达资金356.8万元，已拨付约289.4万元，未拨付57.4万元。",  # approximate
    "下达资金356.8万元，批复资金300万元，已拨付289.4万元，未拨付57.4万元。",  # two wholes
])
def test_paid_and_unpaid_left_alone(text: str) -> None:
    assert _errors(text, "paid-unpaid-mismatch") == []


# --- the numerator named by the rate's name in the genre's other shapes ---------------------
# (参保覆盖率 / 培训完成率: what is counted + a generic measure; 达标率 / 合格率 beside 水质达标断面 /
# 抽检合格产品: the verb with what it is said of — the 自评表 quality indicators restated in the
# 自评报告, e.g. round 3 dev reports' 合格率 and 覆盖率 rows, and environmental reports' 断面)

NAMED = [
    ("应参保人数12000人，实际参保11640人，参保覆盖率{x}%。", "97", "95"),
    ("参保覆盖率{x}%：应参保人数12000人，实际参保11640人", "97", "95"),
    ("计划培训1200人次，已培训1164人次，培训完成率{x}%。", "97", "95"),
    ("监测断面26个，水质达标断面25个，达标率{x}%。", "96.15", "94.15"),
    ("抽检产品320件，抽检合格产品312件，合格率为{x}%。", "97.5", "95.5"),
]


@pytest.mark.parametrize(("template", "ok", "bad"), NAMED)
def test_numerator_named_by_the_rate(template: str, ok: str, bad: str) -> None:
    got = _changed(template, "rate-mismatch", ok, bad)
    assert got[0] == Decimal(bad)


@pytest.mark.parametrize("text", [
    # a negation names the complement: (26 − 1) ÷ 26 = 96.15% (94.15% is found by the
    # complement reading, tests/audit/test_rate_family_ii.py)
    "监测断面26个，不达标断面1个，达标率96.15%。",
    "项目总投资100万元，新增投资95万元，投资完成率90%。",  # nothing said to be done: no numerator
])
def test_numerator_not_named(text: str) -> None:
    assert _errors(text, "rate-mismatch") == []


# --- growth: the year compared with named by its number, and this year's figure closing the
# sentence before (比2018年增加… in three pool/corpus texts; 南县政协 2021 and a 2019 决算 report
# state 收入 alone, then the change and its rate) --------------------------------------------

GROWTH = [
    ("收入137.9万元，较2021年的118.3万元增长{x}%。", "16.57", "18.57"),
    ("2022年收入137.9万元，较2021年（118.3万元）增长{x}%", "16.57", "18.57"),
    ("2022年收入137.9万元，比2021年同期的118.3万元增长{x}%。", "16.57", "18.57"),
    ("2022年支出118.3万元，比2021年的137.9万元减少了{x}%。", "14.21", "16.21"),
    ("收入:792.22万元。同比上年度增加189.25万元,增加{x}%。", "31.39", "33.39"),
    ("2019年收入总计1207.72万元。比2018年增加38.5万元,2019年比2018年增加{x}%。", "3.29", "3.59"),
    ("支出:799.12万元。同比上年度减少100万元,减少{x}%。", "11.12", "12.6"),
    # this year said in words, the year compared with by its number, in either order
    ("本年收入137.9万元，2021年收入118.3万元，同比增长{x}%。", "16.57", "18.57"),
    ("2021年收入118.3万元，今年收入137.9万元，增幅{x}%", "16.57", "18.57"),
]


@pytest.mark.parametrize(("template", "ok", "bad"), GROWTH)
def test_growth_wordings(template: str, ok: str, bad: str) -> None:
    got = _changed(template, "growth-mismatch", ok, bad)
    assert got[0] == Decimal(bad)


@pytest.mark.parametrize("text", [
    # the sentence before states two figures: which one grew is not said
    "收入:792.22万元，支出799.12万元。同比上年度增加189.25万元,增加33.39%。",
    # this year not said: 2021 may be this year as well as last
    "收入137.9万元，2021年收入118.3万元，同比增长18.57%。",
    # two quantities (a plan and an outcome) are no year pair
    "当年计划投资137.9万元，2021年完成投资118.3万元，增长18.57%。",
    # two years compared with: two readings
    "收入137.9万元，较2021年的118.3万元、较2020年的100万元分别增长16.57%。",
])
def test_growth_left_alone(text: str) -> None:
    assert _errors(text, "growth-mismatch") == []


@pytest.mark.parametrize("template", [
    "合同金额{x}万元，已支付工程进度款289.4万元，剩余质保金57.4万元。",  # a payment's kind of 5 characters
    "合同金额{x}万元，截至年底已拨付合同进度款289.4万元，尚未支付57.4万元",
])
def test_paid_and_unpaid_other_wordings(template: str) -> None:
    got = _changed(template, "paid-unpaid-mismatch", "346.8", "356.8")
    assert got == (Decimal("356.8"), Decimal("346.8"))


# --- several figure-and-rate pairs in one sentence (progress reports: 开累完成投资…，累计投资完成率…，
# 资本金累计到位…，到位率…): a figure another rate names as its numerator is not this rate's whole

def test_a_figure_claimed_by_another_rate_is_not_the_whole() -> None:
    # the capital due, the 到位率's whole, is not stated: silent (an error on main)
    text = ("截至8月底,项目开累完成投资154.21亿元,累计投资完成率44.04%,"
            "省方资本金累计到位86.83亿元,到位率75.11%。")
    assert _errors(text, "rate-mismatch") == []
    # the first pair is still read, in the period's words (累计投资完成率 of 累计完成投资)
    (got,) = _errors("计划投资350亿元，累计完成投资154.21亿元，累计投资完成率45.06%，"
                     "资本金累计到位86.83亿元，到位率75.11%。", "rate-mismatch")
    assert got == (Decimal("45.06"), Decimal("44.06"))
    # a whole named as such is still the whole
    (got,) = _errors("下达资金100万元，已到位95万元，到位率90%，已支付80万元，支付率80%。", "rate-mismatch")
    assert got == (Decimal(90), Decimal("95.00"))


def test_a_common_whole_serves_each_figure_and_rate_pair() -> None:
    # 办结 is the 办结率's: the 满意率's whole is the one left, 受理
    text = "受理诉求200件，按时办结180件，按时办结率90%，满意170件，满意率{x}%。"
    assert _errors(text.format(x="85"), "rate-mismatch") == []
    (got,) = _errors(text.format(x="95"), "rate-mismatch")
    assert got == (Decimal(95), Decimal("85.00"))


@pytest.mark.parametrize("template", [
    "计划培训1200人次，实际培训1164人次，完成计划的{x}%。",
    "计划培训1200人次，实际培训1164人次，达到年度任务的{x}%",
    "年度目标任务1200户。全年实际完成1164户，为目标值的{x}%。",  # the plan in the sentence before
    "完成计划的{x}%：计划培训1200人次，实际培训1164人次。",
])
def test_share_of_the_plan(template: str) -> None:
    got = _changed(template, "rate-mismatch", "97", "95")
    assert got == (Decimal(95), Decimal("97.00"))
    # 占…的 is the shares detector's: one finding, not two
    assert len([f for f in audit_lines(["x", "年度任务1200户，已完成1164户，占年度任务的95%。"])
                if f.severity is Severity.ERROR]) == 1


# --- shares whose whole is not before the part in its sentence: in brackets inside 占…的, named as
# a total after the shares (决算/部门整体 支出结构: 人员经费…占比…；公用经费…占比…，总支出…), or in the
# sentence before when the share's sentence opens with 其中 ------------------------------------

SHARES = [
    ("中央资金473万元，占项目总投资（1290万元）的{x}%。", "36.67", "38.67"),
    ("项目总投资1290万元。其中中央资金473万元，占比{x}%。", "36.67", "38.67"),
    ("人员经费支出434.89万元，占比{x}%；公用经费支出77.4万元，占比9.69%；项目支出286.83万元，"
     "占比35.89%，总支出799.12万元。", "54.42", "56.42"),
    ("中央资金473万元（占比{x}%），项目总投资1290万元", "36.67", "38.67"),
    ("全县共1290户。其中脱贫户473户，占比{x}%。", "36.67", "38.67"),
]


@pytest.mark.parametrize(("template", "ok", "bad"), SHARES)
def test_share_whole_elsewhere(template: str, ok: str, bad: str) -> None:
    got = _changed(template, "share-mismatch", ok, bad)
    assert got == (Decimal(bad), Decimal(ok))


@pytest.mark.parametrize("text", [
    # the sentence before states two larger figures: which whole is not said
    "项目总投资1290万元，总预算1500万元。其中中央资金473万元，占比38.67%。",
    # no 其中: the sentence before may state another base
    "项目总投资1290万元。中央资金473万元，占比38.67%。",
    # two totals after
    "中央资金473万元，占比38.67%，总投资1290万元，总预算1500万元。",
])
def test_share_whole_elsewhere_left_alone(text: str) -> None:
    assert _errors(text, "share-mismatch") == []


@pytest.mark.parametrize("lines", [
    # the plan closing the paragraph above, the outcome and its rate opening this one (i11f 18)
    ["总投资519.86亿元,当年计划投资63.27亿元。", "截止目前,1-12月份,完成投资77.57亿元,投资完成率{x}%。"],
    ["年度计划培训1200人次。", "", "全年实际培训1164人次，培训完成率{x}%"],  # a blank line between
])
def test_completion_rate_with_the_plan_in_the_paragraph_above(lines: list[str]) -> None:
    ok, bad = ("122.6", "112.6") if "投资" in lines[0] else ("97", "95")
    assert _rate_errors(lines, ok) == []
    assert _rate_errors(lines, bad) == [Decimal(bad)]


@pytest.mark.parametrize("lines", [
    ["计划投资63.27亿元,调整计划70亿元。", "完成投资77.57亿元,投资完成率112.6%。"],  # two plans above
    ["计划投资63.27亿元。", "其中甲项目完成投资7.57亿元,投资完成率112.6%。"],  # a part's outcome
])
def test_completion_rate_above_left_alone(lines: list[str]) -> None:
    assert [f for f in audit_lines(["标题", *lines]) if f.severity is Severity.ERROR] == []


# --- an execution rate stated alone after its spending stated alone, the budget further up: the
# 自评表 captured as one 名称：数值 per line, or the outline's 预算 / 支出 / 执行率 sentences -----

@pytest.mark.parametrize("lines", [
    ["年度预算数：200万元", "全年执行数：188.6万元", "预算执行率：{x}%"],
    ["项目预算200万元。实际支出188.6万元。预算执行率{x}%。"],
    ["项目预算2,000,000元。", "实际支出188.6万元。", "预算执行率{x}%"],
    # a 拨付率/支付率/到位率 stated alone after its payment or arrival
    ["下达资金200万元。已拨付188.6万元。资金拨付率{x}%。"],
    ["下达资金200万元，已拨付188.6万元。资金拨付率{x}%"],
    ["应到位资金200万元。", "实际到位188.6万元。", "资金到位率{x}%。"],
    ["合同金额200万元，已支付188.6万元。支付率为{x}%。"],  # a payment over its contract
])
def test_rate_stated_alone_after_operands_stated_apart(lines: list[str]) -> None:
    assert _rate_errors(lines, "94.3") == []
    assert _rate_errors(lines, "91.3") == [Decimal("91.3")]


@pytest.mark.parametrize("lines", [
    ["项目预算200万元，其中中央资金150万元。", "中央资金支出140万元。", "预算执行率91.3%。"],  # a part's
    ["项目预算200万元。", "甲子项目实际支出188.6万元。", "预算执行率91.3%。"],  # a sub-project's
    ["项目预算200万元，调整后预算188.6万元。", "实际支出188.6万元。", "预算执行率100%。"],  # two readings
])
def test_execution_rate_stated_apart_left_alone(lines: list[str]) -> None:
    assert [f for f in audit_lines(["标题", *lines]) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("lines", [
    ["下达资金200万元。", "中央资金已拨付188.6万元。", "资金拨付率91.3%。"],  # a part's payment
    ["下达资金200万元，批复资金188.6万元。已拨付188.6万元。资金拨付率100%。"],  # two readings
])
def test_paid_rate_stated_alone_left_alone(lines: list[str]) -> None:
    assert [f for f in audit_lines(["标题", *lines]) if f.severity is Severity.ERROR] == []


# --- the spending verb naming the funds after it (实际执行飞行经费, round 3 452; 已拨付财政补助资金,
# 149), the allocation's verb after the funds' name (资金共计下达…, 452), and spent + left as the
# budget no sentence states (实际执行…，结余…。项目执行率…, 452) -------------------------------

@pytest.mark.parametrize(("template", "ok", "bad"), [
    ("(2)项目资金执行情况。实际执行飞行经费9109.54万元,结余689.66万元,为中央补助资金。项目执行率{x}%。",
     "92.96", "87.96"),
    ("项目资金共计下达9799.2万元,实际支出9109.54万元,结余资金689.66万元,资金执行率{x}%", "92.96", "87.96"),
    ("项目资金共下达9799.2万元,已拨付财政补助资金9109.54万元,拨付率{x}%。", "92.96", "87.96"),
])
def test_spending_named_with_its_funds(template: str, ok: str, bad: str) -> None:
    got = _changed(template, "rate-mismatch", ok, bad)
    assert got == (Decimal(bad), Decimal(ok))


@pytest.mark.parametrize("text", [
    "项目资金共下达9799.2万元,未拨付财政补助资金9109.54万元,拨付率87.96%。",  # not paid
    # a part's spending and what is left of the whole: no budget of the part
    "中央资金实际执行飞行经费9109.54万元,结余689.66万元。项目执行率87.96%。",
    # two balances: which one is left of this budget is not said
    "实际执行飞行经费9109.54万元,结余689.66万元,结转100万元。项目执行率87.96%。",
])
def test_spending_named_with_its_funds_left_alone(text: str) -> None:
    assert _errors(text, "rate-mismatch") == []


@pytest.mark.parametrize("text", [
    # a limit compared with is no whole (round 3 467: the forest area is not stated)
    "森林受害面积93.24公顷,低于控制指标1169.76公顷;森林受害率0.0738‰,低于控制指标0.8262个千分点。",
    "投诉12件，不超过上限200件，投诉率0.5‰。",
])
def test_a_limit_is_no_whole(text: str) -> None:
    assert _errors(text, "rate-mismatch") == []


def test_a_whole_named_as_such_beside_a_limit_still_counts() -> None:
    got = _changed("林地总面积1169.76公顷，森林受害面积93.24公顷，森林受害率{x}‰。", "rate-mismatch",
                   "79.71", "0.0738")
    assert got[0] == Decimal("0.0738")
