"""The audit's findings do not depend on how a report's text was carried (issue 10, i13j).

The same 自评报告 reaches the audit typeset as a PDF (tables ruled, cells wrapped over
several lines, paragraphs broken at the margin), as a web page whose paragraphs were run
together, or with its full stops lost. Each variant here is a genre sentence or table in
one of those carriages; it must give the error findings of the text as written — the
planted contradiction found, the consistent text silent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: Sequence[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(list(lines))
            if f.severity == "error"}


# --- PDF: tables as rows × cells, paragraphs across the margin -----------------------------

# A 项目支出绩效自评表 as the national form prints it (funds block, indicator rows with
# 分值 and 得分, 总分), the shape of round 1 011/046 and round 3 455/123.
HEADER = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"


def _form(score: str = "20", weight: str = "20", rate: str = "95%", total: str = "100") -> list[str]:
    return [
        "项目支出绩效自评表",
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
        f"年度资金总额 | 100 | 100 | 95 | 10 | {rate} | 9.5",
        HEADER,
        f"产出指标 | 数量指标 | 参加职业技能培训的农村劳动力人数 | ≥500人 | 520人 | {weight} | {score} | 无",
        "产出指标 | 质量指标 | 参训学员培训考核合格率 | ≥90% | 98% | 20 | 20 | 无",
        "产出指标 | 时效指标 | 培训任务在年度内完成的及时性 | 2023年12月底前 | 2023年11月 | 10 | 10 | 无",
        "效益指标 | 社会效益指标 | 参训人员就业率 | ≥60% | 65% | 30 | 30 | 个别学员未就业，已加强跟踪服务",
        "满意度指标 | 服务对象满意度指标 | 参训学员满意度 | ≥90% | 96% | 10 | 10 | 无",
        f"总分 | | | | | {total} | 99.5 |",
    ]


def _typeset(lines: Sequence[str], widths: str | None = None) -> bytes:
    """`lines` typeset by Typst: lines with ``|`` as the rows of a ruled table (narrow columns
    wrap their cells), the others as paragraphs."""
    import typst

    from jixiao.documents.style import cjk_font_dir

    if not cjk_font_dir().is_dir():
        pytest.skip("fonts-noto-cjk is not installed")
    blocks: list[dict[str, object]] = []
    for ln in lines:
        if "|" in ln:
            cells = [c.strip() for c in ln.split("|")]
            if blocks and blocks[-1]["kind"] == "t":
                blocks[-1]["rows"].append(cells)  # type: ignore[union-attr]
            else:
                blocks.append({"kind": "t", "rows": [cells]})
        else:
            blocks.append({"kind": "p", "text": ln})
    data = []
    for b in blocks:
        if b["kind"] == "p":
            data.append(b)
            continue
        rows: list[list[str]] = b["rows"]  # type: ignore[assignment]
        cols = max(len(r) for r in rows)
        data.append({"kind": "t", "cols": cols,
                     "cells": [c for r in rows for c in r + [""] * (cols - len(r))]})
    columns = widths or "b.cols"
    source = f"""#set page(paper: "a4", margin: 2cm)
