"""Prose relations written for the genre's families of wordings (issue 10, i12r).

Each relation is tried in several of the wordings 项目支出绩效自评报告 use for it — the order of
names and values, the marker word, the layout over lines — with a consistent variant that must
stay silent and an inconsistent one that must be found. The wordings come from the forms'
资金来源 (中央/省级/市县/其他) told in prose and from the 资金使用情况 paragraphs of several
reports (root 003, round 3 153, 419, 426; the dev texts of docs/audit.md).
"""

from __future__ import annotations

import pytest

from jixiao.domain.findings import Severity
from jixiao.services.figure_audit import audit_lines


def _found(lines: list[str] | str) -> set[tuple[str, str, str]]:
    text = [lines] if isinstance(lines, str) else lines
    return {(f.code, str(f.stated), "E" if f.severity is Severity.ERROR else "w")
            for f in audit_lines(text)}


def _errors(lines: list[str] | str) -> set[tuple[str, str]]:
    return {(code, stated) for code, stated, sev in _found(lines) if sev == "E"}


# --- sum: the funding levels named first, their values after 分别… ------------------------------

@pytest.mark.parametrize("template", [
    "项目资金{t}万元，中央、省、县级资金分别为{a}万元、{b}万元、{c}万元。",
    "下达资金{t}万元，中央、省级和县级资金分别为{a}万元、{b}万元、{c}万元。",
    "项目总投资{t}万元，中央财政、省财政、县财政分别补助{a}万元、{b}万元、{c}万元。",
    "项目资金{t}万元，中央、省、市级分别安排{a}万元、{b}万元、{c}万元",  # no 。 at the end
])
def test_sources_named_before_their_values(template: str) -> None:
    good = template.format(t="100", a="60", b="30", c="10")
    assert _found(good) == set(), good
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="60", b="30", c="20"))
    # short of the whole: a level left unnamed may have given the rest — a warning
    assert ("sum-mismatch", "100", "w") in _found(template.format(t="100", a="60", b="30", c="5"))


@pytest.mark.parametrize("text", [
    "总额100万元，预算、执行分别为100万元、95万元。",  # quantities, not recipients
    "下达资金100万元，年初、调整后分别为100万元、120万元。",
    "项目资金100万元，其中中央、省、县级资金分别为60万元、30万元、5万元。",  # 其中: some of it
    "项目资金100万元，中央、省级资金分别为60万元、30万元，县级配套10万元。",
])
def test_paired_names_that_leave_the_whole_open_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: uses each opened by 用于, 含 and 由…构成 ----------------------------------------------

@pytest.mark.parametrize("template", [
    "项目资金{t}万元，其中用于设备购置方面{a}万元，用于培训方面{b}万元，用于宣传方面{c}万元。",
    "项目资金{t}万元，用于设备购置{a}万元，用于人员培训{b}万元，用于宣传{c}万元。",
    "项目资金{t}万元，主要用于设备购置{a}万元，用于人员培训{b}万元，用于宣传{c}万元。",
    "项目总投资{t}万元，含中央资金{a}万元、省级资金{b}万元、县级资金{c}万元。",
    "项目总预算{t}万元，由中央资金{a}万元、省级资金{b}万元、县级资金{c}万元构成。",
    "项目总预算{t}万元，由中央资金{a}万元、省级资金{b}万元和县级资金{c}万元组成",
    # a colon right after the total, 一是 opening the clause, 一是 after a marker's words
    "全年共支出{t}万元：设备购置{a}万元，人员培训{b}万元，宣传{c}万元。",
    "项目资金{t}万元，一是设备购置{a}万元；二是人员培训{b}万元；三是宣传{c}万元。",
    "项目资金{t}万元，主要用于以下方面：一是设备购置{a}万元；二是人员培训{b}万元；三是宣传{c}万元。",
    "项目资金{t}万元，其中：一是设备购置{a}万元；二是人员培训{b}万元；三是宣传{c}万元",
])
def test_breakdown_markers_of_the_genre(template: str) -> None:
    good = template.format(t="100", a="60", b="30", c="10")
    assert _errors(good) == set(), good
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="60", b="30", c="20"))


def test_built_of_is_exhaustive_and_contains_is_not() -> None:
    # 由…构成 names every part: short of the whole is an error; 含 may name some only
    assert ("sum-mismatch", "100") in _errors(
        "项目总预算100万元，由中央资金60万元、省级资金30万元和县级资金5万元组成。")
    assert _errors("项目总投资100万元，含中央资金60万元、省级资金30万元。") == set()


