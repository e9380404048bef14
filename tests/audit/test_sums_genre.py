"""Sums in the genre's many surface forms (issue 10, i10v): tables with a 合计 row above or
below its rows and numbered category rows; prose lists in several word orders and units.

Each relation is written in several invented variants; consistent ones must stay silent,
a lowered total or a raised part must give an error naming the planted figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str, int | None]]:
    return {(f.code, str(f.stated), f.line) for f in audit_lines(lines) if f.severity.value == "error"}


def _table(sep: str, rows: list[tuple[str, ...]]) -> list[str]:
    return [sep.join(r) for r in rows]


SEPARATORS = [" | ", "  ", "\t", "\u3000"]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_total_row_above_its_rows(sep: str) -> None:
    """部门预算/决算 tables print 合计 first; the rows under it are its parts."""
    head = ("项目", "金额（万元）")
    ok = _table(sep, [head, ("合计", "100"), ("甲项目", "60"), ("乙项目", "40")])
    assert _errors(ok) == set()
    assert ("sum-mismatch", "90", 2) in _errors(_table(sep, [head, ("合计", "90"), ("甲项目", "60"),
                                                         ("乙项目", "40")]))
    assert ("sum-mismatch", "100", 2) in _errors(_table(sep, [head, ("合计", "100"), ("甲项目", "70"),
                                                          ("乙项目", "40")]))


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("numbers", [("一、", "二、"), ("（一）", "（二）"), ("一.", "二.")])
@pytest.mark.parametrize("total_first", [False, True])
def test_category_rows_above_their_members(sep: str, numbers: tuple[str, str],
                                           total_first: bool) -> None:
    """A numbered category row totals the rows under it: the 合计 takes the categories only."""
    def table(total: str, part: str) -> list[str]:
        body = [(f"{numbers[0]}设备购置", "100"), ("甲设备", "60"), ("乙设备", part),
                (f"{numbers[1]}培训费", "20")]
        rows = [("合计", total), *body] if total_first else [*body, ("合计", total)]
        return _table(sep, [("项目", "金额（万元）"), *rows])

    assert _errors(table("120", "40")) == set()
    total_line = 2 if total_first else 6
    assert ("sum-mismatch", "110", total_line) in _errors(table("110", "40"))
    category_line = 3 if total_first else 2
    assert ("sum-mismatch", "100", category_line) in _errors(table("120", "50"))


def test_two_columns_and_units_in_cells() -> None:
    rows = ["项目 | 预算数 | 执行数", "甲 | 60万元 | 50万元", "乙 | 40万元 | 30万元",
            "合计 | 100万元 | 80万元"]
    assert _errors(rows) == set()
    assert ("sum-mismatch", "90", 4) in _errors([*rows[:3], "合计 | 100万元 | 90万元"])
    assert ("sum-mismatch", "90", 2) in _errors([rows[0], "合计 | 100 | 90", "甲 | 60 | 50", "乙 | 40 | 30"])


def test_members_without_their_numbered_category_are_not_summed() -> None:
    """Rows under a 合计 whose first row is no numbered category: which rows are categories
    cannot be told, so nothing is said."""
    rows = ["项目 | 金额", "甲设备 | 60", "二、培训费 | 20", "丙 | 5", "丁 | 15", "合计 | 120"]
    assert _errors(rows) == set()


def test_total_first_with_sub_items_or_another_total_below_is_not_summed() -> None:
    assert _errors(["项目 | 金额", "合计 | 90", "甲 | 60", "其中：甲1 | 30", "乙 | 40"]) == set()
    # a 小计 first and a 合计 last: which rows each takes is not certain
    assert _errors(["项目 | 金额", "小计 | 90", "甲 | 60", "乙 | 40", "合计 | 100"]) == set()


def _prose_errors(text: str) -> set[str]:
    return {str(f.stated) for f in audit_lines([text])
            if f.severity.value == "error" and f.code == "sum-mismatch"}


# (template, consistent values, a planted error and the figure it must be reported on)
PROSE = [
    # parts joined by 和/及 before 共/合计 ("投资分别为30万元、40万元和30万元，共100万元")
    ("建成3个站点，投资分别为{a}万元、{b}万元和{c}万元，共{t}万元。", ("30", "40", "30", "100")),
    ("培训干部{a}人、群众{b}人及学生{c}人，共计{t}人。", ("30", "40", "30", "100")),
    ("上年结转{a}万元、本年拨款{b}万元以及其他资金{c}万元，合计{t}万元。", ("30", "40", "30", "100")),
    # a generic name before the sum word
    ("中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，项目资金合计{t}万元。", ("30", "40", "30", "100")),
    ("甲村{a}万元；乙村{b}万元；丙村{c}万元；以上资金共计{t}万元。", ("30", "40", "30", "100")),
    # the total closing the list in brackets
    ("中央资金{a}万元、省级资金{b}万元、县级资金{c}万元（合计{t}万元）。", ("30", "40", "30", "100")),
    ("甲村{a}万元，乙村{b}万元，丙村{c}万元(共计{t}万元)，已全部拨付。", ("30", "40", "30", "100")),
    # sources listed after an amount named as a whole, no marker
    ("项目总投资{t}万元，中央资金{a}万元、省级资金{b}万元、县级配套{c}万元。", ("100", "30", "40", "30")),
    ("总投资为{t}万元,中央财政补助{a}万元,省级财政资金{b}万元,自筹资金{c}万元。", ("100", "30", "40", "30")),
    ("本年度预算{t}万元，中央资金{a}万元，省级资金{b}万元，县级资金{c}万元", ("100", "30", "40", "30")),
    # what happened to the whole stands between it and its breakdown
    ("资金{t}万元已全部下达，其中中央{a}万元、省级{b}万元、县级{c}万元。", ("100", "30", "40", "30")),
    ("下达补助资金{t}万元，已全额拨付到位。其中，甲村{a}万元，乙村{b}万元，丙村{c}万元。",
     ("100", "30", "40", "30")),
    ("下达资金{t}万元，均已按时拨付，其中：甲村{a}万元；乙村{b}万元；丙村{c}万元。",
     ("100", "30", "40", "30")),
]

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _fill(template: str, values: tuple[str, str, str, str], **change: str) -> str:
    names = ("a", "b", "c", "t") if template.index("{a}") < template.index("{t}") else ("t", "a", "b", "c")
    filled = dict(zip(names, values, strict=True))
    return template.format(**{**filled, **change})


@pytest.mark.parametrize(("template", "values"), PROSE)
@pytest.mark.parametrize("width", ["half", "full", "spaced"])
def test_prose_sums_in_many_word_orders(template: str, values: tuple[str, str, str, str],
                                         width: str) -> None:
    def shape(text: str) -> str:
        if width == "full":
            return text.translate(FULL_WIDTH)
        if width == "spaced":
            return text.replace("万元", " 万元")  # (PDF text spacing a number from its 万元)
        return text

    ok = _fill(template, values)
    assert _prose_errors(shape(ok)) == set(), ok
    lowered = _fill(template, values, t="90")
    assert "90" in _prose_errors(shape(lowered)), lowered
    raised = _fill(template, values, b="55")
    found = _prose_errors(shape(raised))
    assert found and found <= {"100"}, raised


@pytest.mark.parametrize(("template", "values"), PROSE)
@pytest.mark.parametrize("word", ["约", "近", "余"])
@pytest.mark.parametrize("name", ["t", "b"])
def test_an_approximate_figure_is_never_an_exact_operand(template: str,
                                                         values: tuple[str, str, str, str],
                                                         word: str, name: str) -> None:
    """约90万元 / 40余万元: the relation may hold at the writer's precision; never an error."""
    slot = "{" + name + "}"
    marked = slot + word if word == "余" else word + slot
    approx = _fill(template.replace(slot, marked), values, t="90")
    assert _prose_errors(approx) == set(), approx