#set text(font: ("Noto Serif CJK SC",), size: 10.5pt, lang: "zh")
#let blocks = json(bytes(sys.inputs.data))
#for b in blocks {{
  if b.kind == "p" {{ par(b.text) }} else {{
    table(columns: {columns}, ..b.cells.map(c => [#c]))
  }}
}}
"""
    pdf = typst.compile(source.encode(), font_paths=[str(cjk_font_dir())], ignore_system_fonts=True,
                        sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    assert isinstance(pdf, bytes)
    return pdf


def _pdf_errors(tmp_path: Path, lines: Sequence[str], widths: str | None = None) -> set[tuple[str, str, str]]:
    from jixiao.ingest.report_text import read_report

    path = tmp_path / "report.pdf"
    path.write_bytes(_typeset(lines, widths))
    return _errors(read_report(path).lines)


@pytest.mark.parametrize("planted", [
    {},  # consistent: silent in both
    {"score": "25"},  # a score above its weight
    {"weight": "25"},  # the weights no longer make the category's points
    {"rate": "90%"},  # the funds row's 执行率
])
@pytest.mark.parametrize("widths", [None, "(1.6cm, 1.8cm, 2.2cm, 2cm, 2cm, 1.2cm, 1.2cm, 3cm)"])
def test_a_ruled_pdf_table_gives_the_findings_of_its_text(tmp_path: Path, planted: dict[str, str],
                                                           widths: str | None) -> None:
    """A ruled 自评表 in a PDF is read as rows × cells (a wrapped 三级指标 or 偏差原因 cell
    stays one cell, merged places are no cells), whatever its column widths; read line by
    line the scores of a wrapped row landed on a line of their own and were lost."""
    lines = _form(**planted)
    assert _pdf_errors(tmp_path, lines, widths) == _errors(lines)
    assert bool(_errors(lines)) == bool(planted)


def test_prose_around_a_pdf_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    """Paragraphs before and after a ruled table come back in their place, each joined
    across the margin; a paragraph whose line ends with 。 at the margin goes on (no indent,
    no wider gap), so the list after it is read with its total."""
    before = ("全年共培训学员520人，其中农村劳动力300人、城镇失业人员230人，培训合格率98%，"
              "项目资金预算共计150万元，实际支出142.5万元，预算执行率92%。项目共发放问卷200份，"
              "收回有效问卷180份，其中满意170份，满意度为94.44%。")
    after = "项目合同金额80万元，已支付60万元，尚未支付25万元。"
    lines = [before, *_form(), after]
    got = _pdf_errors(tmp_path, lines)
    assert got == _errors(lines)
    assert {("sum-mismatch", "520", "530"), ("rate-mismatch", "92", "95.00")} <= got


def test_a_page_of_short_lines_is_not_joined_as_prose(tmp_path: Path) -> None:
    """A table printed one cell per line (web captures) and typeset as short paragraphs: no
    line reaches across the page, so none is taken for wrapped prose (round 3 dev 123: the
    name of an indicator was glued to its target)."""
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "效益指标", "经济效益指标", "木材销售收入", "1100万元", "1093万元", "6", "5",
             "社会效益指标", "林产品收入", "2.6亿元", "2.45亿元", "6", "5"]
    from jixiao.ingest.report_text import read_report

    path = tmp_path / "cells.pdf"
    path.write_bytes(_typeset(cells))
    assert [ln for ln in read_report(path).lines if ln.strip()] == cells


def test_text_run_over_a_cell_border_is_no_cell_text(tmp_path: Path) -> None:
    """An unbreakable code or number too long for its cell runs over the border; its digits
    and the neighbour's label, read by place, interleave (2信2-息01分10类9名称: read as 9名,
    a count of 9 listing 2 — unannotated i12f 43 as PDF) or a 100 reads as 10: both cells
    come back empty rather than as figures nobody printed."""
    from jixiao.ingest.report_text import read_report

    rows = ["索引号 | 11500106009290438E/2022-0110900 | 信息分类名称：| 财政预算、决算",
            "学生满意度 | ≧ | 95 | % | 1000000 | 10"]
    path = tmp_path / "run-over.pdf"
    path.write_bytes(_typeset(rows, "(1.5cm, 1.5cm, 1.5cm, 1.2cm, 1cm, 3cm)"))
    printed = {c.strip() for r in rows for c in r.split("|")}
    for line in read_report(path).lines:
        for cell in (c.strip() for c in line.split("|")):
            assert not cell or cell in printed, (cell, line)


# --- Run together: a web page's line breaks lost -------------------------------------------

# A 自评报告 as a page prints it: headings of two levels, numbered items, a 其中 list, a
# rate, a table of expenditure with its 合计 row (shared 020, round 3 dev 156's 评分说明),
# each line as the writer broke it.
RUN_ON = [
    "一、项目基本情况",
    "（一）项目概况",
    "2023年度项目资金预算共计150万元，其中中央补助资金90万元、省级补助资金40万元、县级配套资金{county}万元。",
    "（二）资金使用情况",
    "截至2023年12月31日，实际支出142.5万元，预算执行率95%",
    "二、绩效评价情况",
    "（一）项目立项（8分）：",
    "（1）项目立项规范性（{w1}分）：项目按规定程序申报，自评得2分",
    "（2）项目预算规范性（3分）：预算编制科学，自评得3分",
    "（3）项目绩效目标设立（3分）：绩效目标明确，自评得3分。",
    "（二）支出明细",
    "支出内容 | 计划支出数(万元) | 实际支出数(万元) |",
    "文化活动经费 | 166.16 | 129.05 |",
    "广电低保工程补助 | 80.00 | 62.54 |",
    "非物质文化保护经费 | 100.00 | 98.21 |",
    "支出合计 | 346.16 | {spent} |",
    "三、存在问题",
    "部分项目进度偏慢，资金支付滞后，下一步将加强调度，确保资金及时发挥效益。" * 12,
]


def _run_on(county: str = "20", w1: str = "2", spent: str = "289.80") -> list[str]:
    return [ln.format(county=county, w1=w1, spent=spent) for ln in RUN_ON]


@pytest.mark.parametrize(("planted", "joiner"), [
    ({}, ""), ({}, " "),  # consistent: silent every way
    ({"county": "25"}, ""), ({"county": "25"}, " "),  # the 其中 list no longer makes its total
    ({"w1": "4"}, ""), ({"w1": "4"}, " "),  # a heading's points below its items' (8 against 10)
    ({"spent": "290.80"}, ""),  # the table's 合计 row
])
def test_a_report_run_into_one_line_gives_the_findings_of_its_lines(planted: dict[str, str],
                                                                    joiner: str) -> None:
    """The whole report on one line — its breaks lost with or without a space left — is cut
    back at its outline (二、 （二） （3）, in order) and at the rows run into one another
    (a border glued to the next line's first cell): the findings are those of the lines,
    and name the file's one line. (Rows run together with a space between them look like
    one row: their borders are spaced as inside a row; they are not cut.)"""
    lines = _run_on(**planted)
    one = [joiner.join(lines)]
    got = audit_lines(one)
    assert {(f.code, str(f.stated), str(f.expected)) for f in got if f.severity == "error"} == _errors(lines)
    assert bool(_errors(lines)) == bool(planted)
    assert {f.line for f in got} <= {1}


def test_numbers_in_a_paragraph_are_no_outline() -> None:
    """A long paragraph listing 一、二、三级 or quoting a single （3） is not cut: only marks
    in the outline's order are headings."""
    from jixiao.ingest.docmodel.runon import split_run_on

    text = ("本项目覆盖一、二、三级医疗机构，按照1、2、3类标准分别补助，详见第（3）项说明，"
            "资金共计150万元，其中中央补助资金90万元、省级补助资金60万元。") * 8
    assert split_run_on([(1, text)]) == ([(1, text)], {})