@pytest.mark.parametrize("text", [
    "合同金额100万元（含税），已支付60万元。",
    "合同金额100万元，含税，已支付60万元，尚未支付40万元。",
    "下达资金100万元，由县财政局拨付60万元，剩余40万元年底拨付。",
    "其中：30万元用于预算编制；30万元用于审计。",
    # a colon after a figure that is no total: a time, a list of results
    "截至2022年12月31日：已支付60万元，尚未支付40万元。",
    "培训120人：其中合格118人。",
])
def test_marker_words_in_other_senses_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: the total ends its paragraph, the breakdown opens the next line ----------------------

@pytest.mark.parametrize("lines", [
    ["项目资金总额{t}万元。", "其中中央资金{a}万元，省级资金{b}万元，县级资金{c}万元。"],
    ["项目资金总额{t}万元。", "", "其中：中央资金{a}万元，省级资金{b}万元，县级资金{c}万元。"],
    ["2022年下达资金{t}万元：", "其中中央资金{a}万元，省级资金{b}万元，县级资金{c}万元"],
    ["全年支出{t}万元。", "分别为人员经费{a}万元、公用经费{b}万元、项目支出{c}万元。"],
])
def test_breakdown_on_the_line_after_its_total(lines: list[str]) -> None:
    def fill(**v: str) -> list[str]:
        return [ln.format(**v) for ln in lines]

    assert _errors(fill(t="100", a="60", b="30", c="10")) == set()
    found = [f for f in audit_lines(fill(t="100", a="60", b="30", c="20"))
             if f.severity is Severity.ERROR]
    # reported on the total's line
    assert [(f.code, str(f.stated), f.line) for f in found] == [("sum-mismatch", "100", 1)]


@pytest.mark.parametrize("lines", [
    # the paragraph before ends on the last part of its own list, not on a whole
    ["下达资金100万元，其中中央资金60万元，省级资金40万元。",
     "其中中央资金用于设备30万元，省级资金用于培训40万元。"],
    # it ends in words: what the 其中 breaks down is not said
    ["项目资金总额100万元，已全部到位。", "其中中央资金60万元，省级资金30万元，县级资金20万元。"],
    # a form's cells printed one per line (the 按支出性质分 block)
    ["其中: 一般公共预算:1325.68", "其中:基本支出:1900.47"],
])
def test_lines_that_are_no_total_and_its_breakdown_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- count: spaced counts, the last item joined by 和/及, nouns of two kinds --------------------

@pytest.mark.parametrize("template", [
    "涉及 {n} 个乡镇，即甲镇、乙镇、丙镇。",  # PDF text spaces a count from its number
    "涉及{n} 个乡镇：甲镇、乙镇、丙镇。",
    "设置一级指标{n}个，分别为产出指标、效益指标和满意度指标。",  # 和 joins the last item
    "下设{n}个科室：办公室、财务科及业务科。",
    "项目惠及甲镇、乙镇和丙镇{n}个乡镇。",  # the list first; 惠及's 及 joins nothing
    "内设办公室、财务股、业务股{n}个股室。",  # the counted noun names both kinds
])
def test_count_wordings_of_the_genre(template: str) -> None:
    assert _errors(template.format(n=3)) == set(), template
    assert ("count-mismatch", "5") in _errors(template.format(n=5)), template


@pytest.mark.parametrize("text", [
    "共有2个单位：财政局、住房和城乡建设局。",  # 和 may be part of one name
    "涉及4个部门：财政局、住房和城乡建设局、人力资源和社会保障局。",  # names holding 和
    "涉及5个部门：财政局、住房和城乡建设局、人力资源和社会保障局。",
    "全县共 3 个人参加",  # 个人 is no count of persons
])
def test_count_readings_that_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- restated: the subject and the year in front of a name, in either order ---------------------

@pytest.mark.parametrize("lines", [
    # 该项目资金 is 项目资金 (资金 alone names nothing)
    ["该项目资金{a}万元，用于道路建设。", "该项目资金{b}万元已全部拨付。"],
    ["本项目资金{a}万元，用于道路建设。", "二、资金使用情况", "本项目资金{b}万元已全部拨付。"],
    # the subject before the year (本项目2022年度预算资金): the one year the report names
    ["本项目2022年度预算资金{a}万元。", "项目预算资金{b}万元已全部拨付。",
     "本项目预算资金{a}万元，实际支出95万元。"],
])
def test_restated_names_behind_subject_and_year(lines: list[str]) -> None:
    assert _errors([ln.format(a="100", b="100") for ln in lines]) == set()
    assert ("restated-mismatch", "120") in _errors([ln.format(a="100", b="120") for ln in lines])


@pytest.mark.parametrize("lines", [
    # two years: two budgets
    ["本项目2021年度预算资金100万元。", "本项目2022年度预算资金120万元。"],
    # two projects' headings
    ["（一）甲项目", "该项目资金100万元，用于道路建设。",
     "（二）乙项目", "该项目资金120万元，用于桥梁建设。"],
])
def test_restated_names_of_two_quantities_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- restated: the project's funds said to be paid or used in full ------------------------------