@pytest.mark.parametrize("text", [
    "中央资金60万元，省级资金40万元，丙村资金合计50万元。",  # a total of one item, named so
    "甲村30万元和乙村20万元，以及丙村资金合计50万元。",
    "项目总投资100万元，中央资金到位120万元、省级资金到位30万元。",  # what arrived, not sources
    "其中，中央财政专项资金49.24亿元，中央预算内基建投资65.50亿元，省级财政安排补助资金14.05亿元。",
    "资金100万元已全部下达，其中中央60万元。",  # only some parts named
    "资金100万元已拨付80万元，其中中央60万元、省级20万元。",
    "购置电脑10台和打印机5台，合计15万元。",
    "年初预算10万元，省级追加30万元、县级追加20万元。",
    "总投资100万元，中央资金60万元，省级资金40万元；另有社会资金30万元。",
    "甲村60万元、乙村40万元（合计100万元），丙村20万元。",
    "下达补助100万元,中央资金80万元,地方资金50万元。",  # a 补助 is no whole of other money
])
def test_consistent_or_uncertain_sums_stay_silent(text: str) -> None:
    assert _prose_errors(text) == set()


MARKED = [
    # the uses or the allocation of an amount, listed after 用于 / …如下：
    ("项目资金{t}万元，用于购置设备{a}万元、安装{b}万元、培训{c}万元。", ("100", "30", "40", "30")),
    ("下达资金{t}万元，分配如下：甲村{a}万元，乙村{b}万元，丙村{c}万元。", ("100", "30", "40", "30")),
    ("项目资金{t}万元。具体如下：1.甲村{a}万元；2.乙村{b}万元；3.丙村{c}万元。", ("100", "30", "40", "30")),
    # the sum word opening the sentence after the parts
    ("甲村{a}万元、乙村{b}万元、丙村{c}万元。合计{t}万元。", ("30", "40", "30", "100")),
    ("培训干部{a}人，群众{b}人，学生{c}人。以上共计{t}人。", ("30", "40", "30", "100")),
]