# --- Full stops lost ---------------------------------------------------------------------

# 一是… 二是… points with figures of their own (seed line 21, round 3 dev 149/171), and an
# outline mark glued to the figure before it.
POINTS = ("一是政务服务一窗通办，受理审批事项193.65万件，办结193.59万件，按时办结率{first}。"
          "二是12345热线共受理有效诉求19261件，办结18720件，办结率{second}。"
          "三是强化交易服务管理，累计完成交易项目1262个。")


@pytest.mark.parametrize(("first", "second"), [
    ("99.97%", "97.19%"),  # consistent
    ("99.97%", "95.19%"),  # the second point's rate
    ("98.97%", "97.19%"),  # the first point's rate
])
@pytest.mark.parametrize("stops", ["。", ""])
def test_points_whose_full_stops_were_lost_keep_their_own_figures(first: str, second: str,
                                                                  stops: str) -> None:
    """With its 。 lost, a point's rate is still judged by its own counts, not by the
    point before (办结率 97.19% against 193.59 ÷ 193.65: a false alarm of the seed with its
    full stops removed): 二是 glued to the figure before it opens a sentence."""
    printed = [POINTS.format(first=first, second=second)]
    carried = [printed[0].replace("。", stops)]
    assert _errors(carried) == _errors(printed)
    assert bool(_errors(printed)) == ((first, second) != ("99.97%", "97.19%"))


def test_a_stop_is_put_back_only_before_an_opening_in_order() -> None:
    from jixiao.ingest.docmodel.runon import restore_stops

    assert restore_stops("一是完成职业技能培训520人，合格率98%二是发放培训补贴30万元，惠及农户") == \
        "一是完成职业技能培训520人，合格率98%。二是发放培训补贴30万元，惠及农户"
    assert restore_stops("（1）项目预算编制科学合理，自评得3分（2）绩效目标明确具体，自评得3分") == \
        "（1）项目预算编制科学合理，自评得3分。（2）绩效目标明确具体，自评得3分"
    # 统一是 is no point; 二是 after a comma needs nothing; a row keeps its cells; a line that
    # keeps a 。 kept its stops
    for text in ("统一是指全市执行统一的补助标准，本年度资金共计100万元已全部拨付到位",
                 "一是完成职业技能培训520人，二是发放培训补贴30万元，惠及农户",
                 "评分标准 | 1、按期完成培训任务得5分2、未按期完成培训任务不得分 | 5",
                 "一是完成职业技能培训520人。合格率98%二是发放培训补贴30万元，惠及农户"):
        assert restore_stops(text) == text