@pytest.mark.parametrize("lines", [
    ["该项目2020年度财政资金{a}万元，其中村级办公经费56万元，村干工资{r}万元。",
     "该项目资金{b}万元全部用于保障村级办公正常运转。"],
    ["一、项目概况", "2022年下达专项资金{a}万元，用于道路建设。", "二、资金使用情况",
     "专项资金{b}万元已全额拨付到位"],
    ["本项目预算{a}万元。", "项目资金{b}万元均已全部支付。"],
])
def test_funds_said_to_be_paid_in_full_restate_the_whole(lines: list[str]) -> None:
    def fill(b: str) -> list[str]:
        return [ln.format(a="270.21", b=b, r="214.21") for ln in lines]

    assert _errors(fill("270.21")) == set()
    assert ("restated-mismatch", "229.68") in _errors(fill("229.68"))


def test_a_kind_of_funds_paid_in_full_below_the_whole_is_a_warning() -> None:
    # 乡村振兴衔接资金 may be the whole's part (other funds make the rest, round 3 118): below
    # the project's funds a warning, above them (a part above its whole) an error
    lines = ["我县2022年项目计划投资{a}万元。", "乡村振兴衔接资金{b}万元目前已全部拨付。",
             "项目资金共{a}万元，已完成拨付2113.63万元。"]
    def fill(b: str) -> list[str]:
        return [ln.format(a="2179", b=b) for ln in lines]

    assert _found(fill("2179")) == set()
    assert ("restated-mismatch", "1852", "w") in _found(fill("1852"))
    assert ("restated-mismatch", "2500") in _errors(fill("2500"))


@pytest.mark.parametrize("lines", [
    # a part, a source, a batch said to be paid in full
    ["下达资金100万元，其中村级办公经费56万元。", "村级办公经费56万元已全部拨付。"],
    ["下达资金100万元。", "中央资金60万元已全部拨付。"],
    ["下达资金100万元。", "第一批资金60万元已全部拨付。"],
    # a multi-year investment is not the year's funds
    ["项目总投资500万元。", "本年度项目资金100万元已全部拨付。"],
    # an adjusted budget has two values
    ["年初预算资金100万元，追加20万元。", "项目资金120万元已全部拨付。"],
    # the year's funds of two years
    ["2021年下达资金100万元。", "2022年项目资金120万元已全部拨付。"],
])
def test_parts_and_other_wholes_paid_in_full_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- product: per pupil/school/village, 人均 named first, the funds in the sentence before --------

@pytest.mark.parametrize("template", [
    "资助困难学生200人，资助标准为每生每年2000元，共资助{t}万元。",
    "资助困难学生200名，每生资助2000元，发放资助金{t}万元。",
    "覆盖20个村，每村补助2万元，共{t}万元。",
    "新建学校20所，每校补助2万元，共{t}万元。",
    "人均补助2000元，共补助200人，发放资金{t}万元。",  # 人均 before its count
    "按人均2000元标准补助200人，共{t}万元。",
    "购置单价2000元的电脑200台，共计{t}万元。",  # 单价 before its count
    "采购电脑200台，金额{t}万元，单价2000元。",  # the amount named before the price
    # the funds in the sentence before the target and its standard (round 3 412)
    "2023年下达财政衔接资金{t}万元，用于优质小麦种植补贴项目。对全县20个乡镇种植的优质小麦"
    "共计4000亩进行补贴，按照每人每亩100元的小麦种植补贴标准发放。",
])
def test_product_wordings_of_the_genre(template: str) -> None:
    assert _errors(template.format(t="40")) == set(), template
    assert ("product-mismatch", "50") in _errors(template.format(t="50")), template


def test_funds_linked_by_the_subsidy_word_only_may_pay_for_more() -> None:
    # 补贴资金 … 补贴标准 without the purpose named alike: funds above the product may pay for
    # more (a warning); below it they cannot pay the standard (an error)
    text = "下达补贴资金{t}万元，用于小麦种植补贴。补贴面积4000亩，补贴标准每亩100元。"
    assert _found(text.format(t="40")) == set()
    assert ("product-mismatch", "50", "w") in _found(text.format(t="50"))
    assert ("product-mismatch", "30") in _errors(text.format(t="30"))