@pytest.mark.parametrize(("template", "values"), MARKED)
def test_more_markers_and_a_total_opening_its_sentence(template: str,
                                                       values: tuple[str, str, str, str]) -> None:
    assert _prose_errors(_fill(template, values)) == set()
    assert "90" in _prose_errors(_fill(template, values, t="90"))
    assert _prose_errors(_fill(template, values, b="55")) == {"100"}


@pytest.mark.parametrize("text", [
    # each part's use named after it: 用于 opens no list there (013)
    "本项目共完成预算资金89.99万元。其中:30万元用于预算编制;30万元用于审计;29.99万元用于设计、测绘。",
    "甲村60万元、乙村40万元，丙村正在建设。合计100万元。",
    "甲村60万元。乙村30万元。合计100万元。",  # one part in the sentence before: no list
    "项目资金100万元，用于甲村60万元。",
])
def test_markers_and_sentence_totals_stay_silent_when_consistent_or_unsure(text: str) -> None:
    assert _prose_errors(text) == set()


@pytest.mark.parametrize("template", [
    "项目总投资{t}万元,其中:中央财政资金{a}万元,已下拨到位。自筹资金{b}元,已完成自筹。",
    "下达资金{t}万元，其中：中央资金{a}万元，已全部到位。省级资金{b}元，已到位。",
    "项目资金{t}万元。其中，中央补助{a}万元，已拨付。县级配套{b}元，已落实。",
])
def test_sources_told_sentence_by_sentence(template: str) -> None:
    """The 资金来源 told source by source, each with its own state (round 3, 150): the list
    goes on while the next sentence is again a source."""
    ok = template.format(t="39.2696", a="39", b="2696")
    assert _prose_errors(ok) == set()
    assert "33.3792" in _prose_errors(template.format(t="33.3792", a="39", b="2696"))
    assert "39.2696" in _prose_errors(template.format(t="39.2696", a="39", b="3370"))


@pytest.mark.parametrize("text", [
    # the next sentence is no source: the list ended
    "项目总投资100万元,其中:中央资金60万元,已下拨到位。实际支出80万元,已完成。",
    # a source and then what arrived of it: not a list of sources
    "下达资金100万元，其中：中央资金60万元，已全部到位。省级资金40万元，已到位30万元。",
    # parts not named as sources: no continuation
    "下达资金100万元，其中：甲村60万元，已拨付。乙村50万元，已拨付。",
])
def test_a_list_of_sources_does_not_run_into_other_sentences(text: str) -> None:
    assert _prose_errors(text) == set()


