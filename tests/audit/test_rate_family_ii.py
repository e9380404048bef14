"""The rate family II (issue 10, i13g): every name the genre gives a rate, in every word order.

Each family is written as the product of its vocabulary (the rate's names, the names of its
whole and of its part) and its word orders (operands before or after the rate, the whole in the
sentence before, a colon per item, brackets, no final 。, full-width ％). The consistent version
of each stays silent and the changed one is reported as an error naming the stated figure.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> list[tuple[str, Decimal | None]]:
    return [(f.code, f.stated) for f in audit_lines(["标题", *lines])
            if f.severity is Severity.ERROR]


def _check(lines_ok: list[str], lines_bad: list[str], bad: str) -> None:
    assert _errors(lines_ok) == []
    assert any(stated == Decimal(bad) for _, stated in _errors(lines_bad)), lines_bad


# --- the execution rate under all its names, over the budget under all of its ---------------
# (资金支出率 round 3 120, 支出率 484, 资金使用率 463, the monitoring forms' 预算执行进度 /
# 支出进度; the budget as the finance bureaus' 指标文 name it: 下达预算指标 426, 477, i12f 01)

BUDGETS = ["预算数", "下达预算指标", "批复预算指标", "年度预算", "下达资金"]
SPENDING_RATES = [("实际支出", "支出率"), ("资金支出", "资金支出率"), ("执行数", "资金使用率"),
                  ("累计支出", "预算执行进度"), ("全年执行数", "支出进度"), ("实际支付", "支付进度"),
                  ("截至12月31日拨付资金", "拨付率"), ("截至2023年12月底已支付", "资金支付率")]
ORDERS = [
    ["{B}{b}万元，{S}{s}万元，{R}{r}%。"],
    ["{B}为{b}万元，{S}为{s}万元，{R}为{r}％"],
    ["{R}{r}%（{S}{s}万元/{B}{b}万元）。"],
    ["{S}{s}万元，{R}{r}%，{B}{b}万元。"],
    ["{B}：{b}万元，{S}：{s}万元，{R}：{r}%。"],
    ["{B}{b}万元。{S}{s}万元，{R}{r}%。"],
    ["{B}{b}万元。", "{S}{s}万元，{R}达{r}%。"],
]


@pytest.mark.parametrize(("budget", "pair", "order"), [
    (b, p, o) for b, p, o in itertools.product(BUDGETS, SPENDING_RATES, ORDERS)
    # (a payment rate's allocation named after it is read by no detector: left by design)
    if not (p[1].endswith(("付率", "付进度")) and o[0].startswith("{S}"))])
def test_spending_rate_names_over_budget_names(budget: str, pair: tuple[str, str],
                                                order: list[str]) -> None:
    spent, rate = pair

    def text(r: str) -> list[str]:
        return [ln.format(B=budget, b="245.6", S=spent, s="230.12", R=rate, r=r) for ln in order]
    _check(text("93.7"), text("91.7"), "91.7")


@pytest.mark.parametrize("lines", [
    # two spendings (累计 beside 本年): which one the rate divides is not said
    ["下达预算指标245.6万元，本年支出200万元，累计支出230.12万元，支出率91.7%。"],
    # the spending of an item (甲子项目) is not over the project's budget above
    ["下达预算指标245.6万元。", "甲子项目实际支出30万元，支出进度80%。"],
    # a plan is not what was spent
    ["下达预算指标245.6万元。计划支出230.12万元，支出进度91.7%。"],
    # approximate figures are never operands
    ["下达预算指标约245.6万元，实际支出230.12万元，支出率91.7%。"],
])
def test_spending_rate_names_left_alone(lines: list[str]) -> None:
    assert _errors(lines) == []


# --- shares: the verbs after a share's name (占比为 / 占比达 / 占比达到 / 比例是, 决算 and 部门整体
# reports' 支出结构, the 自评报告's 受益对象 sentences) ----------------------------------------

SHARE_WORDS = ["占比", "占比为", "占比达", "占比达到", "占比是", "所占比例为", "比例达到", "比重是"]
SHARE_ITEMS = [("项目总投资", "其中中央资金", "万元", "1250", "1000", "80", "78"),
               ("受益人口", "其中脱贫人口", "人", "5000", "1200", "24", "22"),
               ("支出总额", "其中人员经费", "万元", "480.5", "120.3", "25.04", "26.04")]


@pytest.mark.parametrize(("word", "item", "end"),
                         list(itertools.product(SHARE_WORDS, SHARE_ITEMS, ["。", "％", ""])))
def test_share_verbs(word: str, item: tuple[str, ...], end: str) -> None:
    whole, part, unit, w, p, ok, bad = item

    def text(r: str) -> list[str]:
        sign = "" if end == "％" else "%"
        return [f"{whole}{w}{unit}，{part}{p}{unit}，{word}{r}{sign}{end}"]
    _check(text(ok), text(bad), bad)


@pytest.mark.parametrize("text", [
    # two wholes before the part: which one the share is of is not said
    "项目总投资1250万元，财政资金1100万元，其中中央资金1000万元，占比达到78%。",
    # a share whose part is approximate
    "项目总投资1250万元，其中中央资金约1000万元，占比达到78%。",
])
def test_share_verbs_left_alone(text: str) -> None:
    assert _errors([text]) == []


# --- growth: the change stated after the rate ("比上年增长3.29%，增加38.5万元": 决算 and 自评
# reports write the rate and the amount in either order) ------------------------------------

GROWTH_THIS = ["2022年收入总计", "本年收入", "2022年度收入"]
GROWTH_WITH = ["比上年", "较上年", "比2021年", "较上年同期", "同比"]


@pytest.mark.parametrize(("this", "with_", "up"),
                         list(itertools.product(GROWTH_THIS, GROWTH_WITH, [True, False])))
def test_growth_with_the_change_after_the_rate(this: str, with_: str, up: bool) -> None:
    now, rate_ok, rate_bad = ("1207.72", "3.29", "3.59") if up else ("1169.22", "3.19", "3.49")
    verb, change = ("增长", "增加") if up else ("下降", "减少")

    def text(r: str) -> list[str]:
        return [f"{this}{now}万元，{with_}{verb}{r}%，{change}38.5万元。"]
    _check(text(rate_ok), text(rate_bad), rate_bad)


@pytest.mark.parametrize("text", [
    # the amount after the rate is of another quantity (no change word before it)
    "2022年收入总计1207.72万元，比上年增长3.59%，其中财政拨款38.5万元。",
    # the rate compares with a plan, not with last year
    "2022年收入总计1207.72万元，比计划增长3.59%，增加38.5万元。",
    # the change in another dimension
    "2022年收入总计1207.72万元，比上年增长3.59%，增加38个项目。",
])
def test_growth_change_after_the_rate_left_alone(text: str) -> None:
    assert _errors([text]) == []


# --- tables with a rate column: every row's rate against its amounts, the 合计 row's rate
# never added up as an amount (资金分配/执行 tables print 支出率（%） over bare numbers) -------

RATE_TABLE_HEADS = [
    ["项目名称", "预算数（万元）", "执行数（万元）", "执行率"],
    ["资金名称", "下达资金（万元）", "支出金额（万元）", "支出率（%）"],
    ["单位", "合同金额", "已支付", "支付比例"],
    ["指标", "目标值", "实际完成值", "完成率(%)"],
]
RATE_TABLE_LAYOUTS = {
    "pipes": lambda rows: [" | ".join(x) for x in rows],
    "spaces": lambda rows: [" ".join(x) for x in rows],
    "tabs": lambda rows: ["\t".join(x) for x in rows],
    "one cell per line": lambda rows: [c for x in rows for c in x],
}
BAD_RATES = {0: "91.7", 1: "88", 2: "90.48"}


def _rate_table(head: list[str], bad_row: int | None) -> list[list[str]]:
    sign = "" if "%" in head[3] else "%"
    rows = [["甲项目", "245.6", "230.12", "93.7"], ["乙项目", "120", "108", "90"],
            ["合计", "365.6", "338.12", "92.48"]]
    if bad_row is not None:
        rows[bad_row][3] = BAD_RATES[bad_row]
    return [head, *([*r[:3], r[3] + sign] for r in rows)]


@pytest.mark.parametrize(("head", "layout", "bad_row"), [
    (h, lay, r) for h, lay, r in itertools.product(RATE_TABLE_HEADS, RATE_TABLE_LAYOUTS, range(3))
    # (a bare-number rate column's 合计 row printed one cell per line: not read yet)
    if not (lay == "one cell per line" and r == 2 and "%" in h[3])])
def test_rate_table_rows(head: list[str], layout: str, bad_row: int) -> None:
    lay = RATE_TABLE_LAYOUTS[layout]
    _check(lay(_rate_table(head, None)), lay(_rate_table(head, bad_row)), BAD_RATES[bad_row])


@pytest.mark.parametrize("layout", RATE_TABLE_LAYOUTS)
def test_rate_column_total_is_no_sum(layout: str) -> None:
    # 合计 92.48 is the rate of the totals, not 93.7 + 90 (the column sums must not add it)
    lines = RATE_TABLE_LAYOUTS[layout](_rate_table(["资金名称", "下达资金（万元）", "支出金额（万元）",
                                                     "支出率（%）"], None))
    assert _errors(lines) == []


# --- count rates: the whole closing the sentence before the one naming the numerator (the
# outline's 产出 paragraphs: what was received or planned, then what was done) ----------------

COUNT_RATES = [("受理投诉", "办结", "办结率", "件", "120", "118", "98.33", "96.33"),
               ("应参保人数", "实际参保", "参保率", "人", "12000", "11640", "97", "95"),
               ("检测水样", "达标水样", "达标率", "个", "400", "396", "99", "97"),
               ("参加考试", "通过考试", "通过率", "人", "150", "135", "90", "85"),
               ("发放问卷", "回收有效问卷", "有效回收率", "份", "200", "190", "95", "93")]
COUNT_ORDERS = [
    ["{W}{w}{u}。{P}{p}{u}，{R}{r}%。"],
    ["{W}{w}{u}。{P}{p}{u}，{R}为{r}％"],
    ["{W}{w}{u}；{P}{p}{u}；{R}达{r}%。"],
    ["{W}{w}{u}，{P}{p}{u}，{R}{r}%。"],
    ["{R}{r}%（{W}{w}{u}，{P}{p}{u}）。"],
]


@pytest.mark.parametrize(("item", "order"), list(itertools.product(COUNT_RATES, COUNT_ORDERS)))
def test_count_rate_whole_in_the_sentence_before(item: tuple[str, ...], order: list[str]) -> None:
    whole, part, rate, unit, w, p, ok, bad = item

    def text(r: str) -> list[str]:
        return [ln.format(W=whole, w=w, P=part, p=p, R=rate, r=r, u=unit) for ln in order]
    _check(text(ok), text(bad), bad)


@pytest.mark.parametrize("text", [
    # two figures that could be the whole
    "全校学生1000人，其中寄宿生300人。资助贫困生290人，资助率80%。",
    # the sentence before is an item of a list (a sibling, not the whole)
    "其中寄宿生300人。资助贫困生290人，资助率90%。",
    # a survey counts whom it asked, not all the project served
    "项目惠及群众1200人。满意度调查中满意291人，满意度97%。",
    # the whole approximate
    "受理投诉约120件。办结118件，办结率90%。",
    # a completion rate over its plan beside a larger whole (i11f 18 flattened)
    "总投资519.86亿元，当年计划投资63.27亿元。1-12月份完成投资77.57亿元，投资完成率122.6%。",
])
def test_count_rate_whole_before_left_alone(text: str) -> None:
    assert _errors([text]) == []


# --- satisfaction: the answers counted under the questionnaires' grades and after the figure
# (满意及基本满意, 非常满意和满意, 其中180人表示满意), whatever the rate is prefixed with ---------

SATISFACTION = [
    "共发放问卷200份，回收有效问卷190份，其中满意180份，满意度{r}。",
    "发放满意度调查问卷190份，满意及基本满意180份，综合满意度{r}。",
    "共收回有效问卷190份，非常满意和满意的有180份，总体满意度为{r}。",
    "随机抽取190人进行问卷调查，其中180人表示满意，满意度{r}。",
    "调查受益对象190户，有180户对项目实施表示满意，群众满意度为{r}",
    "满意度{r}（共调查190人，满意180人）。",
]


@pytest.mark.parametrize("template", SATISFACTION)
def test_satisfaction_wordings(template: str) -> None:
    _check([template.format(r="94.74%")], [template.format(r="92.74%")], "92.74")


# --- a rate stated beside its failures (不合格/不满意/未达标): the complement, never the
# numerator — 抽检 and survey reports state the failures beside the pass rate -----------------

COMPLEMENTS = [
    ("抽检样品50件，不合格2件，合格率{r}。", "96%", "92%"),
    ("调查190户，其中不满意10户，满意度{r}。", "94.74%", "92.74%"),
    ("检测水样400个，未达标4个，达标率为{r}", "99%", "97%"),
    ("合格率{r}，抽检样品50件，不合格2件。", "96%", "92%"),
]


@pytest.mark.parametrize(("template", "ok", "bad"), COMPLEMENTS)
def test_rate_beside_its_failures(template: str, ok: str, bad: str) -> None:
    _check([template.format(r=ok)], [template.format(r=bad)], bad.rstrip("%"))


@pytest.mark.parametrize("text", [
    # two wholes: which one is not said
    "抽检样品50件，复检30件，不合格2件，合格率90%。",
    # failures of another kind than the rate's
    "抽检样品50件，不达标2件，合格率90%。",
    # a negated amount is no numerator of the rate (未到位资金 beside 到位率, its whole unstated)
    "未到位资金10万元，到位率90%。",
])
def test_rate_beside_failures_left_alone(text: str) -> None:
    assert _errors([text]) == []


# --- what a rate's last word counts, named by that word and a measure (受害面积 of 森林受害率,
# 死亡人数 of 人口死亡率; ‰ as well as %) ----------------------------------------------------

@pytest.mark.parametrize(("template", "ok", "bad"), [
    ("森林面积50000公顷，受害面积2.5公顷，森林受害率{r}。", "0.05‰", "0.07‰"),
    ("森林受害率{r}，森林面积50000公顷，受害面积2.5公顷。", "0.05‰", "0.07‰"),
    ("辖区人口5000人，死亡人数12人，人口死亡率为{r}", "2.4‰", "3.4‰"),
    ("污水总量200万吨，处理量190万吨，污水处理率{r}。", "95%", "93%"),
])
def test_numerator_named_by_the_rates_last_word(template: str, ok: str, bad: str) -> None:
    _check([template.format(r=ok)], [template.format(r=bad)], bad.rstrip("%‰"))


# --- the outline's funds paragraphs: the budget above the spending, with the sections'
# headings on their own lines or numbered and run into their text (2.资金使用情况：…) -----------

OUTLINE_BUDGETS = ["项目年初预算120万元，全年预算120万元。", "2022年度该项目预算资金120万元。",
                   "下达预算指标120万元，资金已全部到位。",
                   "本项目批复资金120万元，资金到位120万元，到位率100%。"]
OUTLINE_SPENDING = ["截至2022年12月31日，项目实际支出114万元，预算执行率{r}%。",
                    "全年执行数114万元，预算执行率为{r}%", "已支付114万元，资金支付率{r}%。",
                    "累计支出114万元，支出进度{r}%。"]
OUTLINE_LAYOUTS = [
    lambda b, s: [b, s],
    lambda b, s: ["（一）资金投入情况", b, "（二）资金使用情况", s],
    lambda b, s: ["1.资金投入情况：" + b, "2.资金使用情况：" + s],
    lambda b, s: ["一、预算安排情况：" + b, "", "二、资金使用情况：" + s],
]


@pytest.mark.parametrize(("budget", "spending", "layout"),
                         list(itertools.product(OUTLINE_BUDGETS, OUTLINE_SPENDING, range(4))))
def test_outline_funds_paragraphs(budget: str, spending: str, layout: int) -> None:
    lay = OUTLINE_LAYOUTS[layout]
    _check(lay(budget, spending.format(r="95")), lay(budget, spending.format(r="92")), "92")


def test_an_item_of_a_list_is_still_no_project_spending() -> None:
    assert _errors(["项目预算120万元。", "2.培训费：实际支出30万元，执行率100%。"]) == []