@pytest.mark.parametrize("text", [
    # what is left over after the product is no product
    "补贴面积28000亩，补贴标准每亩100元，剩余资金20万元用于工作经费。",
    # a second per-unit amount (its /村 dropped by the figure reader) is no product (round 3 472)
    "按照明年的任务70个行政村,每村4400元,市级需配套704元/村。",
    "覆盖70个行政村，每村4400元，其中市级配套704元。",
    "下达补助资金100万元，用于困难学生资助。资助学生200人，每生补助2000元，其余60万元用于改善办学条件。",
    # the sentence before names other funds, or a part of them, or no subsidy
    "下达资金350万元，用于道路建设。对28000亩小麦按每亩100元进行补贴。",
    "下达资金350万元。对28000亩小麦进行补贴，按照每亩100元的标准发放。",
    "下达小麦种植补贴资金350万元，其中中央资金200万元。对28000亩小麦按每亩100元标准发放小麦种植补贴。",
    # two counts a 人均 price may be of
    "人均补助1000元，补助100人，另慰问50人，发放资金15万元。",
])
def test_products_that_are_not_said_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- restated: what the level above allocated, under a longer and a shorter name ------------------

@pytest.mark.parametrize("lines", [
    ["（一）中央下达水利发展资金预算和绩效目标情况",
     "根据通知，下达金凤区中央财政水利发展资金{a}万元，用于高效节水灌溉工程。",
     "（二）预算和绩效目标分解情况", "按照文件要求，下达到金凤区高效节水灌溉工程，下达资金{b}万元。"],
    ["上级下达的补助资金总额{a}万元，对设施农业受灾情况进行补助。",
     "（二）项目资金投入情况", "上级下达中央农业防灾减灾资金总额{b}万元，主要用于受灾温室整修。"],
])
def test_allocation_restated_under_two_names(lines: list[str]) -> None:
    assert _found([ln.format(a="1785", b="1785") for ln in lines]) == set()
    # the two names read as one quantity: named by a finding either way …
    assert any(code == "restated-mismatch" and stated == "2142"
               for code, stated, _ in _found([ln.format(a="1785", b="2142") for ln in lines]))


def test_allocation_of_a_kind_above_the_generic_name_is_an_error() -> None:
    # … an error where no reading makes the kind's amount (中央…水利发展资金) a part of the funds
    # allocated (下达资金): a part above its whole; the generic name above the kind may hold
    # another level's money too — a warning
    lines = ["（一）中央下达水利发展资金预算和绩效目标情况",
             "根据通知，下达金凤区中央财政水利发展资金{a}万元，用于高效节水灌溉工程。",
             "（二）预算和绩效目标分解情况", "按照文件要求，下达到金凤区高效节水灌溉工程，下达资金{b}万元。"]
    assert ("restated-mismatch", "1500") in _errors([ln.format(a="1785", b="1500") for ln in lines])
    assert ("restated-mismatch", "2142", "w") in _found([ln.format(a="1785", b="2142") for ln in lines])


@pytest.mark.parametrize("lines", [
    # two components, each named
    ["下达道路建设资金100万元。", "下达桥梁建设资金80万元。"],
    # two levels' allocations; one level's part of the whole
    ["下达中央资金100万元。", "下达省级资金80万元。"],
    ["下达资金100万元。", "下达中央资金60万元。"],
    ["下达中央资金60万元。", "（二）资金使用", "下达资金100万元。"],
    # a batch, what was allocated so far, a plan
    ["下达资金100万元。", "目前已下达资金80万元。"],
    ["下达资金100万元。", "第一批下达资金80万元。"],
    # two years
    ["2021年下达资金100万元。", "2022年下达资金80万元。"],
])
def test_allocations_of_two_quantities_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- sum: the items numbered one per line after the marker -----------------------------------

@pytest.mark.parametrize("lines", [
    ["全年共支出{t}万元，其中：", "1.设备购置{a}万元；", "2.人员培训{b}万元；", "3.宣传{c}万元。"],
    ["全年共支出{t}万元，具体如下：", "", "一是设备购置{a}万元。", "", "二是人员培训{b}万元。",
     "", "三是宣传{c}万元。"],
    ["项目资金{t}万元，主要用于：", "（1）设备购置{a}万元", "（2）人员培训{b}万元", "（3）宣传{c}万元",
     "三、绩效目标完成情况"],
])
def test_parts_numbered_on_the_lines_after_the_marker(lines: list[str]) -> None:
    def fill(**v: str) -> list[str]:
        return [ln.format(**v) for ln in lines]

    assert _errors(fill(t="100", a="60", b="30", c="10")) == set()
    found = [(f.code, str(f.stated), f.line) for f in audit_lines(fill(t="100", a="60", b="30", c="20"))
             if f.severity is Severity.ERROR]
    assert found == [("sum-mismatch", "100", 1)]


@pytest.mark.parametrize("lines", [
    # the numbered lines are the report's next sections, not items with amounts
    ["全年共支出100万元，具体如下：", "（一）资金使用情况", "1.设备购置60万元，已支付50万元；",
     "2.人员培训80万元，已支付80万元。"],
    # one item only
    ["项目资金100万元，其中：", "1.设备购置160万元。"],
])
def test_numbered_lines_that_are_no_breakdown_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- restated: an output stated twice, neither time as a target (a warning) ---------------------