def _zhejiang(plan: str = "1088.00", arrived: str = "1020.02", county: str = "1038.66") -> list[str]:
    """The funds block of the Zhejiang 项目支出绩效自评表 (root 020) as a web page flattens it."""
    return [
        "项目起止时间 | 2020年度 | |||||||||",
        f"计划安排资金(万元) | {plan} | 实际到位资金(万元) | {arrived} | |||||||",
        "其中:中央财政 | 其中:中央财政 | |||||||||",
        "省财政 | 省财政 | |||||||||",
        "市财政 | 49.34 | 市财政 | 49.34 | |||||||",
        f"县财政 | {county} | 县财政 | 970.68 | |||||||",
        "实际支出(万元) | 1020.02 | |||||||||",
    ]


def test_label_value_form_amounts_against_their_sources() -> None:
    assert _errors(_zhejiang()) == set()
    assert ("sum-mismatch", "870.40", 2) in _errors(_zhejiang(plan="870.40"))
    assert ("sum-mismatch", "1088.00", 2) in _errors(_zhejiang(county="1300.00"))
    assert ("sum-mismatch", "900", 2) in _errors(_zhejiang(arrived="900"))
    # sources short of the amount: some may be left out of the form, nothing is said
    assert _errors(_zhejiang(plan="1200.00")) == set()


def test_label_value_rows_that_are_not_sources_are_not_summed() -> None:
    rows = _zhejiang(plan="500")
    rows[4] = "设备购置 | 49.34 | 设备购置 | 49.34 | |||||||"
    assert _errors(rows) == set()


@pytest.mark.parametrize(("template", "actual", "over", "wrong"), [
    ("申请基础养老金补贴945.72万元,缴费补贴46.36万元;实际缴费人数56294人,补贴金额{actual}万元,"
     "超出预算金额{over}万元。", "154.89", "108.53", "99.99"),
    ("计划安排培训补助50万元，交通补助20万元；实际交通出行2000人次，补助资金{actual}万元，"
     "超出计划金额{over}万元。", "28", "8", "5"),
])
def test_tied_plan_names_are_told_apart_by_the_actual_item(template: str, actual: str, over: str,
                                                           wrong: str) -> None:
    """Plans listed first, then an item's actual in its own ；-clause (round 3, 131): the plan
    is the one the item names (缴费, 交通), not the other one with the same last word."""
    assert _prose_errors(template.format(actual=actual, over=over)) == set()
    assert wrong in _prose_errors(template.format(actual=actual, over=wrong))


def test_plans_still_tied_after_the_item_stay_silent() -> None:
    text = ("申请基础养老金补贴945.72万元,缴费补贴46.36万元;实际人数56294人,补贴金额154.89万元,"
            "超出预算金额10万元。")
    assert _prose_errors(text) == set()


RECIPIENTS = [
    # recipients named before 分别, one value each
    ("下达资金{t}万元，甲村、乙村、丙村分别为{a}万元、{b}万元、{c}万元。", ("100", "30", "40", "30")),
    ("项目资金{t}万元，城区和乡镇及园区分别为{a}万元、{b}万元、{c}万元。", ("100", "30", "40", "30")),
    ("下达资金{t}万元，甲乙丙三村分别安排{a}万元、{b}万元、{c}万元。", ("100", "30", "40", "30")),
    ("筹集资金{t}万元，分别投入道路{a}万元、桥梁{b}万元、绿化{c}万元。", ("100", "30", "40", "30")),
    # 其中包括 as one marker; a share of the plan between the total and its 其中
    ("项目资金{t}万元，其中包括中央资金{a}万元，省级资金{b}万元，县级资金{c}万元。",
     ("100", "30", "40", "30")),
    ("完成投资{t}万元，占计划的100%，其中设备{a}万元、安装{b}万元、其他{c}万元。", ("100", "30", "40", "30")),
]


@pytest.mark.parametrize(("template", "values"), RECIPIENTS)
def test_recipients_before_fenbie_and_more_gaps(template: str, values: tuple[str, str, str, str]) -> None:
    assert _prose_errors(_fill(template, values)) == set()
    assert "90" in _prose_errors(_fill(template, values, t="90"))
    assert _prose_errors(_fill(template, values, b="55")) == {"100"}


@pytest.mark.parametrize("text", [
    "总额100万元，预算、执行分别为100万元、95万元。",  # quantities, not recipients
    "下达资金100万元，年初、调整后分别为100万元、120万元。",
    "下达资金100万元，甲村、乙村、丙村分别为30万元、40万元。",  # a value missing: no pairing
    "项目资金100万元，其中城区、乡镇分别为60万元、30万元。",  # 其中: only some of the 100
    "下达资金100万元，其中甲乙两村分别安排30万元、40万元。",
])
def test_paired_names_that_are_no_breakdown_stay_silent(text: str) -> None:
    assert _prose_errors(text) == set()


