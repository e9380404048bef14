"""Run-together 自评表 text with stray blanks (docmodel: `_without_stray_spaces`).

Document-sharing sites' text previews and OCR print a form without cell borders, but a cell
wrapped inside the form leaves a blank where its line broke: 年度 指标值, 实际 完成值, 分 值, 得 分
(taowenge i11f/13), 产出 指标 / 效益 指标 (a 湖北 form, i13f/12), 偏差原因分析及改进措 施
(i12f/05). Every relation runs through that layout in test_table_layouts.py
(``run-stray-blanks``, ``one-line-stray-blanks``); here: where the cells point, and the lines
that must keep their blanks.
"""

from __future__ import annotations

from jixiao.domain.audit.tables import INDICATORS
from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines

HEADER = "一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
ROWS = ["产出 指标(50分)数量指标培训人数≥500人520人2020无",
        "质量指标培训 合格率≥95%98%3030无",
        "满意度 指标(50分)服务对象满意度指标学员满意度≥90%95%5050无",
        "总分100100"]


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


def test_cells_of_a_despaced_line_point_at_the_printed_text() -> None:
    """The cells are read on the line without its blanks, but keep the offsets of the line as
    printed: the printed text between them, blanks dropped, is the cell's text."""
    doc = build_document([HEADER, *ROWS])
    table = next(t for t in doc.tables if t.kind == INDICATORS)
    assert [r.get("weight").text for r in table.rows] == ["20", "30", "50"]  # type: ignore[union-attr]
    for row in table.rows:
        for cell in row.cells.values():
            line = doc.line(cell.line)
            assert line is not None
            assert "".join(line.text[cell.start:cell.end].split()) == cell.text
            for fig in cell.figures:
                assert line.text[fig.start:fig.end].replace(" ", "") == fig.raw.replace(" ", "")
    assert table.category_weights[0][:2] == ("产出指标", 50)


def test_relations_over_the_despaced_table() -> None:
    assert _errors([HEADER, *ROWS]) == []
    # a row's score above its weight, and the total against the scores
    wrong = [HEADER, ROWS[0].replace("2020无", "2025无"), *ROWS[1:]]
    assert ("score-above-weight", "25", "20") in _errors(wrong)
    assert ("sum-mismatch", "98", "100") in _errors([HEADER, *ROWS[:-1], "总分10098"])


def test_blanks_between_figures_are_cell_borders() -> None:
    """A line with a blank between two figures (520人 20 20) is space-separated text: its
    blanks are kept (a spaced row, or a spaced header whose long cells hold one column name
    each — 部门(单位)总体资金(万元)  年初预算数(A)  分值(10分))."""
    from jixiao.ingest.docmodel.tables import _stray

    assert not _stray("产出指标(50分)  数量指标  培训人数  ≥500人  520人  20  20  无", True)
    assert not _stray("部门(单位)总体资金(万元)  资金来源  年初预算数(A)  全年执行数(B)  分值(10分)  得分",
                      False)
    assert _stray(HEADER, False)
    assert _stray(ROWS[0], True)
    assert not _stray(ROWS[0], False)  # (a row's blanks are stray only after such a header)