@pytest.mark.parametrize("lines", [
    ["一、项目概况", "全年共培训农民{a}人次。", "二、绩效目标完成情况",
     "全年共培训农民{b}人次，培训合格率100%。"],
    ["一、项目概况", "项目覆盖建档立卡贫困户{a}户。", "二、产出", "项目覆盖建档立卡贫困户{b}户"],
    ["一、项目概况", "新建道路{a}公里。", "二、产出", "新建道路{b}公里。"],
])
def test_output_stated_twice_is_a_warning(lines: list[str]) -> None:
    assert _found([ln.format(a="120", b="120") for ln in lines]) == set()
    assert ("restated-mismatch", "150", "w") in _found([ln.format(a="120", b="150") for ln in lines])


@pytest.mark.parametrize("lines", [
    # a target and what was done
    ["一、年度绩效目标", "新建道路120公里。", "二、产出", "新建道路150公里。"],
    ["项目计划新建道路120公里。", "新建道路150公里。"],
    ["新建道路不少于120公里。", "新建道路150公里。"],
])
def test_a_target_and_its_outcome_are_not_one_quantity(lines: list[str]) -> None:
    assert _found(lines) == set(), lines


# --- sum: the forms' partitions name every part ---------------------------------------------

@pytest.mark.parametrize(("template", "short"), [
    ("2021年我局预算支出为{t}万元。其中,基本支出{a}万元,项目支出{b}万元。", "E"),  # round 3 170
    ("部门预算总金额 {t} 万元其中:基本支出 {a} 万元,项目支出 {b} 万元。", "E"),  # round 3 401
    ("基本支出{t}万元，其中人员经费{a}万元，公用经费{b}万元。", "E"),
    ("基本支出{t}万元，人员经费{a}万元、公用经费{b}万元", "E"),  # no marker
    # a 决算's 支出 also holds 上缴上级支出, 经营支出…: short of it only a doubt
    ("2022年度支出总计{t}万元，其中基本支出{a}万元，项目支出{b}万元。", "w"),
    ("2022年度支出总计{t}万元，基本支出{a}万元，项目支出{b}万元。", "w"),
])
def test_partitions_of_the_forms_are_exhaustive(template: str, short: str) -> None:
    assert _found(template.format(t="100", a="60", b="40")) == set(), template
    # short of the whole: the partition leaves nothing out (a budget's, 基本支出's)
    assert ("sum-mismatch", "100", short) in _found(template.format(t="100", a="60", b="30")), template
    # above it: wrong on every reading
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="60", b="50")), template


@pytest.mark.parametrize("text", [
    "项目资金100万元，其中人员经费40万元，公用经费10万元。",  # 人员/公用 of the 基本支出 only
    "下达资金100万元，其中基本支出40万元，项目支出10万元。",  # funds, not the year's spending
    "本年支出合计100万元，其中：工资福利支出50万元，商品和服务支出30万元。",  # some kinds only
    "下达资金100万元，基本支出40万元，项目支出10万元。",
    "2022年度支出总计100万元，基本支出为约60万元，项目支出30万元。",
    # the 决算's other kinds go on after the partition
    "财政拨款支出100万元，基本支出60万元，项目支出30万元，其他资金支出10万元。",
    # 人员经费 and 公用经费 after 项目支出 are the 基本支出's
    "支出总计100万元，基本支出60万元，项目支出40万元，其中人员经费50万元，公用经费10万元。",
])
def test_lists_that_are_no_partition_may_fall_short(text: str) -> None:
    assert _errors(text) == set(), text


# --- product chains: a per-unit figure printed after a slash; a per-unit quantity is no quantity --

@pytest.mark.parametrize("template", [
    "种植30亩，每亩产量2吨，单价500元/吨，实现收入{t}万元。",
    "种植30亩，亩产2吨，按500元/吨计算，实现产值{t}万元。",
])
def test_chain_through_a_slashed_price(template: str) -> None:
    # main reported the consistent sentence: 2吨 × 500元/吨 read as price × quantity
    assert _found(template.format(t="3")) == set(), template
    assert ("product-mismatch", "4") in _errors(template.format(t="4")), template


# --- main's false alarms found by the consistent variants ------------------------------------

@pytest.mark.parametrize("lines", [
    # a payment's list after the 其中 list: its 省级资金 is another amount
    ["下达资金100万元，其中中央资金60万元，省级资金40万元，已拨付中央资金60万元，省级资金30万元。"],
    # counts run together: the list is of the 乡镇, not the 村
    ["共涉及3个乡镇12个村，分别为甲镇、乙镇、丙镇。"],
    # prices listed before a 共计 of quantities × prices are no parts of it
    ["采购电脑10台、打印机5台，单价分别为5000元、2000元，共计6万元。"],
    # an amount paid in full whose sentence names the rest is a part
    ["一、项目概况", "项目资金100万元，用于道路建设。", "二、资金使用情况",
     "专项资金50万元已全部拨付，其余50万元为自筹。"],
])
def test_consistent_genre_sentences_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