@pytest.mark.parametrize("label", ["合计", "合计：", "合计:", "合 计", "总计（万元）", "合计(万元)", "小计"])
@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize("numbered", [False, True])
def test_total_row_labels_and_a_number_column(label: str, sep: str, numbered: bool) -> None:
    """合计 with a colon or its unit in brackets; a 序号 column before the labels."""
    def table(total: str) -> list[str]:
        rows = [("甲项目", "60"), ("乙项目", "40")]
        body = [(str(k), *r) if numbered else r for k, r in enumerate(rows, start=1)]
        head = ("序号", "项目", "金额（万元）") if numbered else ("项目", "金额（万元）")
        return _table(sep, [head, *body, (label, total)])

    assert _errors(table("100")) == set()
    assert ("sum-mismatch", "90", 4) in _errors(table("90"))


@pytest.mark.parametrize("dash", ["—", "-", "/", "——"])
def test_a_dash_is_an_amount_of_none(dash: str) -> None:
    rows = ["项目名称 | 预算 | 执行", "甲 | 60 | 55", f"乙 | 40 | {dash}", f"丙 | {dash} | 10"]
    assert _errors([*rows, "合计 | 100 | 65"]) == set()
    assert _errors([*rows, "合计 | 90 | 70"]) == {("sum-mismatch", "90", 5), ("sum-mismatch", "70", 5)}
    # a total left as a dash, or fewer than two amounts in the column: nothing to check
    assert _errors([*rows[:3], f"合计 | 100 | {dash}"]) == set()


