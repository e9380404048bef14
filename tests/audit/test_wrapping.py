"""The audit's findings do not depend on the width a report was printed at (issue 10, i12j).

PDF text layers and fixed-width text break lines anywhere — inside a figure (``142.`` /
``5万元``), a unit, a label — and print the page number and a running header at every page
break. `jixiao.ingest.docmodel.wrapping.rejoin_wrapped` joins such paragraphs back, so each
wrapped variant must give the findings of the text as written: the planted contradictions
found, the consistent text silent. Lines that only look short — one table cell per line,
list items, headings, a markdown table whose rows are padded to one width — stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from jixiao.ingest.docmodel import wrapping
from jixiao.ingest.docmodel.wrapping import wrap_width
from jixiao.services.figure_audit import audit_lines

# Genre sentences, one relation each (sum with 其中, execution rate, a 其中 count, a 满意度
# share, paid + unpaid = contract), as 自评报告 of several provinces word them.
REPORT = [
    "一、项目基本情况",
    "2023年度项目资金预算共计150万元，其中中央补助资金90万元、省级补助资金40万元、县级配套资金20万元。"
    "截至2023年12月31日，实际支出142.5万元，预算执行率95%。",
    "二、绩效目标完成情况",
    "全年共培训学员520人，其中农村劳动力300人、城镇失业人员220人，培训合格率98%。",
    "项目共发放问卷200份，收回有效问卷180份，其中满意170份，满意度为94.44%。",
    "项目合同金额80万元，已支付60万元，尚未支付20万元。",
]
PLANTED = {("县级配套资金20", "县级配套资金25"), ("执行率95%", "执行率92%"),
           ("城镇失业人员220", "城镇失业人员230"), ("94.44%", "90.44%"), ("尚未支付20", "尚未支付25")}


def _inconsistent() -> list[str]:
    out = []
    for line in REPORT:
        for old, new in PLANTED:
            line = line.replace(old, new)
        out.append(line)
    return out


def _columns(ch: str) -> int:
    # as a CJK font sets them: CJK characters, full-width forms and CJK punctuation (“ ” —
    # … ≥ ℃ too: everything from U+0800) take two columns, Latin letters and digits one
    return 2 if ch >= "\u0800" else 1


def wrap(lines: Sequence[str], width: int, *, by_columns: bool = True, page: int = 0,
         footer: str = "第 {n} 页", header: str = "") -> list[str]:
    """Lines broken after `width` CJK characters' worth of columns (or characters), anywhere;
    a page footer (and header) after every `page` lines."""
    body: list[str] = []
    for line in lines:
        piece, used = "", 0
        for ch in line:
            w = _columns(ch) if by_columns else 1
            if used + w > (2 * width if by_columns else width):
                body.append(piece)
                piece, used = "", 0
            piece, used = piece + ch, used + w
        body.append(piece)
    if not page:
        return body
    out: list[str] = []
    for n, start in enumerate(range(0, len(body), page), start=1):
        if n > 1 and header:
            out.append(header)
        out += body[start:start + page]
        out.append(footer.format(n=n))
    return out


def rejoin_wrapped(lines: Sequence[str]) -> list[str]:
    """The lines the detectors read, with blanks where lines were left out (to compare)."""
    out = [""] * len(lines)
    for n, text in wrapping.rejoin_wrapped(lines):
        out[n - 1] = text
    return out


def _errors(lines: Sequence[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(list(lines))
            if f.severity.value == "error"}


VARIANTS = [
    pytest.param(dict(width=20), id="20 columns"),
    pytest.param(dict(width=13), id="13 columns"),
    pytest.param(dict(width=35, page=4), id="35 columns, page footer"),
    pytest.param(dict(width=24, by_columns=False, page=3, footer="- {n} -",
                      header="职业技能培训项目绩效自评报告"), id="24 characters, footer and header"),
    pytest.param(dict(width=17, page=5, footer="第 {n} 页 共 9 页"), id="17 columns, 第n页共m页"),
]


@pytest.mark.parametrize("how", VARIANTS)
def test_wrapped_prose_gives_the_findings_of_the_text_as_written(how: dict[str, object]) -> None:
    bad = _inconsistent()
    assert len(_errors(bad)) == 5
    assert _errors(wrap(bad, **how)) == _errors(bad)  # type: ignore[arg-type]
    assert _errors(wrap(REPORT, **how)) == set()  # type: ignore[arg-type]


def test_a_figure_split_by_the_wrap_is_read_whole() -> None:
    # at some width the margin falls inside 142.5万元, 150万元 or 92%: read whole once joined
    # (with the paragraphs of a report: a text is taken as wrapped on several lines filling
    # one width and cut inside a sentence)
    text = "截至2023年12月31日，项目预算150万元，实际支出142.5万元，预算执行率92%，资金已全部拨付到位"
    for width in range(10, 30):
        wrapped = wrap([text, *REPORT], width, by_columns=width % 2 == 0)
        if len(text) % width:  # (a paragraph ending just at the margin runs on into the next)
            assert [ln for ln in rejoin_wrapped(wrapped) if ln][:1] == [text], width
        assert _errors(wrapped) == {("rate-mismatch", "92", "95.00")}, width


def test_findings_keep_the_line_the_paragraph_starts_on() -> None:
    wrapped = ["项目概况", *wrap(_inconsistent()[3:6], 15)]
    numbered = wrapping.rejoin_wrapped(wrapped)
    assert numbered[:3] == [(1, "项目概况"), (2, _inconsistent()[3]), (5, _inconsistent()[4])]
    assert [f.line for f in audit_lines(wrapped) if f.code == "sum-mismatch"] == [2]


# --- what must stay as it is -----------------------------------------------------------

def test_text_written_as_paragraphs_is_not_taken_for_wrapped() -> None:
    assert wrap_width(REPORT) is None
    assert rejoin_wrapped(REPORT) == REPORT
    # three lines of one length are not enough when others are longer
    lines = ["项目资金执行情况良好，", "项目资金执行情况较好，", "项目资金执行情况一般，",
             REPORT[1], REPORT[3]]
    assert rejoin_wrapped(lines) == lines


def test_one_cell_per_line_and_padded_markdown_rows_stay_rows() -> None:
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "培训人数", "≥500人", "520人", "20", "20"]
    assert rejoin_wrapped(cells) == cells
    table = ["| 三级指标   | 年度指标值 | 实际完成值 | 分值 | 得分 |",
             "| 培训人数   | ≥500人     | 520人      | 20   | 20   |",
             "| 培训合格率 | ≥95%       | 98%        | 15   | 15   |",
             "| 完成时间   | 12月底前   | 11月       | 15   | 15   |"]
    assert rejoin_wrapped(table) == table


def test_list_items_and_headings_are_not_continuations() -> None:
    # a wrapped report whose full lines are followed by numbered items and headings
    lines = wrap(["资金使用情况如下，按照项目实施方案分配到各乡镇及相关部门使用：",
                  "1、中央补助资金90万元；", "（2）省级补助资金40万元；", "二、绩效目标完成情况",
                  "3.县级配套资金20万元。"], 10, by_columns=False)
    joined = [ln for ln in rejoin_wrapped(lines) if ln]
    assert joined[1:] == ["1、中央补助资金90万元；", "（2）省级补助资金40万元；", "二、绩效目标完成情况",
                          "3.县级配套资金20万元。"]


def test_page_furniture_is_dropped_and_a_table_header_at_a_page_top_kept() -> None:
    title = "职业技能培训项目绩效自评报告"
    for footer in ("第 {n} 页", "- {n} -", "第{n}页/共3页"):
        lines = [title, *wrap([REPORT[1]], 16, page=2, footer=footer, header=title)]
        out = rejoin_wrapped(lines)
        assert [ln for ln in out if ln] == [title, REPORT[1]], footer
    header = "一级指标 二级指标 三级指标 分值 得分"
    lines = [header, "产出指标 数量指标 培训人数 20 20", "第 1 页", header, "效益指标 社会效益 就业率 30 29",
             "第 2 页"]
    assert rejoin_wrapped(lines) == [*lines[:2], "", *lines[3:5], ""]
    # a lone "- 2 -" or 3/9 is a dash or a cell, not a page number — unless it ends the text
    assert rejoin_wrapped(["- 2 -", "3/9", "无"]) == ["- 2 -", "3/9", "无"]
    assert rejoin_wrapped(["项目资金全部到位。", "- 1 -", ""]) == ["项目资金全部到位。", "", ""]


def test_a_list_cut_off_at_the_end_stays_cut_off_with_its_page_footer() -> None:
    # a capture cut inside a 分别是 list: the parts cannot be checked (a warning); the footer
    # of its one page printed after it must not make the list look complete (i11f 05)
    text = ["(二)资金安排情况", "2021年部门预算项目支出87.5万元,分别是科技活动交流经费5万元,"
            "科技项目评审及系统维护费18万元,外国专家工作经费2.5万元,科"]
    assert _errors(text) == set()
    assert _errors([*text, "- 1 -"]) == set()


# --- tables in a wrapped text -------------------------------------------------------------

TABLE = ["项目 | 预算数(万元) | 执行数(万元) |",
         "乡镇文化站免费开放补助 | 73 | 73 |",
         "乡镇图书分馆运行保障经费 | 41.40 | 41.40 |",
         "送书下乡经费 | 87.40 | 87.40 |",
         "支出合计 | 201.80 | 201.80 |"]


@pytest.mark.parametrize("width", [14, 20, 26, 33])
def test_bordered_rows_cut_by_the_wrap_are_rows_again(width: int) -> None:
    # a row ending with its border stays a row; one cut inside a cell goes on (shared 020's
    # 项目支出明细 and 011's 自评表 as web captures print their cells between borders)
    text = [*REPORT[:2], *TABLE]
    bad = [*REPORT[:2], *TABLE[:-1], "支出合计 | 211.80 | 201.80 |"]
    for lines in (text, bad):
        wrapped = wrap(lines, width)
        assert _errors(wrapped) == _errors(lines), width
        joined = [ln for ln in rejoin_wrapped(wrapped) if ln]
        assert joined[-len(TABLE):] == lines[-len(TABLE):], width
    assert ("sum-mismatch", "211.80", "201.80") in _errors(bad)


def test_a_total_row_after_a_joined_paragraph_is_read_under_its_header() -> None:
    # the lines a paragraph took are left out: a detector must not take a line's number
    # for its place in the document (the column sums of shared 020 raised IndexError)
    lines = wrap([REPORT[1], REPORT[3], "金额单位：万元", *TABLE[:-1], "支出合计 | 211.80 | 201.80 |"], 20)
    assert ("sum-mismatch", "211.80", "201.80") in _errors(lines)


# --- PDF text layers --------------------------------------------------------------------

def test_a_pdf_text_layer_spacing_figures_from_their_units_reads_as_typed() -> None:
    # typst, Word and WPS set a gap between a figure and its CJK unit; pypdf gives a space
    spaced = ["截至 2023 年 12 月 31 日，项目预算 150 万元，实际支出 142.5 万元，预算执行率 92%。",
              "全年共培训学员 520 人，其中农村劳动力 300 人、城镇失业人员 230 人。"]
    assert _errors(spaced) == _errors([ln.replace(" ", "") for ln in spaced]) == {
        ("rate-mismatch", "92", "95.00"), ("sum-mismatch", "520", "530")}
    # a table row keeps the spaces that part its cells
    row = "培训人数 ≥500 人 520 人 20 20 无"
    assert [t for _, t in wrapping.rejoin_wrapped([row])] == [row]


DENSE = ("资金明细：1234567.89元、2345678.91元、3456789.12元、4567891.23元、5678912.34元、"
         "6789123.45元、7891234.56元、8912345.67元、9123456.78元。")
AREAS = ("市区两个中心租赁场地为传媒中心二号楼一层二层三层局部，租用总建筑面积为{total}平方米，分别是："
         "二号楼第一层办公场所及服务大厅使用329.03平方米，二号楼第二层政务服务中心使用316.08平方米，"
         "二号楼第三层公共资源交易中心使用388.22平方米，二号楼第四层档案室及会议室使用388.22平方米，"
         "二号楼第七层人力资源和社会保障部门使用118.83平方米。")


@pytest.mark.parametrize("total", ["1540.38", "1541.38"])
def test_a_typeset_pdf_gives_the_findings_of_its_text(tmp_path: Path, total: str) -> None:
    """Paragraphs set by Typst (justified, CJK spaced from figures) and read back through the
    audit's PDF reader: a page holding a line dense with figures (more characters than a
    line of words, the same width) still has its lines of words joined back — the reflow
    measures lines in columns — so the list of areas is summed whole (the seed's 分别是)."""
    import typst

    from jixiao.documents.style import cjk_font_dir
    from jixiao.ingest.report_text import read_report

    if not cjk_font_dir().is_dir():
        pytest.skip("fonts-noto-cjk is not installed")
    text = [DENSE, AREAS.format(total=total)]
    source = ('#set page(width: 14cm, height: auto, margin: 1cm)\n'
              '#set text(font: "Noto Serif CJK SC", lang: "zh")\n' + "\n\n".join(text))
    pdf = typst.compile(source.encode("utf-8"), font_paths=[str(cjk_font_dir())],
                        ignore_system_fonts=True)
    assert isinstance(pdf, bytes)
    (tmp_path / "r.pdf").write_bytes(pdf)
    assert _errors(list(read_report(tmp_path / "r.pdf").lines)) == _errors(text)
    assert bool(_errors(text)) == (total == "1541.38")