def test_counts_run_together_still_checked() -> None:
    assert ("count-mismatch", "12") in _errors(["共涉及4个乡镇12个村，分别为甲镇、乙镇、丙镇。"])


def test_a_part_named_after_a_standard_is_still_a_part() -> None:
    assert ("sum-mismatch", "60") in _errors("标准化建设30万元、信息化建设20万元，合计60万元。")


# --- sum: a measure of the task between an amount and its breakdown ----------------------------

@pytest.mark.parametrize("template", [
    # round 3 457, the 资金分配 notices: amount, its task, then its parts
    "完善退耕还林政策兑现补助资金{t}万元，计划兑现面积1980亩，其中：粮食折现补贴13.84万元、现金补贴3.96万元。",
    "下达道路养护资金{t}万元，养护里程20公里，其中：日常养护13.84万元，专项养护3.96万元。",
])
def test_breakdown_after_the_task_of_its_amount(template: str) -> None:
    assert _errors(template.format(t="17.80")) == set()
    assert ("sum-mismatch", "15.66") in _errors(template.format(t="15.66"))


@pytest.mark.parametrize("text", [
    "下达资金100万元，完成道路5公里，其中水泥路3公里、沥青路2公里。",  # the 其中 is of the 公里
    "项目资金50万元，覆盖面积1000亩，其中中央资金30万元。",  # some parts only
])
def test_breakdowns_of_the_measure_stay_with_it(text: str) -> None:
    assert _errors(text) == set(), text


# --- count: items named each with its money after the count's colon --------------------------

@pytest.mark.parametrize("template", [
    "抽查到人到户项目{n}个:特色种养业奖补项目1500万元;扶贫小额贷款贴息项目2343.3万元。",  # round 3 448
    "下达资金{n}个项目：甲村道路项目100万元；乙村桥梁项目200万元",
])
def test_count_of_items_each_with_its_amount(template: str) -> None:
    assert _errors(template.format(n=2)) == set(), template
    assert ("count-mismatch", "5") in _errors(template.format(n=5)), template


@pytest.mark.parametrize("text", [
    "实施项目3个：甲项目100万元；乙项目200万元，已完工。",  # an item going on after its amount
    "财政专项扶贫项目抽查10个：抽查到人到户项目2个:特色种养业奖补项目1500万元;扶贫小额贷款贴息项目2343.3万元。",
    "实施项目3个：甲项目100万元；乙项目等200万元。",
])
def test_items_with_amounts_that_are_no_list_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


@pytest.mark.parametrize("lines", [
    # a payment at a moment, funds of two years, recipients' parts of the allocation
    ["一、项目基本情况", "2022年下达项目资金100万元。", "二、项目资金使用情况",
     "截至2022年6月，项目资金60万元已全部拨付到乡镇。"],
    ["预算资金100万元。", "项目资金120万元已全部拨付，其中上年结转20万元。"],
    ["下达资金100万元，用于道路。", "下达乡镇资金100万元。", "下达村级资金50万元。"],
    ["上级下达资金100万元。", "县级下达资金50万元。"],
])
def test_restatements_of_other_moments_and_parts_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


def test_an_output_partly_done_is_no_restatement() -> None:
    assert _found(["二、产出情况", "新建道路5公里。", "三、存在问题", "新建道路2公里尚未验收。"]) == set()


# --- false alarms found by consistent genre sentences (i12v) ------------------------------------

@pytest.mark.parametrize(("good", "bad"), [
    # an exhaustive list (由…构成, 分别用于, the forms' partition) whose sentence names the rest
    # it leaves out — without its figure or in a remark — falls short by what it says
    ("项目总投资100万元，由中央资金60万元、省级资金30万元构成，其余由县级自筹。",
     "项目总投资100万元，由中央资金60万元、省级资金30万元构成。"),
    ("2022年度部门预算总金额100万元，其中：基本支出60万元，项目支出30万元（不含上年结转10万元）。",
     "2022年度部门预算总金额100万元，其中：基本支出60万元，项目支出30万元。"),
    ("项目资金100万元，分别用于甲村60万元、乙村30万元，剩余资金结转下年使用。",
     "项目资金100万元，分别用于甲村60万元、乙村30万元。"),
])
def test_an_exhaustive_list_naming_what_it_leaves_out(good: str, bad: str) -> None:
    assert _errors(good) == set(), good
    assert ("sum-mismatch", "100") in _errors(bad), bad
    # naming the rest does not excuse parts above the whole
    assert ("sum-mismatch", "100") in _errors(
        "项目资金100万元，分别用于甲村60万元、乙村50万元，其余结转下年使用。")