def _html_table(rows: list[tuple[str, ...]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<html><body><p>项目资金使用情况：</p><table>{body}</table></body></html>"


@pytest.mark.parametrize("total_first", [False, True])
def test_html_tables_with_a_blank_line_between_rows(tmp_path: Path, total_first: bool) -> None:
    """The html reader puts a blank line between a table's rows: they are one table still."""
    from jixiao.services.figure_audit import audit_files

    def audit(total: str) -> set[tuple[str, str]]:
        body = [("1", "甲项目", "60"), ("2", "乙项目", "40")]
        rows = [("", "合计", total), *body] if total_first else [*body, ("", "合计", total)]
        path = tmp_path / "t.html"
        path.write_text(_html_table([("序号", "项目", "金额（万元）"), *rows]), encoding="utf-8")
        (result,) = audit_files([path])
        return {(f.code, str(f.stated)) for f in result.findings if f.severity.value == "error"}

    assert audit("100") == set()
    assert audit("90") == {("sum-mismatch", "90")}


def _one_cell(rows: list[tuple[str, ...]], blank: bool = False) -> list[str]:
    cells_ = [c for r in rows for c in r]
    return [x for c in cells_ for x in (c, "")] if blank else cells_


@pytest.mark.parametrize("blank", [False, True])
@pytest.mark.parametrize("total_first", [False, True])
@pytest.mark.parametrize("width", [2, 3])
def test_table_printed_one_cell_per_line(blank: bool, total_first: bool, width: int) -> None:
    """Web pages and PDF text print a table one cell per line: the header's cells give its width."""
    head = ("项目", "预算数（万元）", "执行数（万元）")[:width]
    def table(total: tuple[str, ...]) -> list[str]:
        body = [("甲项目", "60", "50")[:width], ("乙项目", "40", "30")[:width]]
        rows = [("合计", *total), *body] if total_first else [*body, ("合计", *total)]
        return _one_cell([head, *rows], blank)

    assert _errors(table(("100", "80")[:width - 1])) == set()
    found = {(code, stated) for code, stated, _ in _errors(table(("90", "80")[:width - 1]))}
    assert found == {("sum-mismatch", "90")}
    if width == 3:
        found = {(code, stated) for code, stated, _ in _errors(table(("100", "70")))}
        assert found == {("sum-mismatch", "70")}


def test_one_cell_per_line_categories_and_what_is_not_such_a_table() -> None:
    head = ("项目", "金额（万元）")
    rows = [("一、设备购置", "100"), ("甲设备", "60"), ("乙设备", "40"), ("二、培训费", "20")]
    assert _errors(_one_cell([head, *rows, ("合计", "120")])) == set()
    bad = [("一、设备购置", "100"), ("甲设备", "60"), ("乙设备", "50"), ("二、培训费", "20")]
    assert {s for _, s, _ in _errors(_one_cell([head, *bad, ("合计", "120")]))} == {"100"}
    # a header naming no amount, or cells that do not fall into rows: nothing is summed
    assert _errors(_one_cell([("项目", "数量"), ("甲", "60"), ("乙", "40"), ("合计", "90")])) == set()
    assert _errors(["项目", "金额（万元）", "甲", "60", "乙", "说明", "40", "合计", "90"]) == set()


@pytest.mark.parametrize("name", ["总投资", "项目总投资为", "资金总额", "投资总额", "总金额"])
def test_a_whole_named_after_its_parts_is_checked_for_excess(name: str) -> None:
    """"中央资金60万元，省级资金40万元，总投资100万元": the whole may hold more than the parts
    named, so only parts above it are an error."""
    def text(total: str) -> str:
        return f"中央资金60万元，省级资金40万元，{name}{total}万元。"

    assert _prose_errors(text("100")) == set()
    assert _prose_errors(text("150")) == set()
    assert _prose_errors(text("90")) == {"90"}
    assert _prose_errors(text("１００").replace("60", "７０")) == {"100"}


@pytest.mark.parametrize("whole", ["商务商业楼宇", "商务、商业楼宇", "商务和商业用房"])
def test_parts_that_are_all_the_kinds_the_sentence_names(whole: str) -> None:
    """"全区共有商务商业楼宇165栋,总面积723.60万㎡。其中商务面积…,商业面积…" (root 046): the
    sentence names the whole as exactly the parts' kinds, so a shortfall is an error, not the
    warning a 其中 list of kinds gets."""
    def text(total: str) -> str:
        return (f"全区共有{whole}165栋，总面积{total}万平方米。其中商务面积407.60万平方米，"
                "商业面积239.80万平方米。")

    assert audit_lines([text("647.40")]) == ()
    (f,) = audit_lines([text("723.60")])
    assert (f.code, f.severity.value, str(f.stated)) == ("sum-mismatch", "error", "723.60")
    # a whole not named by the kinds: maybe only some kinds listed — the warning stays
    (w,) = audit_lines([text("723.60").replace(whole, "楼宇")])
    assert w.severity.value == "warning"


@pytest.mark.parametrize("text", [
    "项目预算100万元，实际支出95万元，执行率95%；其中中央资金80万元，支出76万元，执行率95%。",
    "项目资金150万元，已拨付120万元；其中省级资金100万元，拨付80万元。",
    "预算安排50万元，其中市级资金30万元，执行28万元，县级资金20万元，执行19万元。",
    "全年预算１００万元，其中中央资金８０万元，到位８０万元。",
])
def test_a_parts_spending_is_no_second_part(text: str) -> None:
    """"其中中央资金80万元，支出76万元": the part's own spending (支出/拨付/执行/到位) ends the
    list — it is no second part of the funds (a false 95 ≠ 156 before)."""
    assert _errors([text]) == set()


@pytest.mark.parametrize("sep", ["、", "，", "；"])
def test_parts_named_by_spending_are_still_summed(sep: str) -> None:
    """When the first part is named by spending too, 支出 names the parts and the list is summed."""
    ok = f"全年支出90万元，其中：人员支出50万元{sep}公用支出40万元。"
    assert _errors([ok]) == set()
    bad = f"全年支出90万元，其中：人员支出50万元{sep}公用支出45万元。"
    assert ("sum-mismatch", "90", 1) in _errors([bad])


def test_a_part_named_expenditure_is_still_a_part() -> None:
    """基本支出/项目支出 are the budget's standard parts: a noun before 支出 names a part, only the
    bare verb (支出76万元) is a part's own spending."""
    assert _errors(["年度预算200万元，其中人员经费110万元、公用经费50万元、项目支出40万元。"]) == set()
    bad = "年度预算200万元，其中人员经费120万元、公用经费50万元、项目支出40万元。"
    assert ("sum-mismatch", "200", 1) in _errors([bad])
