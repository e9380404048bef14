"""Rates, paid-unpaid and due-paid in the surface forms the genre prints them in (issue 10, i10r).

Each case is a consistent text (which must stay silent) and the same text with one figure
changed (which must give the named error). The wordings are invented variants of those
seen in the corpus: execution rates in the 资金使用情况 paragraph of the national 自评报告
outline (round 3: 140, 171; shared 040, 010), budgets in 元/万元/亿元, full-width digits,
the rate before its operands, the budget in the sentence or paragraph above.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_files, audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity is Severity.ERROR}


# (consistent lines, the figure to change, its replacement, the finding expected)
RATE_CASES = [
    (["项目预算100万元，实际支出95万元，预算执行率为95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["项目预算1000000元，实际支出95万元，预算执行率为95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["全年预算数1.2亿元，全年执行数11400万元，执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["全年预算数１００万元，全年执行数９５万元，执行率９５％。"], "９５％", "９０％",
     ("rate-mismatch", "90")),
    (["全年预算数 100 万元 全年执行数 95 万元 执行率 95%"], "95%", "90%", ("rate-mismatch", "90")),
    (["全年预算数：100万元；全年执行数：95万元；执行率：95%"], "95%", "90%", ("rate-mismatch", "90")),
    # PDF text spacing the percent sign; the currency named
    (["全年预算数 1000 万元，全年执行数 950 万元，执行率 95 %。"], "95 %", "90 %", ("rate-mismatch", "90")),
    (["全年预算数为人民币1000万元，全年执行数为人民币950万元，执行率为95%。"], "95%", "90%",
     ("rate-mismatch", "90")),
    # the rate first, its operands after
    (["预算执行率为95%，全年预算数100万元，全年执行数95万元。"], "95%", "90%", ("rate-mismatch", "90")),
    (["预算执行率为95%，全年预算数100万元，全年执行数95万元。"], "100万元", "120万元",
     ("rate-mismatch", "95")),
    # the budget and the spending under the names the reports give them
    (["预算安排数100万元，实际支出95万元，预算执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["预算批复数100万元，实际支出95万元，预算执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["批复资金100万元，已使用95万元，预算执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["下达指标100万元，决算数95万元，预算执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    # the execution rate as a share of the budget
    (["项目预算100万元，实际支出95万元，为预算的95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["项目预算100万元，实际支出95万元，达到年度预算的95%。"], "95%", "90%", ("rate-mismatch", "90")),
    # the execution rate by other names
    (["项目预算100万元，实际支出95万元，预算执行进度95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["截至12月底，项目资金支出95万元，支出进度95%，项目预算100万元。"], "95%", "90%",
     ("rate-mismatch", "90")),
    # the rate between the budget and the spending; a completion rate before what was done
    (["全年预算数200万元，执行率95%，全年执行数190万元。"], "95%", "90%", ("rate-mismatch", "90")),
    (["全年预算数为2000000元；预算执行率为95%；全年执行数为190万元。"], "95%", "90%",
     ("rate-mismatch", "90")),
    (["目标任务200亩，任务完成率95%，累计完成190亩。"], "95%", "90%", ("rate-mismatch", "90")),
    (["培训完成率95%；计划培训200人次；实际培训190人次。"], "95%", "90%", ("rate-mismatch", "90")),
    # the budget in the sentence before, in the paragraph above, behind a heading
    (["项目全年预算数为100万元。", "截至年底实际支出95万元，执行率95%。"], "95%。", "90%。",
     ("rate-mismatch", "90")),
    (["项目全年预算数为100万元。", "", "（二）资金使用情况", "截至年底实际支出95万元，项目执行率95%。"],
     "95%", "90%", ("rate-mismatch", "90")),
    (["项目预算100万元。资金到位100万元，到位率100%。实际支出95万元，执行率95%。"], "95%", "90%",
     ("rate-mismatch", "90")),
    (["年初预算100万元，调整后预算120万元。实际支出114万元，执行率95%。"], "95%", "90%",
     ("rate-mismatch", "90")),
    (["该项目年初预算100万元；截至12月31日，累计支出95万元；预算执行率95%。"], "95%", "90%",
     ("rate-mismatch", "90")),
    (["全年预算100万元，其中：已支付95万元，执行率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["项目预算100万元，资金到位90万元，已支出85.5万元，执行率95%。"], "95%", "80%",
     ("rate-mismatch", "80")),
    # other rates of a numerator and its whole
    (["下达资金100万元，已拨付95万元，资金拨付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应到位资金100万元，实际到位95万元，资金到位率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应覆盖农户200户，实际覆盖190户，覆盖率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["项目总投资100万元，已完成投资95万元，投资完成率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["受理群众诉求1000件，其中按期办结950件，按期办结率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["实际支出95万元，占全年预算100万元的95%。"], "95%", "90%", ("share-mismatch", "90")),
    # the whole in the sentence before: a 其中 sentence, or the rate in a sentence of its own
    (["全年共受理群众诉求1000件。其中按期办结950件，办结率95%。"], "95%", "90%",
     ("rate-mismatch", "90")),
    (["全年共受理群众诉求1000件，办结950件。办结率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["计划培训100人，实际培训95人。完成率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    # the rate before its numerator; what was due named inside its label (全县应参保人数)
    (["全县应参保人数1000人，参保率95%，实际参保950人。"], "95%", "90%", ("rate-mismatch", "90")),
    (["项目资金到位率95%，应到位资金100万元，实际到位95万元。"], "95%", "90%",
     ("rate-mismatch", "90")),
    # the numerator named by the verb and its object (覆盖贫困户 of 覆盖率)
    (["覆盖贫困户950户，贫困户总数1000户，覆盖率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["全年下达资金1.2亿元，已拨付11400万元，拨付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["全县适龄儿童1000人，接种950人，接种率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    # paid + unpaid is the whole a 支付率 is of
    (["已支付95万元，尚未支付5万元，支付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["合同金额100万元，已支付95万元，支付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["资金支付率95%，已支付95万元，合同金额100万元。"], "95%", "90%", ("rate-mismatch", "90")),
]


@pytest.mark.parametrize(("lines", "old", "new", "finding"), RATE_CASES)
def test_rate_surfaces(lines: list[str], old: str, new: str, finding: tuple[str, str]) -> None:
    assert _errors(lines) == set()
    changed = [ln.replace(old, new, 1) for ln in lines]
    assert changed != lines
    assert finding in _errors(changed)


@pytest.mark.parametrize("lines", [
    # approximate figures are never operands
    ["项目预算约100万元，实际支出95万元，执行率90%。"],
    ["项目预算100万元，实际支出95万余元，执行率90%。"],
    ["项目预算100万元左右，实际支出95万元，执行率90%。"],
    # rounded or cut at the printed precision
    ["全年预算数100万元，执行数95.4万元，执行率95%。"],
    ["全年预算数100万元，执行数95.6万元，执行率95%。"],
    ["全年预算数300万元，执行数200万元，执行率66.66%。"],
    ["全年预算数300万元，执行数200万元，执行率66.67%。"],
    # a part's spending is over the part's budget, not the whole's
    ["项目预算100万元，其中中央资金80万元，省级资金20万元；中央资金支出76万元，执行率95%。"],
    ["项目预算100万元，中央资金预算80万元。中央资金支出76万元，中央资金执行率95%。"],
    # another project's spending between the budget and the rate
    ["甲项目预算100万元。", "乙项目实际支出5万元。", "甲项目实际支出95万元，执行率90%。"],
    # a sentence with two spending figures: which one the rate divides is not said
    ["项目预算100万元，本年实际支付60万元，累计支付95万元，执行率95%。"],
    # a sentence before stating a sibling, not the whole; a rate of a base never stated
    ["共有学生1000人。其中寄宿生300人，寄宿率30%。资助学生95人，资助率9.5%。"],
    ["辖区常住人口10000人。建档立卡950人，建档率95%。"],
    ["全年受理诉求1000件，其中网上受理600件。网上办结590件，办结率98.3%。"],
    ["项目预算100万元。", "甲子项目资金30万元已全部到位，到位率100%。"],
    # a sub-project's or an item's spending is not over the whole budget stated above
    ["项目预算100万元。", "甲子项目实际支出30万元，执行率100%。"],
    ["项目预算100万元。", "（一）实际支出30万元，执行率100%。"],
    ["项目预算100万元。", "1.培训费实际支出30万元，执行率100%。"],
    # two amounts spent around the rate; a part's rate beside the whole's spending
    ["已支付45万元，预算执行率95%，全年预算数200万元，全年执行数190万元。"],
    ["全年预算数200万元，其中中央资金150万元，全年执行数190万元，中央资金执行率96%。"],
    # a rate over the funds that arrived, not the budget: another reading
    ["项目预算100万元，资金到位90万元，已支出85.5万元，执行率95%。"],
    ["项目预算100万元。截至年底，项目资金到位90万元，到位率90%，已支出85.5万元，执行率95%。"],
    # a plan and its revision: two plans
    ["年初计划培训100人，受疫情影响调整为80人。实际培训76人，完成率95%。"],
    # 10万公顷 is the unit of another rate (次/10万公顷), no whole (round 3, 140)
    ["森林火灾发生率为0.064次/10万公顷，受害森林面积114.48公顷，受害率为0.0046‰。"],
])
def test_rate_readings_that_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set()


PAID_CASES = [
    (["合同金额100万元，已支付95万元，剩余5万元。"], "剩余5万元", "剩余8万元",
     ("paid-unpaid-mismatch", "100")),
    (["合同金额100万元，已支付95万元，尚未支付5万元。"], "尚未支付5万元", "尚未支付8万元",
     ("paid-unpaid-mismatch", "100")),
    (["应拨付资金100万元，实际拨付100万元，已足额拨付。"], "实际拨付100万元", "实际拨付95万元",
     ("due-paid-mismatch", "95")),
    (["应发放补助资金100万元，已足额发放100万元。"], "发放100万元", "发放95万元",
     ("due-paid-mismatch", "95")),
    (["10441万元资金全部拨付到位，资金到位率100%。"], "100%", "93%", ("rate-mismatch", "93")),
    # the amount that arrived against the budget of the paragraph above (round 3, 140)
    (["2022年共投入补助经费预算10441万元。", "", "1.资金投入情况分析。",
      "(1)项目资金投入情况。10441万元资金全部拨付到位,资金到位率100%。"],
     "。10441万元", "。8353万元", ("rate-mismatch", "100")),
    (["项目预算100万元。", "实际到位资金90万元，资金到位率90%。"], "到位率90%", "到位率100%",
     ("rate-mismatch", "100")),
    # 已付/未付, 尚欠, 剩余质保金, the whole after its parts, 合同总金额 in 元
    (["合同价款100万元，已付95万元，未付5万元。"], "未付5万元", "未付8万元", ("paid-unpaid-mismatch", "100")),
    (["合同总金额1000000元，已支付950000元，尚欠50000元。"], "尚欠50000元", "尚欠80000元",
     ("paid-unpaid-mismatch", "1000000")),
    (["合同金额100万元，已支付95万元，剩余50000元。"], "剩余50000元", "剩余80000元",
     ("paid-unpaid-mismatch", "100")),
    (["已支付95万元，尚未支付5万元，合同金额100万元。"], "尚未支付5万元", "尚未支付8万元",
     ("paid-unpaid-mismatch", "100")),
    (["合同金额100万元，已支付95万元，剩余质保金5万元。"], "质保金5万元", "质保金8万元",
     ("paid-unpaid-mismatch", "100")),
    (["合同金额１００万元，已支付９５万元，剩余５万元。"], "剩余５万元", "剩余８万元",
     ("paid-unpaid-mismatch", "100")),
    (["合同金额100万元。已支付95万元，剩余5万元。"], "剩余5万元", "剩余8万元",
     ("paid-unpaid-mismatch", "100")),
    # a 支付率 over paid + unpaid in mixed units; the 应X … 实X pair of the forms
    (["已支付950000元，尚未支付5万元，支付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应拨资金100万元，实拨95万元，拨付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应付100万元，实付95万元，支付率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应付工程款100万元，已支付95万元，支付进度95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应发放补贴100万元，实际发放95万元，发放率95%。"], "95%", "90%", ("rate-mismatch", "90")),
    (["应付工程款100万元，已支付100万元，全部付清。"], "已支付100万元", "已支付95万元",
     ("due-paid-mismatch", "95")),
    (["全年应发放补贴资金100万元，全部发放到位，共发放100万元。"], "共发放100万元", "共发放95万元",
     ("due-paid-mismatch", "95")),
    (["应拨付资金1000000元，已全额拨付100万元。"], "拨付100万元", "拨付95万元",
     ("due-paid-mismatch", "95")),
    (["项目资金100万元已全部拨付到位，资金到位率100%。"], "100%", "95%", ("rate-mismatch", "95")),
]


@pytest.mark.parametrize("lines", [
    ["合同金额100万元，已支付约95万元，剩余8万元。"],  # approximate: never an operand
    ["项目合同金额为100万元，截至2023年底已支付95万元，剩余5万元待验收后支付。"],
    ["应拨付100万元，已拨付95万元，尚未拨付5万元。"],
    ["应付款项100万元，已付款项95万元，付款比例95%。"],
    ["应发放补助资金约100万元，已足额发放95万元。"],  # approximate due
    ["应发放补助资金100万元，已足额发放95万元，其余5万元下年发放。"],  # a remainder named
    # a part's arrival is over the part's budget; two budgets above are two readings
    ["项目预算100万元。", "中央资金80万元已全部到位，资金到位率100%。"],
    ["年初预算100万元，调整后预算90万元。", "实际到位资金90万元，资金到位率100%。"],
])
def test_paid_readings_that_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set()


@pytest.mark.parametrize(("lines", "old", "new", "finding"), PAID_CASES)
def test_paid_surfaces(lines: list[str], old: str, new: str, finding: tuple[str, str]) -> None:
    assert _errors(lines) == set()
    changed = [ln.replace(old, new, 1) for ln in lines]
    assert changed != lines
    assert finding in _errors(changed)


# --- the funds table (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分) -------------

_FUNDS_HEADER = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
_FUNDS_TABLES = {
    # every cell printed
    "full": [["项目资金（万元）", *_FUNDS_HEADER],
             ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"],
             ["其中：当年财政拨款", "100", "100", "95", "—", "—", "—"]],
    # the blank 年初预算数 dropped by the page's text (shared 040, 010: Yunnan 公开14表)
    "dropped": [["项目资金（万元）", *_FUNDS_HEADER],
                ["年度资金总额", "100", "95", "10", "95%", "9.5"],
                ["其中：当年财政拨款", "100", "95", "10", "95%", "9.5"]],
    # in 元, two decimals
    "yuan": [["项目资金（元）", *_FUNDS_HEADER],
             ["年度资金总额", "1000000.00", "1000000.00", "950000.00", "10", "95.00%", "9.5"]],
    # the header over two lines
    "two-line header": [["项目资金（万元）", "年初", "全年", "全年", "分值", "执行率", "得分"],
                        ["", "预算数", "预算数", "执行数", "", "", ""],
                        ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"]],
    # the transfer-payment form: lettered columns and the rate's formula (round 3, 134)
    "lettered": [["资金投入情况（万元）", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A×100%）"],
                 ["年度资金总额：", "100", "95", "95%"],
                 ["其中：中央财政资金", "100", "95", "95%"]],
}
_LAYOUTS = {
    "pipes": lambda rows: ["| " + " | ".join(c for c in r if c) + " |" for r in rows],
    "one cell per line": lambda rows: [c for r in rows for c in r if c],
    "spaces": lambda rows: ["  ".join(c for c in r if c) for r in rows],
    "tabs": lambda rows: ["\t".join(r) for r in rows],
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("shape", sorted(_FUNDS_TABLES))
def test_funds_table_rate_in_every_layout(shape: str, layout: str) -> None:
    lines = _LAYOUTS[layout](_FUNDS_TABLES[shape])
    assert _errors(lines) == set()
    rate = "95.00%" if shape == "yuan" else "95%"
    at = next(k for k, ln in enumerate(lines) if rate in ln)
    wrong = [*lines[:at], lines[at].replace(rate, "90%", 1), *lines[at + 1:]]
    assert ("rate-mismatch", "90") in _errors(wrong)


def test_dropped_cell_row_is_read_only_with_one_amount_missing() -> None:
    lines = ["| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             "| 年度资金总额 | 100 | 10 | 95% | 9.5 |"]  # two cells missing: which ones is not known
    assert _errors(lines) == set()
    assert _errors([lines[0], lines[1].replace("95%", "90%")]) == set()


def test_prose_rate_against_a_funds_table_printing_no_unit() -> None:
    table = ["| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             "| 年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5 |", ""]
    prose = "截至2023年12月31日，项目预算执行率为95%。"
    assert _errors([*table, prose]) == set()
    assert ("restated-mismatch", "90") in _errors([*table, prose.replace("95%", "90%")])


# --- funds-indicator: the indicator table's 预算执行率 and 成本 rows against the funds ---------

_INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施"]
_INDICATOR_ROWS = [
    ["产出指标", "数量指标", "培训人数", "≥100人", "100人", "20", "20", "无"],
    ["产出指标", "质量指标", "培训合格率", "≥95%", "98%", "20", "20", "无"],
    ["产出指标", "时效指标", "预算执行率", "100%", "95%", "10", "9.5", "无"],
    ["产出指标", "成本指标", "培训成本", "≤100万元", "95万元", "10", "10", "无"],
    ["效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", "20", "20", "无"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", "无"],
    ["总分", "", "", "", "", "100", "99", ""],
]
_FUNDS_ROWS = [["项目资金（万元）", *_FUNDS_HEADER], ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"]]
_PROSE_FUNDS = ["二、资金使用情况", "项目全年预算数100万元，全年执行数95万元，预算执行率95%。"]


def _changed(rows: list[list[str]], name: str, actual: str) -> list[list[str]]:
    return [[*r[:4], actual, *r[5:]] if r[2] == name else r for r in rows]


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("funds", ["table", "prose"])
def test_funds_indicators_against_the_funds_table_or_prose(funds: str, layout: str) -> None:
    as_lines = _LAYOUTS[layout]

    def doc(rows: list[list[str]]) -> list[str]:
        indicators = as_lines([_INDICATOR_HEADER, *rows])
        return [*as_lines(_FUNDS_ROWS), *indicators] if funds == "table" else [*_PROSE_FUNDS, *indicators]

    assert _errors(doc(_INDICATOR_ROWS)) == set()
    assert ("funds-indicator-mismatch", "90") in _errors(doc(_changed(_INDICATOR_ROWS, "预算执行率", "90%")))
    assert ("funds-indicator-mismatch", "98") in _errors(doc(_changed(_INDICATOR_ROWS, "培训成本", "98万元")))
    # a cost below the amount spent is one part of it: silent
    assert _errors(doc(_changed(_INDICATOR_ROWS, "培训成本", "60万元"))) == set()


def test_prose_funds_stated_twice_differently_compare_nothing() -> None:
    prose = ["甲子项目全年执行数95万元，预算执行率95%。", "乙子项目全年执行数50万元，预算执行率50%。"]
    rows = _LAYOUTS["pipes"]([_INDICATOR_HEADER, *_changed(_INDICATOR_ROWS, "预算执行率", "90%")])
    assert not any(code == "funds-indicator-mismatch" for code, _ in _errors([*prose, *rows]))


# --- lettered headers: each rate's formula names its columns (B/A×100%, D/C, E/C) ------------

_LETTERED = {
    # 到位率 and 执行率 over the budget (the provincial forms)
    "two rates": [["资金投入情况（万元）", "全年预算数（A）", "全年到位数（B）", "到位率（B/A×100%）",
                   "全年执行数（C）", "执行率（C/A×100%）"],
                  ["年度资金总额", "100", "100", "100%", "95", "95%"],
                  ["其中：中央资金", "80", "80", "100%", "76", "95%"]],
    # 四川 (round 3, 126): a row number, an optional column left blank and dropped (B)
    "optional column dropped": [["行次", "全年预算数（A）", "统筹整合资金数（B）",
                                 "扣除统筹整合资金后预算金额（C）", "全年到位资金（D）",
                                 "预算到位（D/C×100%）", "全年执行资金（E）", "预算执行（E/C×100%）"],
                                ["年度资金总额（万元）：", "1", "52.800000", "52.800000", "52.800000",
                                 "100.00%", "30.800000", "58.33%"]],
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("shape", sorted(_LETTERED))
def test_lettered_rates_in_every_layout(shape: str, layout: str) -> None:
    rows = _LETTERED[shape]
    lines = _LAYOUTS[layout](rows)
    assert _errors(lines) == set()
    last = rows[1][-1]
    wrong_rate = _LAYOUTS[layout]([rows[0], [*rows[1][:-1], "90.00%" if "." in last else "90%"],
                                   *rows[2:]])
    assert ("rate-mismatch", "90.00" if "." in last else "90") in _errors(wrong_rate)
    # the numerator of the last rate (the cell before it) changed
    wrong_operand = _LAYOUTS[layout]([rows[0], [*rows[1][:-2], "40.800000" if "." in last else "85",
                                                rows[1][-1]], *rows[2:]])
    assert any(code == "rate-mismatch" for code, _ in _errors(wrong_operand))


def test_lettered_row_missing_a_rate_or_a_used_column_says_nothing() -> None:
    header = ("| 全年预算数（A） | 全年到位数（B） | 到位率（B/A×100%） | 全年执行数（C） "
              "| 执行率（C/A×100%） |")
    # one rate printed of two: which is which is not known
    assert _errors([header, "| 年度资金总额 | 100 | 100 | 95 | 90% |"]) == set()
    # 全年到位数 blank and dropped: C/A can no longer be placed
    assert _errors([header, "| 年度资金总额 | 100 | 100% | 95 | 90% |"]) == set()


@pytest.mark.parametrize(("prose", "finding"), [
    ("截至年底，项目实际支出95万元。", None),
    ("截至年底，项目实际支出90万元。", ("restated-mismatch", "90")),
    ("全年实际支出900000.00元。", ("restated-mismatch", "900000.00")),
    ("项目预算执行率为95%。", None),
    ("项目预算执行率为90%。", ("restated-mismatch", "90")),
    ("时效指标中，预算执行率实际完成90%，得分9分。", ("restated-mismatch", "90")),
    ("预算执行率：90%", ("restated-mismatch", "90")),
    ("预算执行率目标值100%。", None),  # the indicator's target, not the rate
    ("其中培训费实际支出5万元。", None),  # an item's spending
    ("中央资金实际支出76万元。", None),  # a part's
    ("实际支出约90万元。", None),  # approximate
])
def test_prose_against_the_funds_table(prose: str, finding: tuple[str, str] | None) -> None:
    table = ["项目资金（万元）", "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             "| 年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5 |", ""]
    assert _errors([*table, prose]) == ({finding} if finding else set())
    # two projects' funds tables: which one the prose restates is not said
    other = ["项目资金（万元）", "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             "| 年度资金总额 | 50 | 50 | 45 | 10 | 90% | 9 |", ""]
    assert _errors([*table, *other, prose]) == set()


# --- plain tables with a rate column (项目 | 预算数 | 执行数 | 执行率 …) ---------------------------

_RATE_TABLES = [
    ["项目", "预算数（万元）", "执行数（万元）", "执行率"],
    ["项目名称", "预算金额", "实际支出", "执行率"],
    ["资金来源", "预算数", "实际支出", "支出进度"],
    ["项目", "年初预算", "调整后预算", "实际支出", "预算执行率"],
    ["序号", "项目名称", "预算资金（万元）", "已支付（万元）", "支付率"],
    ["项目", "计划数", "完成数", "完成率"],
    ["项目", "合同金额（万元）", "已支付（万元）", "支付比例（%）"],
]
_ROW_LAYOUTS = {"pipes": lambda r: "| " + " | ".join(r) + " |", "spaces": "  ".join,
                "tabs": "\t".join}


def _rate_rows(header: list[str], whole: str, part: str, rate: str) -> list[str]:
    n = len(header)
    cells = ["1", "甲项目"] if header[0] == "序号" else ["甲项目"]
    cells += [whole] * (n - len(cells) - 2) + [part]
    return [*cells, rate.rstrip("%") if "（%）" in header[-1] else rate]


@pytest.mark.parametrize("layout", sorted(_ROW_LAYOUTS))
@pytest.mark.parametrize("header", _RATE_TABLES, ids=lambda h: "|".join(h))
def test_rate_column_tables(header: list[str], layout: str) -> None:
    row = _ROW_LAYOUTS[layout]
    table = [row(header), row(_rate_rows(header, "100", "95", "95%")),
             row(_rate_rows(header, "200", "190", "95%"))]
    assert _errors(table) == set()
    wrong_rate = [table[0], row(_rate_rows(header, "100", "95", "90%")), table[2]]
    assert ("rate-mismatch", "90") in _errors(wrong_rate)
    wrong_part = [table[0], table[1], row(_rate_rows(header, "200", "180", "95%"))]
    assert ("rate-mismatch", "95") in _errors(wrong_part)


@pytest.mark.parametrize("title", [[], ["表3 项目支出执行情况"]])
@pytest.mark.parametrize("header", _RATE_TABLES, ids=lambda h: "|".join(h))
def test_rate_column_tables_one_cell_per_line(header: list[str], title: list[str]) -> None:
    def doc(*rows: list[str]) -> list[str]:
        return [*title, *header, *(c for r in rows for c in r), "", "二、绩效目标完成情况"]

    ok1, ok2 = _rate_rows(header, "100", "95", "95%"), _rate_rows(header, "200", "190", "95%")
    assert _errors(doc(ok1, ok2)) == set()
    assert ("rate-mismatch", "90") in _errors(doc(_rate_rows(header, "100", "95", "90%"), ok2))
    assert ("rate-mismatch", "95") in _errors(doc(ok1, _rate_rows(header, "200", "180", "95%")))


@pytest.mark.parametrize("table", [
    # a growth rate, a share of the column's total: no ratio of two cells of the row
    ["| 项目 | 上年支出 | 本年支出 | 增长率 |", "| 甲 | 100 | 95 | -5% |"],
    ["| 项目 | 预算数 | 执行数 | 占比 |", "| 甲 | 100 | 95 | 40% |"],
    # no column the rate's name relates to
    ["| 单位 | 编制数 | 在职人数 | 达标率 |", "| 甲 | 46 | 50 | 90% |"],
    # completion capped at 100 %; a target where less is better
    ["| 任务 | 计划数 | 完成数 | 完成率 |", "| 甲 | 100 | 120 | 100% |"],
    ["| 指标 | 目标值 | 实际完成值 | 完成率 |", "| 成本 | ≤100 | 80 | 100% |"],
    # a fraction under no (%) header
    ["| 项目 | 预算数 | 执行数 | 执行率 |", "| 甲 | 100 | 95 | 0.95 |"],
    # a row with a blank cell dropped: cells no longer under their columns
    ["项目  预算数  执行数  执行率", "甲  95  95%"],
])
def test_rate_column_tables_that_stay_silent(table: list[str]) -> None:
    assert _errors(table) == set()


@pytest.mark.parametrize(("unit", "executed", "prose", "finding"), [
    ("亿元", "1.14", "全年执行数11400万元。", None),
    ("亿元", "1.14", "全年执行数11000万元。", ("restated-mismatch", "11000")),  # not 1.1亿元
    ("元", "1143512.34", "全年执行数114.35万元。", None),  # rounded for the prose
    ("元", "1143512.34", "全年执行数110.35万元。", ("restated-mismatch", "110.35")),
    ("万元", "114.35", "全年执行数1143500元。", None),
    ("万元", "114.35", "全年执行数1103500元。", ("restated-mismatch", "1103500")),
])
def test_prose_amount_against_the_table_in_another_unit(
        unit: str, executed: str, prose: str, finding: tuple[str, str] | None) -> None:
    table = [f"项目资金（{unit}）", "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             f"| 年度资金总额 | 120 | 120 | {executed} | 10 | 95% | 9.5 |", ""]
    if unit == "亿元":
        table[2] = "| 年度资金总额 | 1.2 | 1.2 | 1.14 | 10 | 95% | 9.5 |"
    elif unit == "元":
        table[2] = f"| 年度资金总额 | 1200000 | 1200000 | {executed} | 10 | 95% | 9.5 |"
    assert _errors([*table, prose]) == ({finding} if finding else set())


def test_staff_control_rate_of_the_department_form() -> None:
    """财政供养人员情况 of the 部门整体支出绩效自评表: 实际在职人数 ÷ 编制数 (round 3, 106), one
    cell per paragraph with blank lines between, a header cell naming the year."""
    lines = ["财政供养人员情况(人", "", "编制数", "", "2023 年实际在职人数", "", "控制率", "", "46", "",
             "50", "", "108.70%", "", "经费控制情况(万元"]
    assert _errors(lines) == set()
    assert ("rate-mismatch", "141.31") in _errors([*lines[:12], "141.31%", *lines[13:]])
    assert ("rate-mismatch", "108.70") in _errors(["| 单位 | 编制数 | 实有人数 | 控制率 |",
                                                   "| 甲 | 50 | 46 | 108.70% |"])


@pytest.mark.parametrize("rate", ["95%", "90%"])
def test_rate_tables_read_from_html_docx_and_xlsx(tmp_path: Path, rate: str) -> None:
    """The readers turn a table into rows of cells (html parts them by blank lines)."""
    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    rows = [["项目", "预算数（万元）", "执行数（万元）", "执行率"], ["甲项目", "100", "95", rate],
            ["乙项目", "200", "190", "95%"]]
    (tmp_path / "t.html").write_text("<p>表1</p><table>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>",
        encoding="utf-8")
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    document.save(str(tmp_path / "t.docx"))
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    book.save(str(tmp_path / "t.xlsx"))
    for name in ("t.html", "t.docx", "t.xlsx"):
        (audit,) = audit_files([tmp_path / name])
        errors = {(f.code, str(f.stated)) for f in audit.findings if f.severity is Severity.ERROR}
        assert errors == (set() if rate == "95%" else {("rate-mismatch", "90")}), name