def test_a_price_per_term_or_a_levels_share_is_no_product() -> None:
    # per 学期/季度/次: how many of them a year holds is not said
    assert _errors("补助学生100人，每生每学期500元，全年补助10万元。") == set()
    assert ("product-mismatch", "12") in _errors("补助学生100人，每生每年1000元，共补助12万元。")
    # one level's share of what the price comes to; the other levels may pay the rest
    assert _errors("覆盖70个行政村，每村补助4400元，中央资金20万元。") == set()
    assert _errors("覆盖70个行政村，每村补助4400元，县级配套资金20万元。") == set()
    assert ("product-mismatch", "20") in _errors("覆盖70个行政村，每村补助4400元，补助资金20万元。")


@pytest.mark.parametrize(("good", "bad"), [
    # two batches of one programme's allocation, the batch named in a remark
    (["下达中央财政水利发展资金100万元（第一批）。", "下达资金40万元（第二批）。"],
     ["下达中央财政水利发展资金100万元。", "下达资金40万元。"]),
    # another amount allocated beside the funds (另下达) restates nothing
    (["下达资金100万元。", "下达资金100万元，另下达工作经费5万元。"],
     ["下达资金100万元。", "下达资金100万元，另下达工作经费5万元。", "项目资金90万元已全部拨付。"]),
])
def test_restatements_of_another_batch_or_amount_stay_silent(good: list[str], bad: list[str]) -> None:
    assert _errors(good) == set(), good
    assert any(code == "restated-mismatch" for code, _ in _errors(bad)), bad


def test_the_level_above_s_allocation_is_a_kind_of_the_funds() -> None:
    # 上级下达 beside a county's match: the funds allocated in full may be both (a doubt, not an error)
    lines = ["上级下达资金100万元，县级配套20万元。", "下达资金120万元已全部拨付。"]
    assert _errors(lines) == set()
    assert ("restated-mismatch", "120", "w") in _found(lines)
    assert ("restated-mismatch", "120") in _errors(["下达资金100万元。", "下达资金120万元已全部拨付。"])


@pytest.mark.parametrize(("good", "bad"), [
    # an amount per unit itself, an investment holding more, a gain after a price of spending,
    # the funds after a gain per unit: none is what the price comes to
    ("补贴28000亩，每亩补贴100元，涉及农户2000户，户均补贴1400元。",
     "补贴28000亩，每亩补贴100元，补贴资金300万元。"),
    ("新建学校3所，每校补助100万元，覆盖学生1200人，总投资500万元。",
     "新建学校3所，每校补助100万元，共补助500万元。"),
    ("覆盖20个村，每村补助5万元，带动农户增收200万元。",
     "覆盖20个村，每村补助5万元，补助资金200万元。"),
    ("户均增收2000元，共带动100户，补助资金50万元。",
     "户均增收2000元，共带动100户，增收50万元。"),
])
def test_amounts_of_another_kind_after_a_price(good: str, bad: str) -> None:
    assert _errors(good) == set(), good
    assert any(code == "product-mismatch" for code, _ in _errors(bad)), bad


@pytest.mark.parametrize(("good", "bad"), [
    # an amount of the project's funds paid in full beside a part still pending (尚在/尚需)
    (["项目资金100万元。", "项目资金80万元已全部拨付，20万元尚在审核中。"],
     ["项目资金100万元。", "项目资金80万元已全部拨付。"]),
    # an allocation to a recipient named after the amount is that recipient's part
    (["下达中央财政水利发展资金100万元。", "下达资金80万元到甲镇。"],
     ["下达中央财政水利发展资金100万元。", "下达资金80万元，用于甲镇道路建设。"]),
])
def test_restatements_of_a_part_named_after_the_amount(good: list[str], bad: list[str]) -> None:
    assert _errors(good) == set(), good
    assert ("restated-mismatch", "80") in _errors(bad), bad


def test_places_listed_before_a_count_of_what_lies_in_them() -> None:
    # the towns the villages lie in: the count of villages says nothing of the list
    assert _found("涉及3个乡镇，分别为甲镇、乙镇和丙镇12个村。") == set()
    assert _found("涉及 3 个乡镇，分别为甲镇、乙镇和丙镇 12 个村。") == set()
    assert ("count-mismatch", "12") in _errors("甲村、乙村12个村。")


