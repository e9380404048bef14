"""One invented 自评表 in every layout extracted text gives it, consistent and with a planted error.

The table is the national form's (财预〔2020〕10号 附件: 年度资金总额 row with its 分值 10, then
一级/二级/三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, the category weights
in the first-level label, 产出指标(50分)). Each layout is a family seen in published reports:
pipes (html/docx/xlsx rows), merged cells left blank or repeated, spaces and single spaces
(PDF text), tabs, one cell per line (web pages), header over two lines, wrapped at a fixed
width, the category in its own row or as a subtotal row, the 分值 column before 指标值 (宁夏 025),
full-width digits and brackets, and run-together text with no separator at all — a row per
line (OCR: 宁夏 025, 银川 103) or the whole table in one line (a page flattened: 广水 109, 四川
137, 宁晋 120). The consistent table must stay silent in every layout; each planted error must
be found as an error naming the stated weight.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.documents.style import cjk_font_dir
from jixiao.ingest.report_text import read_report
from jixiao.services.figure_audit import audit_lines

CJK_FONT_DIR = cjk_font_dir()

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]
PRE = ["2023年度项目支出绩效自评表", "项目名称：职业技能培训项目",
       "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
       "年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10", ""]

Row = list[str]


def _rows(cat1: str = "50", w1: str = "20", cat2: str = "30") -> list[Row]:
    return [
        [f"产出指标({cat1}分)", "数量指标", "培训人数", "≥500人", "520人", w1, "20", "无"],
        ["", "质量指标", "培训合格率", "≥95%", "98%", "15", "15", "无"],
        ["", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "15", "15", "无"],
        [f"效益指标({cat2}分)", "社会效益指标", "学员就业率", "≥80%", "85%", "30", "29", "个别学员未就业"],
        ["满意度指标(10分)", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", "无"],
        ["总分", "", "", "", "", "100", "99", ""],
    ]


def _pipes(rows: list[Row]) -> list[str]:
    return [" | ".join(r) for r in [HEADER, *rows]]


def _repeated(rows: list[Row]) -> list[str]:
    out, last = [" | ".join(HEADER)], ""
    for r in rows:
        last = r[0] or last
        out.append(" | ".join([r[0] or last, *r[1:]]))
    return out


def _spaced(sep: str) -> Callable[[list[Row]], list[str]]:
    return lambda rows: [sep.join(c for c in r if c) for r in [HEADER, *rows]]


def _tabs(rows: list[Row]) -> list[str]:
    return ["\t".join(r) for r in [HEADER, *rows]]


def _one_cell_per_line(rows: list[Row]) -> list[str]:
    return [c for r in [HEADER, *rows] for c in r if c]


def _run_together(rows: list[Row]) -> list[str]:
    return ["".join(r) for r in [HEADER, *rows]]


def _one_line(rows: list[Row]) -> list[str]:
    return ["".join("".join(r) for r in [HEADER, *rows])]


def _wrapped(width: int) -> Callable[[list[Row]], list[str]]:
    def layout(rows: list[Row]) -> list[str]:
        out: list[str] = []
        for r in [HEADER, *rows]:
            out.extend(textwrap.wrap(" ".join(c for c in r if c), width))
        return out
    return layout


def _two_line_header(rows: list[Row]) -> list[str]:
    upper = ["一级", "二级", "三级", "年度", "实际", "分值", "得分", "偏差原因分析"]
    lower = ["指标", "指标", "指标", "指标值", "完成值", "", "", "及改进措施"]
    return [" | ".join(upper), " | ".join(lower), *(" | ".join(r) for r in rows)]


def _two_line_header_spaces(rows: list[Row]) -> list[str]:
    upper = ["一级", "二级", "三级", "年度", "实际", "分值", "得分", "偏差原因分析"]
    lower = ["指标", "指标", "指标", "指标值", "完成值", "及改进措施"]
    return ["  ".join(upper), "  ".join(lower), *("  ".join(c for c in r if c) for r in rows)]


def _category_own_row(rows: list[Row]) -> list[str]:
    out = [" | ".join(HEADER)]
    for r in rows:
        if r[0] and r[0] != "总分":
            out.append(r[0] + " | | | | | | |")
            r = ["", *r[1:]]
        out.append(" | ".join(r))
    return out


def _subtotal_rows(rows: list[Row]) -> list[str]:
    out = [" | ".join(HEADER)]
    for r in rows:
        m = re.fullmatch(r"(.*)\((\d+)分\)", r[0])
        if m:
            out.append(f"{m.group(1)} | | | | | {m.group(2)} | |")
            r = ["", *r[1:]]
        out.append(" | ".join(r))
    return out


def _weight_first(rows: list[Row]) -> list[Row]:
    return [[*r[:3], r[5], r[3], r[4], r[6], r[7]] for r in rows]


_HEADER_WEIGHT_FIRST = [*HEADER[:3], "分值", "年度指标值", "实际完成值", "得分", HEADER[7]]


def _weight_before_target(rows: list[Row]) -> list[str]:
    return [" | ".join(r) for r in [_HEADER_WEIGHT_FIRST, *_weight_first(rows)]]


def _run_weight_first(rows: list[Row]) -> list[str]:
    # 宁夏 025's order, glued: 免费发放原原种8550万粒550万粒8; here 完成时间152023年12月底前
    return ["".join(r) for r in [_HEADER_WEIGHT_FIRST, *_weight_first(rows)]]


_FULL_WIDTH = str.maketrans("0123456789%()", "０１２３４５６７８９％（）")


def _full_width(rows: list[Row]) -> list[str]:
    return [x.translate(_FULL_WIDTH) for x in _pipes(rows)]


def _run_full_width(rows: list[Row]) -> list[str]:
    return [x.translate(_FULL_WIDTH) for x in _run_together(rows)]


def _label_spaced(rows: list[Row]) -> list[str]:
    return [x.replace("(", " (").replace("分)", " 分)") for x in _spaced("  ")(rows)]


def _pdf_merged_centred(rows: list[Row]) -> list[str]:
    # A PDF's text layer prints a merged first-level cell beside the middle of its block
    # (pypdf, a typst-made 自评表 with rowspan): 数量… / 质量… / 产出指标(50分) / 时效…
    out = ["  ".join(HEADER)]
    label = rows[0][0]
    for n, r in enumerate(rows):
        out.append("  ".join(c for c in (["", *r[1:]] if n == 0 else r) if c))
        if n == 1:
            out.append(label)
    return out


def _header_per_page(sep: str) -> Callable[[list[Row]], list[str]]:
    """A 自评表 over two pages, its header printed again on the second (PDF text, a web page
    pasted page by page) with the page footer between (i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        out = [sep.join(HEADER)]
        for n, r in enumerate(rows):
            if n == 3:
                out += ["第 1 页，共 2 页", sep.join(HEADER)]
            out.append(sep.join(c for c in r if c or sep == " | "))
        return out
    return layout


_WORDS = {"≥500人": "不低于500人", "≥95%": "95%以上", "≥80%": "不少于80%", "≥90%": "达到90%"}


def _comparison_words(rows: list[Row]) -> list[str]:
    """指标值 and 实际完成值 written in words, as many provinces' forms print them (不低于500人,
    95%以上, 达到90%; actuals 完成520人, 达到98%, 100%完成 — 保山, 四川, 宁夏 tables; i11t)."""
    def actual(text: str) -> str:
        if not re.fullmatch(r"\d+(?:\.\d+)?(?:人|%)", text):
            return text
        return f"{text}完成" if text.startswith("9") else f"完成{text}" if "人" in text else f"达到{text}"
    return _pipes([[*r[:3], _WORDS.get(r[3], r[3]), actual(r[4]), *r[5:]] for r in rows])


_HEADER_DIRECTION = ["一级指标", "二级指标", "三级指标", "指标方向", "全年目标值", "全年实际值", "完成率",
                     "权重", "得分", "偏差原因"]


def _direction_columns(sep: str) -> Callable[[list[Row]], list[str]]:
    """Forms with a 指标方向 column (正向/反向) and a 完成率 column between the actual and the
    weight: 指标方向 | 全年目标值 | 全年实际值 | 完成率 | 权重 | 得分 (several provinces' 自评表 and
    their 绩效运行监控表 copies; i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        out = [sep.join(_HEADER_DIRECTION)]
        for r in rows:
            if r[0] == "总分":
                cells = ["总分", "", "", "", "", "", "", r[5], r[6], r[7]]
            else:
                target = r[3].lstrip("≥")
                t, a = re.match(r"\d+", target), re.match(r"\d+", r[4])
                rate = f"{int(a.group()) * 100 // int(t.group())}%" if t and a and "年" not in target \
                    else "100%"
                cells = [*r[:3], "正向", target, r[4], rate, *r[5:]]
            out.append(sep.join(c for c in cells if c or sep == " | "))
        return out
    return layout


def _completion_column(sep: str) -> Callable[[list[Row]], list[str]]:
    """实际完成值 | 完成情况 | 分值: a word column (已完成) beside the actual (i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        header = [*HEADER[:5], "完成情况", *HEADER[5:]]
        return [sep.join(c for c in r if c or sep == " | ") for r in
                [header, *([*r[:5], "" if r[0] == "总分" else "已完成", *r[5:]] for r in rows)]]
    return layout


def _total_first(sep: str) -> Callable[[list[Row]], list[str]]:
    """The 总分 row printed right under the header, before the rows it totals (as budget
    statements print 合计 first; i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        return [sep.join(c for c in r if c or sep == " | ") for r in [HEADER, rows[-1], *rows[:-1]]]
    return layout


def _reason_before_weight(sep: str) -> Callable[[list[Row]], list[str]]:
    """实际完成值 | 偏差原因分析及改进措施 | 分值 | 得分: the reason's text between the figures
    (copies of the form that move the weight and score to the right edge; i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        header = [*HEADER[:5], HEADER[7], HEADER[5], HEADER[6]]
        # (the 总分 row keeps its grade after the figures: 总分 | … | 100 | 99 | 优)
        return [sep.join(c for c in r if c or sep == " | ") for r in [header, *(
            [*r[:5], "", r[5], r[6], r[7]] if r[0] == "总分" else [*r[:5], r[7], r[5], r[6]]
            for r in rows)]]
    return layout


def _blank(text: str) -> str:
    """A cell wrapped inside the form: a blank where its line broke (年度 指标值, 分 值)."""
    return f"{text[:2]} {text[2:]}" if len(text) >= 2 else text


def _stray_blanks(one_line: bool) -> Callable[[list[Row]], list[str]]:
    """Run-together text with stray blanks, as document-sharing sites' text previews and OCR
    give a 自评表: no cell border, but a blank where a cell wrapped — in the header (年度 指标值,
    实际 完成值, 分 值, 得 分: taowenge i11f/13), in a category (产出 指标, 效益 指标: a 湖北 form,
    i13f/12) and in a long name; a row per line or the whole page on one (i13w)."""
    def layout(rows: list[Row]) -> list[str]:
        head = "".join(h if k < 3 else _blank(h) for k, h in enumerate(HEADER))
        body = ["".join(_blank(c) if (k == 0 and "指标" in c) or (k == 2 and len(c) >= 5) else c
                        for k, c in enumerate(r)) for r in rows]
        return ["".join([head, *body])] if one_line else [head, *body]
    return layout


def _worded_values(rows: list[Row]) -> list[Row]:
    """Targets and actuals in the forms' words (不低于500人, 95%以上; 完成520人, 98%完成)."""
    def actual(text: str) -> str:
        if not re.fullmatch(r"\d+(?:\.\d+)?(?:人|%)", text):
            return text
        return f"{text}完成" if text.startswith("9") else f"完成{text}" if "人" in text else f"达到{text}"
    return [[*r[:3], _WORDS.get(r[3], r[3]), actual(r[4]), *r[5:]] for r in rows]


def _run_worded(rows: list[Row]) -> list[str]:
    """Run-together rows whose targets and actuals are written in words (培训人数不低于500人完成
    520人2020无): the comparison belongs to the target, the statement to the actual — glued to
    the name and to the target, they were cells of their own (a 98% read as 分值 9, 得分 8%;
    i13w)."""
    return ["".join(r) for r in [HEADER, *_worded_values(rows)]]


def _run_numbered(rows: list[Row]) -> list[str]:
    """Run-together rows with a 序号 column (1产出指标… / 2质量指标…): each row's last figure was
    taken for a number cut by the line break (i13w)."""
    out = ["序号" + "".join(HEADER)]
    for k, r in enumerate(rows):
        out.append(("" if r[0] == "总分" else str(k + 1)) + "".join(r))
    return out


def _category_lines(sep: str) -> Callable[[list[Row]], list[str]]:
    """Each category on a line of its own before its rows, the first right under the header
    (PDF or pasted text of a form whose category cells are rows of their own or top-aligned
    and taller than their rows; i13w): a later label alone between rows heads the rows after
    it — a PDF printing merged cells beside the middle of their block never prints the first
    one before the first row."""
    def layout(rows: list[Row]) -> list[str]:
        out = [sep.join(HEADER)]
        for r in rows:
            if r[0] and r[0] != "总分":
                out.append(r[0])
                r = ["", *r[1:]]
            out.append(sep.join(c for c in r if c))
        return out
    return layout


LAYOUTS: dict[str, Callable[[list[Row]], list[str]]] = {
    "run-worded-values": _run_worded, "run-row-numbers": _run_numbered,
    "category-lines-spaces": _category_lines("  "), "category-lines-single": _category_lines(" "),
    "category-lines-tabs": _category_lines("\t"),
    "run-stray-blanks": _stray_blanks(False), "one-line-stray-blanks": _stray_blanks(True),
    "reason-before-weight": _reason_before_weight(" | "),
    "reason-before-weight-spaces": _reason_before_weight("  "),
    "total-first": _total_first(" | "), "total-first-spaces": _total_first("  "),
    "direction-columns": _direction_columns(" | "), "direction-columns-spaces": _direction_columns("  "),
    "completion-column": _completion_column(" | "),
    "completion-column-spaces": _completion_column("  "),
    "header-per-page": _header_per_page(" | "), "header-per-page-spaces": _header_per_page("  "),
    "comparison-words": _comparison_words,
    "pdf-merged-centred": _pdf_merged_centred,
    "pipes": _pipes, "merged-repeated": _repeated, "spaces": _spaced("  "),
    "single-spaces": _spaced(" "), "tabs": _tabs, "one-cell-per-line": _one_cell_per_line,
    "run-together": _run_together, "one-line": _one_line, "wrapped-20": _wrapped(20),
    "wrapped-30": _wrapped(30), "wrapped-45": _wrapped(45), "two-line-header": _two_line_header,
    "two-line-header-spaces": _two_line_header_spaces, "category-own-row": _category_own_row,
    "subtotal-rows": _subtotal_rows, "weight-before-target": _weight_before_target,
    "run-weight-first": _run_weight_first, "full-width": _full_width,
    "run-full-width": _run_full_width, "label-spaced": _label_spaced,
}


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_consistent_table_is_silent(layout: str) -> None:
    assert _errors(PRE + LAYOUTS[layout](_rows())) == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("planted", "stated", "expected"), [
    ({"w1": "25"}, "50", "55"),    # a row's weight: 产出 rows 25 + 15 + 15 under (50分)
    ({"cat1": "60"}, "60", "50"),  # the category's weight: 60 over rows of 50
    ({"cat2": "35"}, "35", "30"),
])
def test_planted_weight_error_is_found(layout: str, planted: dict[str, str], stated: str,
                                       expected: str) -> None:
    errors = _errors(PRE + LAYOUTS[layout](_rows(**planted)))
    assert ("weights-sum-mismatch", stated, expected) in errors


def test_category_weights_against_100_with_the_funds_row() -> None:
    """产出 60 + 效益 30 + 满意度 10 + 预算执行 10 = 110 ≠ 100 (the national form's funds 10分)."""
    errors = _errors(PRE + _run_together(_rows(cat1="60")))
    assert ("weights-sum-mismatch", "100", "110") in errors


def test_total_row_glued_is_read_as_points_and_score() -> None:
    """总分9099 (run together): no score of a 100-point form is 9099; its one reading is 90 | 99,
    so the finding names 99 above 90, never a score of 9099."""
    rows = _rows()
    rows[-1] = ["总分", "", "", "", "", "90", "99", ""]
    errors = _errors(PRE + _run_together(rows))
    assert ("sum-mismatch", "99", "90") in errors
    assert not any(stated == "9099" for _, stated, _ in errors)


def test_date_cells_of_a_run_together_row() -> None:
    """A 时效指标 row printed without separators keeps its dates as cells (2023年12月底前 |
    2023年11月), a 分值 glued before a year is cut off it (152023年 → 15 | 2023年), and the
    forms' 指标1 placeholder is no figure."""
    from jixiao.ingest.docmodel.cells import run_cells
    from jixiao.ingest.figures import extract_line

    texts = [c.text for c in run_cells(extract_line(1, "时效指标完成时间152023年12月底前2023年11月15无"))]
    assert texts == ["时效指标", "完成时间", "15", "2023年12月底前", "2023年11月", "15", "无"]
    texts = [c.text for c in run_cells(extract_line(1, "时效指标指标12021年11月30日前完成100%100%8"))]
    assert texts[:3] == ["时效指标", "指标1", "2021年11月30日前完成"]


NINGXIA = [
    "马铃薯种薯繁育项目绩效目标自评表(2022年度)",
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
    "产出指标({cat}分)数量指标指标1免费发放原原种{w}550万粒550万粒8指标2企业自行采购8200万粒200万粒8"
    "指标3繁育基地面积81000亩1000亩8质量指标指标1种薯合格率898%98%8",
]


@pytest.mark.parametrize(("cat", "w", "stated", "expected"), [
    ("32", "8", None, None), ("30", "8", "30", "32"), ("32", "12", "32", "36")])
def test_weight_glued_before_its_target_in_ocr_text(cat: str, w: str, stated: str | None,
                                                   expected: str | None) -> None:
    """The 宁夏 form prints 分值 before 年度指标值; OCR drops the border (固原 025: 免费发放原原种
    8550万粒550万粒8). Where the 指标值 is printed again as the 实际完成值 the cut is certain:
    8 | 550万粒 | 550万粒 | 8 (and 550万粒 is one cell: 粒 is the count after 万)."""
    lines = [x.format(cat=cat, w=w) for x in NINGXIA]
    errors = _errors(lines)
    if stated is None:
        assert errors == []
    else:
        assert ("weights-sum-mismatch", stated, expected) in errors


def test_split_lead_needs_the_target_printed_again() -> None:
    from jixiao.domain.audit.tables import TableCell
    from jixiao.ingest.docmodel.cells import split_lead

    def cell(text: str, start: int) -> TableCell:
        from jixiao.ingest.figures import extract_figures
        figs = tuple(extract_figures(text, normalised=True))
        return TableCell(text, 1, start, start + len(text), figs)

    pair = split_lead(cell("8550万粒", 0), cell("550万粒", 6))
    assert pair is not None and [c.text for c in pair] == ["8", "550万粒"]
    assert split_lead(cell("8550万粒", 0), cell("560万粒", 6)) is None  # no certain cut
    assert split_lead(cell("0550万粒", 0), cell("550万粒", 6)) is None  # no weight of 0
    assert split_lead(cell("120550万粒", 0), cell("550万粒", 6)) is None  # 120 is no 分值


def test_centred_label_after_another_category_is_not_adopted() -> None:
    """A first-level label printed away from its rows after another category's rows: which
    rows it holds is unknown, so no category's points are judged (silent, not a guess)."""
    lines = ["  ".join(HEADER),
             "效益指标(30分)  社会效益指标  学员就业率  ≥80%  85%  30  29  个别学员未就业",
             "数量指标  培训人数  ≥500人  520人  25  20  无",
             "产出指标(50分)",
             "质量指标  培训合格率  ≥95%  98%  15  15  无"]
    assert not [e for e in _errors(lines) if e[0] == "weights-sum-mismatch"]


def _typst_table(rows: list[Row], merged: bool, align: str = "top") -> str:
    cells: list[str] = []
    for n, r in enumerate(rows):
        for k, c in enumerate(r):
            if merged and k == 0 and n in (1, 2):
                continue  # covered by the first row's merged cell
            cells.append(f"table.cell(rowspan: 3)[{c}]" if merged and n == 0 and k == 0 else f"[{c}]")
    return ('#set page(width: 26cm, height: 20cm, margin: 1cm)\n'
            '#set text(font: "Noto Serif CJK SC", size: 9pt)\n'
            '2023年度项目支出绩效自评表\n\n'
            '#table(columns: 7, [项目资金（万元）], [年初预算数], [全年预算数], [全年执行数], [分值], '
            '[执行率], [得分], [年度资金总额], [100], [100], [100], [10], [100%], [10])\n\n'
            f'#table(align: {align}, columns: (2cm, 2cm, 2.2cm, 2cm, 2cm, 1cm, 1cm, 3cm), '
            + ", ".join(f"[{h}]" for h in HEADER) + ", " + ", ".join(cells) + ")\n")


@pytest.mark.skipif(not CJK_FONT_DIR.is_dir(), reason="fonts-noto-cjk is not installed")
@pytest.mark.parametrize("merged", [False, True])
@pytest.mark.parametrize("align", ["top", "horizon", "bottom"])
def test_pdf_with_narrow_columns_and_merged_category(tmp_path: Path, merged: bool,
                                                    align: str) -> None:
    """A PDF 自评表 with narrow columns (cells wrapped over lines: 产出指标 / (50分), 2023年12 /
    月底前) and, merged, the first-level cell printed beside the middle of its block. Cells
    centred or bottom-aligned (Word/WPS tables exported to PDF, i11t) put a wrapped cell's
    first lines above the row's other cells, split a wrapped date into two tokens
    (2023年12 月底前) and glue a row's last cell to the next row's category (无效益指标)."""
    import typst

    def errors(**planted: str) -> list[tuple[str, str, str]]:
        rows = _rows(**planted)
        rows[1][2] = "参训学员培训考核合格率"  # wrapped over three lines
        rows[3][7] = "个别学员未就业，已加强就业指导和跟踪服务"
        pdf = typst.compile(_typst_table(rows, merged, align).encode("utf-8"),
                            font_paths=[str(CJK_FONT_DIR)], ignore_system_fonts=True)
        assert isinstance(pdf, bytes)
        path = tmp_path / "table.pdf"
        path.write_bytes(pdf)
        return _errors(list(read_report(path).lines))

    assert errors() == []
    assert ("weights-sum-mismatch", "50", "55") in errors(w1="25")
    found = errors(cat1="60")
    assert ("weights-sum-mismatch", "60", "50") in found
    assert ("weights-sum-mismatch", "100", "110") in found  # with the funds row's 10


def _funds_inside(shape: str, sep: str, cat1: str = "50", funds: str = "10") -> list[str]:
    row = {"no-label": ["预算执行率", "", ""],
           "own-category": [f"预算执行情况({funds}分)", "预算执行率", "预算执行率"],
           "unnamed-category": ["预算执行", "预算执行率", "预算执行率"]}[shape]
    rows = [[*row, "100%", "100%", funds, funds, "无"], *_rows(cat1=cat1)]
    return ["2023年度项目支出绩效自评表", sep.join(HEADER),
            *(sep.join(c for c in r if c or sep == " | ") for r in rows)]


@pytest.mark.parametrize("shape", ["no-label", "own-category", "unnamed-category"])
@pytest.mark.parametrize("sep", [" | ", "  "])
def test_funds_row_inside_the_indicator_table(shape: str, sep: str) -> None:
    """预算执行率 10分 printed as the indicator table's first row (the 2021 national form; 四川's
    预算执行 10分 + 绩效指标 90分): its name merged over the label columns, under its own
    category, or under an unnamed one. It is read as a row (not as the header's last cell),
    counts toward 100 outside every category, and the table stays provably complete."""
    assert _errors(_funds_inside(shape, sep)) == []
    found = _errors(_funds_inside(shape, sep, cat1="60"))
    assert ("weights-sum-mismatch", "60", "50") in found  # 产出 rows 50 under (60分)
    assert ("weights-sum-mismatch", "100", "110") in found  # 60 + 30 + 10 + 预算执行 10
    assert ("weights-sum-mismatch", "100", "110") in _errors(_funds_inside(shape, sep, funds="20"))


FRAMEWORK_HEADER = ["一级指标", "二级指标", "三级指标", "参考分值", "指标值(A)", "全年实际值(B)", "得分",
                    "未完成原因分析及改进措施"]


def _framework(d: str = "10", w: str = "4", m: str = "25", o: str = "30") -> list[Row]:
    """The evaluation framework's 自评表 (决策/管理/产出/效益 with points in the label, 分值
    before 指标值, second levels with their own points: 银川 103's form, written clean)."""
    return [
        [f"项目决策({d}分)", "项目立项", "项目目标完整性", w, "目标明确", "目标明确", w, ""],
        ["", "", "立项相关性", "2", "符合要求", "符合要求", "2", ""],
        ["", "", "可行性", "2", "实际需求", "实际需求", "2", ""],
        ["", "", "适当性", "2", "有测算标准", "有测算标准", "2", ""],
        [f"项目管理({m}分)", "投入管理", "预算执行率", "10", "100%", "100%", "10", ""],
        ["", "财务管理", "财务管理制度有效性", "7", "制度健全", "制度健全", "7", ""],
        ["", "项目实施", "绩效监控有效性", "2", "持续有效", "持续有效", "2", ""],
        ["", "", "管理制度有效性", "6", "严格执行", "严格执行", "6", ""],
        [f"项目产出({o}分)", "数量指标(10分)", "保障人数", "10", "2370人", "2370人", "10", ""],
        ["", "质量指标(5分)", "公用经费标准", "5", "符合文件", "符合文件", "5", ""],
        ["", "时效指标(5分)", "完成时间", "5", "2021年12月", "2021年12月", "5", ""],
        ["", "成本指标(10分)", "办公所需成本", "4", "15万元", "15万元", "4", ""],
        ["", "", "维修所需成本", "3", "35万元", "35万元", "3", ""],
        ["", "", "水电费等成本", "3", "14.8万元", "14.8万元", "3", ""],
        ["项目效益(35分)", "社会效益指标", "办学条件", "15", "改善", "改善", "15", ""],
        ["", "可持续影响指标", "办学环境", "10", "社会认可", "社会认可", "10", ""],
        ["", "服务对象满意度指标(10分)", "学生满意度", "10", "≥90%", "95%", "10", ""],
        ["合计", "", "", "100", "", "", "100", ""]]


@pytest.mark.parametrize("sep", [" | ", "  ", ""])
@pytest.mark.parametrize(("planted", "stated", "expected"), [
    ({}, None, None), ({"d": "13"}, "13", "10"), ({"w": "5"}, "10", "11"),
    ({"m": "22"}, "22", "25"), ({"o": "38"}, "38", "30")])
def test_evaluation_framework_table(sep: str, planted: dict[str, str], stated: str | None,
                                    expected: str | None) -> None:
    """项目产出(30分) is a first level (it was lumped into 项目管理: a false 25 ≠ 45), 成本指标 under
    it a second level; run together, 项目决策(10分) and 参考分值 are cut as names and (A)/(B)
    stay in the header."""
    lines = ["银川市本级部门项目支出绩效自评表(2021年)", sep.join(FRAMEWORK_HEADER),
             *(sep.join(c for c in r if c or sep == " | ") for r in _framework(**planted))]
    errors = _errors(lines)
    if stated is None:
        assert errors == []
    else:
        assert ("weights-sum-mismatch", stated, expected) in errors


def test_rows_of_another_first_level_judge_no_category() -> None:
    """A first-level label the reader misses lumps its rows into the category before: 数量指标
    rows under 项目管理 say so, and 项目管理's points are not judged (no false alarm)."""
    rows = _framework()
    rows[8][0] = "产出绩效(30分)x"  # no label of the forms: its rows fall under 项目管理
    lines = [" | ".join(FRAMEWORK_HEADER), *(" | ".join(r) for r in rows)]
    assert not [e for e in _errors(lines) if e[:2] == ("weights-sum-mismatch", "25")]


def _weights_only(sep: str, cat: str = "50", w: str = "20", total: str = "100") -> list[str]:
    header = ["一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"]
    rows = [[f"产出指标({cat}分)", "数量指标", "培训人数", "≥500人", w, ""],
            ["", "质量指标", "培训合格率", "≥95%", "15", ""],
            ["", "时效指标", "完成时间", "2023年12月底前", "15", ""],
            ["效益指标(30分)", "社会效益指标", "学员就业率", "≥80%", "30", ""],
            ["满意度指标(10分)", "服务对象满意度指标", "学员满意度", "≥90%", "10", ""],
            ["预算执行率", "", "", "100%", "10", ""],
            ["总分", "", "", "", total, ""]]
    return ["2023年度项目绩效目标表",
            *(sep.join(c for c in r if c or sep == " | ") for r in [header, *rows])]


@pytest.mark.parametrize("sep", [" | ", "  ", ""])
@pytest.mark.parametrize(("planted", "stated", "expected"), [
    ({}, None, None), ({"cat": "60"}, "60", "50"), ({"w": "25"}, "50", "55"),
    ({"total": "90"}, "90", "100"), ({"total": "110"}, "110", "100")])
def test_table_of_weights_without_scores(sep: str, planted: dict[str, str], stated: str | None,
                                         expected: str | None) -> None:
    """A 绩效目标表/评价指标表 weighting its indicators (指标值 | 分值, no 得分: 宁晋 120's kind),
    预算执行率 its last row (blank label cells dropped by spaces, so the 满意度 labels carried
    onto it must not take it): weights against their categories and the 总分 row's points."""
    errors = _errors(_weights_only(sep, **planted))
    if stated is None:
        assert errors == []
    else:
        assert ("weights-sum-mismatch", stated, expected) in errors


def test_framework_budget_execution_row_stays_in_its_category() -> None:
    """Under the evaluation framework 预算执行率 is an indicator of 项目管理 (投入管理), not the
    funds row: its 10 points count in 项目管理(25分)."""
    lines = [" | ".join(FRAMEWORK_HEADER), *(" | ".join(r) for r in _framework())]
    assert _errors(lines) == []


def _wrapped_run(rows: list[Row], width: int, by_row: bool) -> list[str]:
    texts = ["".join(r) for r in [HEADER, *rows]]
    if not by_row:
        texts = ["".join(texts)]
    return [t[i:i + width] for t in texts for i in range(0, len(t), width)]


@pytest.mark.parametrize("width", range(15, 61, 3))
@pytest.mark.parametrize("by_row", [False, True])
def test_run_together_text_rewrapped_at_a_fixed_width_is_silent(width: int, by_row: bool) -> None:
    """OCR or copied text re-wrapped at a width cuts numbers and words anywhere (…85%302 /
    9个别学员…): a number cut in two is never read as two figures (it gave 2 of 30 and 29 above
    3), so the consistent table stays silent whatever the width, the whole text or each row
    wrapped."""
    assert _errors(PRE + _wrapped_run(_rows(), width, by_row)) == []


@pytest.mark.parametrize(("width", "by_row"), [(21, False), (30, False), (33, False), (42, False),
                                               (51, False), (60, False), (36, True), (45, True)])
def test_run_together_text_rewrapped_planted_weights(width: int, by_row: bool) -> None:
    """Lines of one width (three at least) are cut as the one text they were, each cell kept
    on the line it ends on: the planted weights are found."""
    for planted, want in (({"w1": "25"}, ("50", "55")), ({"cat1": "60"}, ("60", "50")),
                          ({"cat2": "35"}, ("35", "30"))):
        errors = _errors(PRE + _wrapped_run(_rows(**planted), width, by_row))
        assert ("weights-sum-mismatch", *want) in errors


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("planted", "want"), [
    ({"score": "25"}, ("score-above-weight", "25", "20")),   # 25 of 20 points
    ({"total": "95"}, ("sum-mismatch", "95", "99")),         # 20+15+15+29+10 + funds 10 = 99
    ({"grade": "良"}, ("grade-mismatch", "99", "None")),     # 99 is 优 on the national bands
])
def test_scores_total_and_grade_in_every_layout(layout: str, planted: dict[str, str],
                                                want: tuple[str, str, str]) -> None:
    rows = _rows()
    rows[0][6] = planted.get("score", rows[0][6])
    rows[-1][6] = planted.get("total", rows[-1][6])
    rows[-1][7] = planted.get("grade", rows[-1][7])
    assert want in _errors(PRE + LAYOUTS[layout](rows))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_docked_and_rescored_rows_in_every_layout(layout: str) -> None:
    """A met row scored 12 of 15 without reason (docked), and a short row (450 of ≥500人)
    scored 15 where the national rule gives 20 × 450 ÷ 500 = 18 (score-rule); 18 is silent."""
    docked = _rows()
    docked[1][6], docked[-1][6] = "12", "96"
    assert ("score-docked-achieved", "12", "15") in _errors(PRE + LAYOUTS[layout](docked))
    short = _rows()
    short[0][4], short[0][6], short[-1][6] = "450人", "15", "94"
    assert ("score-rule-mismatch", "15", "18.00") in _errors(PRE + LAYOUTS[layout](short))
    short[0][6], short[-1][6] = "18", "97"
    assert _errors(PRE + LAYOUTS[layout](short)) == []


@pytest.mark.parametrize("layout", ["single-spaces", "spaces", "pipes"])
def test_unit_spaced_from_its_figure(layout: str) -> None:
    """OCR and pasted text put a space between a figure and its unit (520 人, 98 %): in
    space-separated rows the unit is no cell of its own."""
    def spaced(rows: list[Row]) -> list[Row]:
        return [[re.sub(r"(\d)(人|%)", r"\1 \2", c) for c in r] for r in rows]
    assert _errors(PRE + LAYOUTS[layout](spaced(_rows()))) == []
    assert ("weights-sum-mismatch", "50", "55") in _errors(
        PRE + LAYOUTS[layout](spaced(_rows(w1="25"))))
    assert ("weights-sum-mismatch", "60", "50") in _errors(
        PRE + LAYOUTS[layout](spaced(_rows(cat1="60"))))


@pytest.mark.parametrize("layout", ["pipes", "spaces", "run-together", "one-cell-per-line"])
def test_budget_execution_rate_as_an_output_indicator(layout: str) -> None:
    """预算执行率 may be a 时效指标 of 产出 (its own row there, 15 of 产出's 50): not the funds
    row then — 产出's points are not found short (the reading that agrees is kept)."""
    rows = _rows()
    rows[2] = ["", "时效指标", "预算执行率", "≥90%", "100%", "15", "15", "无"]
    assert not [e for e in _errors(PRE + LAYOUTS[layout](rows)) if e[0] == "weights-sum-mismatch"]


def _yunnan(sep: str, cat: str = "50", w: str = "20") -> list[str]:
    """The Yunnan form: 年度指标值 printed as 指标性质 | 指标值 | 度量单位 under one header cell;
    a 时效指标 row's target ＝ 12 月 and actual 11月 (a date, no figure)."""
    rows = [[f"产出指标({cat}分)", "数量指标", "培训人数", "≥", "500", "人", "520人", w, "20", "无"],
            ["", "质量指标", "培训合格率", "≥", "95", "%", "98%", "15", "15", "无"],
            ["", "时效指标", "完成时间", "=", "12", "月", "11月", "15", "15", "无"],
            ["效益指标(30分)", "社会效益指标", "学员就业率", "≥", "80", "%", "85%", "30", "29",
             "个别学员未就业"],
            ["满意度指标(10分)", "服务对象满意度指标", "学员满意度", "≥", "90", "%", "95%", "10", "10",
             "无"],
            ["总分", "", "", "", "", "", "", "100", "99", ""]]
    return [*PRE[:-1], *(sep.join(c for c in r if c or sep == " | ") for r in [HEADER, *rows])]


@pytest.mark.parametrize("sep", [" | ", "  "])
def test_yunnan_form_target_in_three_cells(sep: str) -> None:
    assert _errors(_yunnan(sep)) == []
    assert ("weights-sum-mismatch", "50", "55") in _errors(_yunnan(sep, w="25"))
    assert ("weights-sum-mismatch", "60", "50") in _errors(_yunnan(sep, cat="60"))


YUNNAN_PDF = """年度指标值
一级指标 二级指标 三级指标 实际完成值 分值 得分 偏差原因分析及改进措施
指标性质 指标值 度量单位
产出指标 数量指标 培训人数 ≧ 500 人 520 {w} 20
质量指标 培训合格率 ═ 100 % 100 30 30
效益指标 社会效益指标 学员就业率 ≧ 80 % 85 30 30
满意度指标 服务对象满意 度指标 学员满意度 ≧ 90 % 95 10 10
总分 90 90 优"""


def test_group_header_over_its_subheader_in_pdf_text() -> None:
    """pypdf text of the Yunnan 公开14表 form: 年度指标值 on the line above the header, its
    指标性质 | 指标值 | 度量单位 on the line below — the group is read before 实际完成值, where
    the form prints it (the columns came last and every row was misread: a false 100 ≠ 640.84
    on the form rendered from the seed's example)."""
    assert _errors(YUNNAN_PDF.format(w="20").splitlines()) == []
    found = _errors(YUNNAN_PDF.format(w="25").splitlines())
    assert ("score-docked-achieved", "20", "25") in found


SHEET_HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
SHEET = [["项目决策", "20", "项目立项", "8", "立项依据充分性", "4", "4"],
         ["", "", "", "", "立项程序规范性", "4", "{s}"],
         ["", "", "绩效目标", "6", "绩效目标合理性", "3", "3"],
         ["", "", "", "", "绩效指标明确性", "3", "2"],
         ["", "", "资金投入", "6", "预算编制科学性", "3", "3"],
         ["", "", "", "", "资金分配合理性", "3", "3"],
         ["项目过程", "20", "资金管理", "10", "资金到位率", "5", "5"],
         ["", "", "", "", "预算执行率", "5", "4"],
         ["", "", "组织实施", "10", "管理制度健全性", "5", "5"],
         ["", "", "", "", "制度执行有效性", "5", "5"],
         ["项目产出", "30", "产出数量", "30", "实际完成率", "30", "28"],
         ["项目效益", "30", "项目效益", "30", "满意度", "30", "29"],
         ["合计", "100", "", "", "", "", "{t}"]]


@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize(("s", "t", "want"), [
    ("4", "95", None), ("5", "95", ("score-above-weight", "5", "4")),
    ("4", "93", ("sum-mismatch", "93", "95"))])
def test_score_sheet_without_targets(sep: str, s: str, t: str,
                                     want: tuple[str, str, str] | None) -> None:
    """An evaluation's score sheet (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分, no 指标值
    or 实际值) is a table: scores against weights, the 合计 against the scores."""
    lines = [sep.join(c for c in r if c or sep == " | ")
             for r in [SHEET_HEADER, *([c.format(s=s, t=t) for c in r] for r in SHEET)]]
    errors = _errors(lines)
    assert errors == [] if want is None else want in errors


@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize(("cell", "value", "want"), [
    ((0, 1), "25", ("weights-sum-mismatch", "25", "20")),  # 项目决策 25 over rows of 20
    ((0, 3), "6", ("weights-sum-mismatch", "6", "8")),     # 项目立项 6 under rows of 4 + 4
])
def test_score_sheet_level_points(sep: str, cell: tuple[int, int], value: str,
                                  want: tuple[str, str, str]) -> None:
    """Each level's 分值 column of a score sheet: a label and its points (项目决策 | 20 | 项目立项
    | 8 | …) are the category's and the second level's points."""
    rows = [[c.format(s="4", t="95") for c in r] for r in SHEET]
    rows[cell[0]][cell[1]] = value
    lines = [sep.join(c for c in r if c or sep == " | ") for r in [SHEET_HEADER, *rows]]
    assert want in _errors(lines)


@pytest.mark.parametrize("sep", [" | ", "  "])
def test_next_project_form_ends_the_table(sep: str) -> None:
    """A report of several projects prints one form each: the next form's 项目名称 and funds
    block end the table before it even without its 总分 row (its 年度资金总额 row was read as a
    满意度 indicator: a false 10 ≠ 110), and the second form's header starts a table of its own
    rather than continuing the first (i11t)."""
    def forms(first: list[Row], second: list[Row]) -> list[str]:
        def table(rows: list[Row]) -> list[str]:
            return [sep.join(c for c in r if c or sep == " | ") for r in [HEADER, *rows]]
        return [*PRE, *table(first[:-1]), "项目名称：乙项目", *PRE[2:4], *table(second)]
    assert _errors(forms(_rows(), _rows())) == []
    found = _errors(forms(_rows(), _rows(cat1="60")))
    assert ("weights-sum-mismatch", "60", "50") in found
    assert not [e for e in found if e[1] == "10"]


@pytest.mark.parametrize(("actual", "docked"), [
    ("达到520人", True), ("完成520人", True), ("已完成520人", True), ("520人完成", True),
    ("约520人", False), ("520余人", False), ("不低于520人", False), ("完成520人以上", False)])
def test_actual_written_in_words(actual: str, docked: bool) -> None:
    """An actual written as a statement (达到/完成/已完成 …, …完成) is its figure; an approximate
    or bounded actual (约, 余, 不低于, 以上) is no exact operand: nothing is certain then (i11t)."""
    rows = _rows()
    rows[0][4], rows[0][6], rows[-1][6] = actual, "15", "94"
    errors = _errors(PRE + _pipes(rows))
    assert (("score-docked-achieved", "15", "20") in errors) is docked
    assert not [e for e in errors if e[0] == "score-rule-mismatch"]


def _weight_score_glued(sep: str) -> Callable[[list[Row]], list[str]]:
    """OCR of a scanned 自评表 losing the gap between the 分值 and 得分 columns only (`… 520人
    2020 无`, the 总分 row `10099`), the other columns kept apart (i11t)."""
    def layout(rows: list[Row]) -> list[str]:
        out = [sep.join(HEADER)]
        for r in rows:
            cells = [r[0], r[5] + r[6], r[7]] if r[0] == "总分" else [*r[:5], r[5] + r[6], r[7]]
            out.append(sep.join(c for c in cells if c or sep == " | "))
        return out
    return layout


@pytest.mark.parametrize("sep", ["  ", " ", " | "])
def test_weight_and_score_glued_in_separated_rows(sep: str) -> None:
    """Each row of a 自评表 is scored, so a number cell followed by no score (the reason, 无, the
    row's end) is 分值 and 得分 run together when exactly one cut gives a score within the
    weight: 2020 → 20 | 20, 1512 → 15 | 12. The relations of the other columns are then read:
    weights, total, docked, re-scoring."""
    layout = _weight_score_glued(sep)
    assert _errors(PRE + layout(_rows())) == []
    assert ("weights-sum-mismatch", "50", "55") in _errors(PRE + layout(_rows(w1="25")))
    assert ("weights-sum-mismatch", "60", "50") in _errors(PRE + layout(_rows(cat1="60")))
    rows = _rows()
    rows[-1][6] = "95"
    assert ("sum-mismatch", "95", "99") in _errors(PRE + layout(rows))
    rows = _rows()
    rows[1][6], rows[-1][6] = "12", "96"
    assert ("score-docked-achieved", "12", "15") in _errors(PRE + layout(rows))


def test_glued_weight_is_not_cut_where_the_reading_is_not_certain() -> None:
    """Not cut: a score above the weight (2025: the relation being checked would choose the
    cut), a blank score cell the layout kept (`15 | | 无`), a unit or a figure after the number
    (a misaligned row: 010's `… | 学生满意度 | ≧ | 95 | % |` read one cell early)."""
    rows = _rows()
    rows[0][6] = "25"
    assert not [e for e in _errors(PRE + _weight_score_glued("  ")(rows)) if e[1] in ("25", "2025")]
    rows = _rows()
    rows[1][6], rows[-1][6] = "", "84"  # 质量 row's score left blank: 15 stays its weight
    lines = PRE + [" | ".join(r) for r in [HEADER, *rows]]
    assert not [e for e in _errors(lines) if e[1] in ("1", "5")]
    from jixiao.ingest.docmodel.cells import line_cells
    from jixiao.ingest.docmodel.tables import _unscored_pair
    from jixiao.ingest.figures import extract_line

    def cut(text: str) -> list:
        return [c for c in line_cells(extract_line(1, text)) if c.text.strip()]

    row = cut("| 学员满意度 | ≥90% | 95% | 1010 | 无 |")
    pair = _unscored_pair(row, 3, {"target": row[1], "actual": row[2]})
    assert pair is not None and [c.text for c in pair] == ["10", "10"]
    row = cut("| 学员满意度 | 服务对象 | ≧ | 95 | % |")  # misaligned: an operator as the actual
    assert _unscored_pair(row, 3, {"target": row[1], "actual": row[2]}) is None
    row = cut("| 学员满意度 | ≥90% | 95% | 95 | % |")  # a unit after the number
    assert _unscored_pair(row, 3, {"target": row[1], "actual": row[2]}) is None
    row = cut("| 学员满意度 | ≥90% | 95% | 95 | 10 |")  # a figure after it: its score
    assert _unscored_pair(row, 3, {"target": row[1], "actual": row[2]}) is None


@pytest.mark.parametrize("label", ["自评得分", "项目自评得分", "绩效自评得分", "自评总得分", "评价得分",
                                   "合  计", "总  分", "合计", "总分"])
@pytest.mark.parametrize("sep", ["  ", " | "])
def test_total_row_labels(label: str, sep: str) -> None:
    """The last row's label in the form's local copies (自评得分, 项目自评得分, 评价得分 …) and a
    two-character label letter-spaced by the typesetting (合  计, cut in two by the blanks of
    PDF text; as one spaced 合计 it gave a false weights 10 ≠ 19): the row is the total (i11t)."""
    def lines(total: str) -> list[str]:
        rows = _rows()
        rows[-1][0], rows[-1][6] = label, total
        return PRE + [sep.join(c for c in r if c or sep == " | ") for r in [HEADER, *rows]]
    assert _errors(lines("99")) == []
    assert ("sum-mismatch", "95", "99") in _errors(lines("95"))


def _centred_pdf_text(rows: list[Row]) -> list[str]:
    """pypdf's text of a table with vertically centred cells, written out: a wrapped date cell
    comes back as two tokens and the next row's category is glued to the row's last cell."""
    out = _spaced("  ")(rows)
    out = [x.replace("2023年12月底前", "2023年12 月底前").replace("2023年11月", "2023年11 月") for x in out]
    at = next(n for n, x in enumerate(out) if x.startswith("效益指标"))
    label, rest = out[at].split("  ", 1)
    out[at - 1] += label
    out[at] = rest
    return out


def test_wrapped_dates_and_a_category_glued_to_the_row_before() -> None:
    assert _errors(PRE + _centred_pdf_text(_rows())) == []
    assert ("weights-sum-mismatch", "35", "30") in _errors(PRE + _centred_pdf_text(_rows(cat2="35")))
    assert ("weights-sum-mismatch", "50", "55") in _errors(PRE + _centred_pdf_text(_rows(w1="25")))


DEPT_HEADER = ["序号", "一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "指标说明及评分标准",
               "自评得分"]


def _dept_sheet(sep: str, l1: str = "15", l2: str = "6", w: str = "3", s: str = "3") -> list[str]:
    """A 部门整体支出绩效评价自评表 (score sheet: 序号 | 一级 | 二级 | 三级 | 指标分值 | 指标解释 |
    指标说明及评分标准 | 自评得分), both label levels stating points and printed once over their
    block, the criteria stating points of their own (每项1分): invented after the county sheets
    of the genre (寿县 417's kind; i11t)."""
    rows = [["1", f"规划({l1}分)", "基础信息(3分)", "基础信息完整性", "3", "基础信息是否真实完整",
             "1、真实(1分);2、完整(1分);3、准确(1分)", "3"],
            ["2", "", f"工作计划({l2}分)", "计划完整性", w, "年度工作计划是否完整", "完整可行(3分)", s],
            ["3", "", "", "计划明确性", "3", "年度工作计划是否明确", "明确可操作(3分)", "3"],
            ["4", "", "绩效目标(6分)", "目标合理性", "4", "目标是否合理",
             "1、设置目标(2分,其中整体目标1分,项目目标1分);2、依据充分(1分);3、合理(1分)", "4"],
            ["5", "", "", "目标明确性", "2", "目标是否细化量化", "明确量化(2分)", "2"],
            ["6", "执行(35分)", "预算执行(18分)", "预算执行率", "18", "执行数与预算数的比率",
             "执行率每低1%扣0.5分", "18"]]
    return [sep.join(c for c in r if c or sep == " | ") for r in [DEPT_HEADER, *rows]]


@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize(("planted", "want"), [
    ({}, None),
    ({"w": "6"}, ("weights-sum-mismatch", "6", "9")),       # 工作计划 rows 6 + 3 above its 6
    ({"l2": "5"}, ("weights-sum-mismatch", "5", "6")),      # 工作计划(5分) under rows of 6
    ({"s": "5"}, ("score-above-weight", "5", "3")),
])
def test_department_score_sheet_with_criteria_and_pointed_levels(
        sep: str, planted: dict[str, str], want: tuple[str, str, str] | None) -> None:
    """The criteria column is a text column of its own (its figures were read as the row's
    score: a false 5 above 4 on 417's kind), and 规划(15分) | 基础信息(3分) are the first and
    second levels, a lone 工作计划(6分) before a name the second too."""
    errors = _errors(_dept_sheet(sep, **planted))
    assert errors == [] if want is None else want in errors


def _anhui(sep: str, cat: str = "50", w: str = "20", s: str = "20") -> list[str]:
    """The 安徽 衔接资金 form (分值 before 年度指标值; 未完成原因及拟采取的改进措施): the category
    letter-spaced and alone on its line under a header ending in blank cells, an indicator's
    breakdown in 其中 rows carrying only target and actual, the template's …… rows (i11t;
    the form of round3 dev 405)."""
    header = ["二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
              "未完成原因及拟采取的改进措施", "", ""]
    rows = [[f"产 出 指 标 ({cat}分)"],
            ["数量指标", "补助种植面积", w, "30亩", "30亩", s, "", "", ""],
            ["其中果树种植面积", "10亩", "10亩", "", "", "", "", "", ""],
            ["其中蔬菜种植面积", "20亩", "20亩", "", "", "", "", "", ""],
            ["补助养殖数量", "20", "200只", "200只", "20", "", "", "", ""],
            ["质量指标", "", "", "", "", "", "", "", ""],
            ["种植成活率", "10", "95%", "98%", "10", "", "", "", ""],
            ["……", "", "", "", "", "", "", "", ""],
            ["效 益 指 标 (30分)"],
            ["社会效益指标", "受益人口数量", "30", "90人", "90人", "30", "", "", ""]]
    return ["绩效目标自评表(2023年度)", "绩效指标 | 一级 指标", *(
        sep.join(c for c in r if c or sep == " | ") for r in [header, *rows])]


@pytest.mark.parametrize("sep", [" | ", "  "])
@pytest.mark.parametrize(("planted", "want"), [
    ({}, None),
    ({"cat": "35"}, ("weights-sum-mismatch", "35", "50")),
    ({"w": "25", "s": "25"}, ("weights-sum-mismatch", "50", "55")),
    ({"s": "18"}, ("score-docked-achieved", "18", "20")),
])
def test_breakdown_rows_and_template_fillers(sep: str, planted: dict[str, str],
                                             want: tuple[str, str, str] | None) -> None:
    errors = _errors(_anhui(sep, **planted))
    assert errors == [] if want is None else want in errors


@pytest.mark.parametrize("field", ["自评总分：{}", "自评总分: {}", "自评得分：{}分", "总得分：{}",
                                   "填报日期：2024年3月1日 自评总分: {} 单位领导审签:"])
def test_total_as_a_field_of_the_form_head(field: str) -> None:
    """The total written as a field above a table printing no 总分 row (湖北 广水's form head:
    填报日期 … 自评总分: 69 …; a label, a colon, 分 optional): against the scores, which the
    weights prove complete (89 + the funds row's 10 = 99). The date of the field before it
    is not the score's period (i11t)."""
    def lines(total: str) -> list[str]:
        return [PRE[0], field.format(total), *PRE[1:], *_pipes(_rows()[:-1])]
    assert _errors(lines("99")) == []
    assert ("sum-mismatch", "95", "99") in _errors(lines("95"))
    assert ("sum-mismatch", "95", "99") not in _errors(lines("约95"))


@pytest.mark.parametrize("row", ["评价等级 | | | | | | {} |", "自评等级 | {}", "自评结果 | | {}",
                                 "总分 | | | | | 100 | 99 | 自评等级 | {}"])
def test_grade_as_a_row_under_the_total(row: str) -> None:
    """The grade printed as a row of its own under the 总分 row — its label, blank cells, the
    grade under a column (评价等级 | | … | 良好 |) — or beside the total (i11t)."""
    def lines(grade: str) -> list[str]:
        rows = _rows()
        body = _pipes(rows if "总分" not in row else rows[:-1])
        return PRE + body + [row.format(grade)]
    assert _errors(lines("优秀")) == []
    assert ("grade-mismatch", "99", "None") in _errors(lines("良好"))


def _spaced_rewrapped(rows: list[Row], width: int) -> list[str]:
    return [x[i:i + width] for x in _spaced("  ")(rows) for i in range(0, len(x), width)]


@pytest.mark.parametrize("width", range(15, 61, 5))
def test_spaced_rows_rewrapped_at_a_fixed_width_are_silent(width: int) -> None:
    """Space-separated rows (PDF text, pasted tables) re-wrapped at one width cut a number at a
    line's end (…98%  1 / 5  15  无): the pieces are no two figures (a false score 5 above a
    weight 1 on main at width 25). A length three lines share is the width; rows wrapped one by
    one leave their last lines shorter (i11t)."""
    assert _errors(PRE + _spaced_rewrapped(_rows(), width)) == []


def test_spaced_rows_rewrapped_keep_what_is_whole() -> None:
    assert ("weights-sum-mismatch", "60", "50") in _errors(PRE + _spaced_rewrapped(_rows(cat1="60"), 40))


# --- the 总分 when the funds row's points were not read (i12w) ------------------------------
#
# The funds block printed apart from the indicator table and lost (a page of its own, a capture
# starting below it), or a form scoring 预算执行 in a block the text does not keep: the rows
# make 90 of the 100 points. Their categories' points prove every row read; the total then lies
# between the rows' scores and those plus the 10 points not read.


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_total_between_the_rows_scores_and_the_points_not_read(layout: str) -> None:
    def rows(score: str = "20", total: str = "99") -> list[Row]:
        out = _rows()
        out[0][6], out[-1][6] = score, total
        return out

    lines = ["2023年度项目支出绩效自评表", *LAYOUTS[layout](rows())]
    assert _errors(lines) == []
    # the funds row scored 6 of its 10
    assert _errors(["2023年度项目支出绩效自评表", *LAYOUTS[layout](rows(total="95"))]) == []
    # a row's score lowered: the rows make 84, the 10 points left allow at most 94
    found = _errors(["2023年度项目支出绩效自评表", *LAYOUTS[layout](rows(score="15"))])
    assert ("sum-mismatch", "99", "94") in found
    # a total below what the rows alone score
    assert ("sum-mismatch", "85", "89") in _errors(["2023年度项目支出绩效自评表",
                                                     *LAYOUTS[layout](rows(total="85"))])


@pytest.mark.parametrize("width", range(15, 61, 3))
@pytest.mark.parametrize("by_row", [False, True])
def test_rewrapped_table_without_its_funds_row_is_silent(width: int, by_row: bool) -> None:
    """Re-wrapped run-together text misreads rows (a 满意度 row read as 分值 9, 得分 5): its
    categories then no longer account for its rows, so no bound is judged — silent."""
    assert _errors(["2023年度项目支出绩效自评表", *_wrapped_run(_rows(), width, by_row)]) == []


# --- the copies' wordings in every layout (i12w) ----------------------------------------------
#
# Provincial and county copies name the same columns and labels in other words (see
# test_table_wordings.py): each is run here through every layout above, consistent and with a
# category's points raised.

_WORDINGS = {
    "category-weight-in-percent": ({}, "（权重{}%）"),
    "category-points-bracketed": ({}, "[{}分]"),
    "weight-column-满分": ({5: "满分"}, ""),
    "target-column-计划值": ({3: "计划值"}, ""),
}
_OWN_HEADER = {"weight-before-target", "run-weight-first", "direction-columns",
               "direction-columns-spaces"}


def _worded(cat: str, **planted: str) -> list[Row]:
    rows = _rows(**planted)
    if cat:
        for r in rows:
            m = re.fullmatch(r"(.*)\((\d+)分\)", r[0])
            if m:
                r[0] = m.group(1) + cat.format(m.group(2))
    return rows


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("wording", sorted(_WORDINGS))
def test_copies_wordings_in_every_layout(layout: str, wording: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    columns, cat = _WORDINGS[wording]
    if columns and layout in _OWN_HEADER:
        pytest.skip("the layout prints a header of its own")
    header = list(HEADER)
    for at, word in columns.items():
        header[at] = word
    monkeypatch.setattr(sys.modules[__name__], "HEADER", header)
    assert _errors(PRE + LAYOUTS[layout](_worded(cat))) == []
    assert ("weights-sum-mismatch", "60", "50") in _errors(PRE + LAYOUTS[layout](_worded(cat, cat1="60")))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("label", ["综合得分", "自评得分"])
def test_total_row_with_points_in_分_is_the_tables(layout: str, label: str) -> None:
    """A 总分 row labelled 综合得分/自评得分 with its figures in 分 (`综合得分  100分  99分`), printed
    without pipes, was read as prose stating the total score 100 against the table's 99 (a
    false restated error in spaces and tabs; i13w): the 总分 row's lines are the table's."""
    if layout.startswith(("total-first", "direction-columns", "completion-column",
                          "reason-before-weight")):
        pytest.skip("the layout prints the 总分 row by its label 总分")
    def rows(total: str = "99") -> list[Row]:
        out = [[*r[:5], f"{r[5]}分" if r[5] else "", f"{r[6]}分" if r[6] else "", r[7]]
               for r in _rows()]
        out[-1][0], out[-1][6] = label, f"{total}分"
        return out
    assert _errors(PRE + LAYOUTS[layout](rows())) == []
    assert ("sum-mismatch", "95", "99") in _errors(PRE + LAYOUTS[layout](rows("95")))