def test_one_name_under_two_remarks_is_two_quantities() -> None:
    # a 项目建设内容 list (round 3 477): two walls, each named by its remark
    assert _errors("商业段外立面墙身(瓷砖)重新喷涂真石漆面积520.75㎡,商业段外立面墙身(砖墙)重新喷涂真石漆"
                   "面积2021.26㎡,门窗刷漆面积525.22㎡。") == set()
    # the same remark twice: one quantity, stated twice
    assert ("restated-mismatch", "520.75") in _errors(
        "墙身(瓷砖)重新喷涂真石漆面积520.75㎡,门窗刷漆面积525.22㎡,墙身(瓷砖)重新喷涂真石漆面积2021.26㎡。")


# (consistent, inconsistent, what the inconsistent one must give)
_PAIRS = [
    # a price in 元 is no whole of parts in 万元 (they break down the funds the price comes to)
    ("种植28000亩，每亩补贴100元，其中中央补贴资金200万元。",
     "每亩补贴100元，其中中央补贴80元、省级补贴30元。", ("sum-mismatch", "100")),
    ("每亩补贴100元，其中中央补贴80元、省级补贴20元。",
     "每亩补贴100元，其中中央补贴80元、省级补贴30元。", ("sum-mismatch", "100")),
    # PDF text spaces counts from their units as it prints them run together
    ("涉及 3 个乡镇 12 个村，分别为甲镇、乙镇、丙镇。",
     "涉及 3 个乡镇 12 个村，分别为甲镇、乙镇。", ("count-mismatch", "12")),
    # a decrease among the parts (an unannotated report of the pool) is taken off (main's i12f)
    ("下达资金1.53万元，其中：国家级森林生态效益补偿资金调减2.66万元，造林补助2.42万元，公益林补助1.77万元。",
     "下达资金10万元，其中：造林补助6万元，公益林补助5万元。", ("sum-mismatch", "10")),
    # a change between an amount and its breakdown: parts named as no change are the amount's
    ("基本支出80万元，较上年增加10万元，其中人员经费50万元、公用经费30万元。",
     "基本支出80万元，较上年增加10万元，其中人员经费增加6万元、公用经费增加5万元。",
     ("sum-mismatch", "10")),
    ("基本支出80万元，较上年增加10万元，其中人员经费增加6万元、公用经费增加4万元。",
     "基本支出80万元，较上年增加10万元，其中人员经费增加6万元、公用经费增加5万元。",
     ("sum-mismatch", "10")),
    # a list of names after 分别为, then another count: no part above the first figure
    ("设置一级指标3个，分别为产出指标、效益指标和满意度指标，二级指标8个。",
     "设置一级指标3个，分别为产出指标、效益指标，二级指标8个。", ("count-mismatch", "3")),
    ("设置一级指标3个，分别为产出指标、效益指标和满意度指标，二级指标8个。",
     "项目资金100万元，其中：中央资金120万元。", ("sum-mismatch", "100")),
    # values per unit after a breakdown marker are no shares
    ("项目资金100万元，甲村、乙村分别补助每户2000元、3000元。",
     "项目资金100万元，甲村、乙村分别补助60万元、30万元。", ("sum-mismatch", "100")),
    # the one amount named as a total after a price is no part of the price
    ("覆盖20个村，每村补助5万元，其中贫困村10个，共补助100万元。",
     "覆盖20个村，每村补助5万元，共补助120万元。", ("product-mismatch", "120")),
    # the last of values named together: the 其中 may be of any of them
    ("下达资金100万元，甲镇、乙镇分别下达60万元、40万元，其中甲镇已拨付50万元。",
     "下达资金100万元，甲镇下达40万元，其中已拨付50万元。", ("sum-mismatch", "40")),
    # a quantity per another unit (每校…), an amount of another year or of several
    ("新建学校3所，每校建筑面积1000平方米，每平方米造价3000元，共投资900万元。",
     "新建校舍1000平方米，每平方米造价3000元，共投资900万元。", ("product-mismatch", "900")),
    ("新建学校3所，每校配备教师10名，每名教师补助1万元，共补助30万元。",
     "配备教师10名，每名教师补助1万元，共补助30万元。", ("product-mismatch", "30")),
    ("2022年补助学生100人，每生1000元，2021年补助资金8万元。",
     "2022年补助学生100人，每生1000元，补助资金8万元。", ("product-mismatch", "8")),
    ("补助学生100人，每生每年1000元，两年共补助20万元。",
     "补助学生100人，每生每年1000元，共补助20万元。", ("product-mismatch", "20")),
    # 每年 names the amount's period, not another unit it is per (the seed's rent line)
    ("聘用护林员50名，每人每月2000元，每年发放工资120万元。",
     "聘用护林员50名，每人每月2000元，每年发放工资130万元。", ("product-mismatch", "130")),
]


@pytest.mark.parametrize(("good", "bad", "found"), _PAIRS)
def test_consistent_sentences_silent_inconsistent_found(good: str, bad: str,
                                                         found: tuple[str, str]) -> None:
    assert _errors(good) == set(), good
    assert found in _errors(bad), bad
