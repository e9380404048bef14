"""PDF output through Typst: the 自评表 (`table_pdf`) and the 自评报告 (`report_pdf`).

Typst was chosen by measurement (docs/documents.md): the Baoshan report compiles in well
under 0.3 s with Noto Serif CJK embedded and subset, against seconds for the LibreOffice
and WeasyPrint routes, and it sets text on the exact 公文 line grid.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from jixiao.documents.cells import Grid
from jixiao.documents.report_model import Report
from jixiao.documents.style import GONGWEN, pdf_fonts
from jixiao.documents.typst_engine import compile_typst

__all__ = [
    "grid_json", "report_pdf", "report_png_pages", "table_pdf", "table_png_pages",
    "title_grid_lines",
]


def _fonts() -> dict[str, list[str]]:
    return pdf_fonts()


def grid_json(grid: Grid) -> dict[str, Any]:
    """A `Grid` as the JSON the templates read."""
    return {
        "title": grid.title,
        "subtitle": grid.subtitle,
        "table_number": grid.table_number,
        "unit_note": grid.unit_note,
        "columns": [str(w) for w in grid.columns],
        "cells": _pdf_cells(grid),
        "rows": grid.rows,
        "footnotes": list(grid.footnotes),
        "landscape": grid.orientation == "landscape",
        "font_size": str(grid.font_size),
        "header_rows": grid.header_rows,
        "repeat_row": grid.repeat_row,
        "repeat_rows": grid.repeat_rows,
        "keep_from": grid.keep_from,
        "draft": list(grid.draft),
        "top_line": grid.top_line,
    }


def _pdf_cells(grid: Grid) -> list[dict[str, Any]]:
    """The cells as JSON; a merged cell starting on `repeat_row` is split in two.

    Typst repeats a sub-header row on every page, but a cell may not run from the header
    into the body. The side label 绩效指标 (header row + every indicator row) becomes an
    empty header cell without a bottom line and, below it, the label over the indicator
    rows without a top line: printed, it is the one merged cell of the official form.
    """
    out: list[dict[str, Any]] = []
    n = grid.repeat_rows
    for c in grid.cells:
        cell = {"row": c.row, "col": c.col, "rowspan": c.rowspan, "colspan": c.colspan,
                "text": c.text, "align": c.align, "bold": c.bold, "open": ""}
        if c.row == grid.repeat_row and c.rowspan > n:
            out.append({**cell, "rowspan": n, "text": "", "open": "bottom"})
            cell.update(row=c.row + n, rowspan=c.rowspan - n, open="top")
        out.append(cell)
    return out


def _table_data(grid: Grid) -> dict[str, Any]:
    return {"fonts": _fonts(), "grid": grid_json(grid)}


def table_pdf(grid: Grid) -> bytes:
    """The 自评表 as PDF bytes."""
    out = compile_typst("table", _table_data(grid))
    assert isinstance(out, bytes)
    return out


def table_png_pages(grid: Grid, ppi: float = 110) -> list[bytes]:
    """The 自评表 as one PNG per page (for previews in docs/)."""
    out = compile_typst("table", _table_data(grid), fmt="png", ppi=ppi)
    return out if isinstance(out, list) else [out]


def title_grid_lines(title: tuple[str, ...]) -> int:
    """Body-grid lines the report title takes, including the empty line below it.

    A 2号 line holds 20 characters (156 mm ÷ 22 pt) and, with its leading, takes 33 pt
    (1.14 grid lines); the body of page 1 then starts on the 22-line grid.
    """
    g = GONGWEN
    visual = sum(max(1, math.ceil(len(line) / 20)) for line in title)
    height = Decimal(33) * visual
    return math.ceil(height / g.line_pitch_pt) + 1


def _report_inputs(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    from jixiao.documents.charts import chart_svg

    g = GONGWEN
    style = {
        "line_pitch": str(g.line_pitch_pt.quantize(_Q)),
        "char_pitch": str(g.char_pitch_pt.quantize(_Q)),
        "body_pt": str(g.body_pt),
        "title_pt": str(g.title_pt),
        "page_number_pt": str(g.page_number_pt),
        "table_pt": str(g.table_pt),
        "title_grid_lines": title_grid_lines(report.title),
    }
    blocks: list[dict[str, Any]] = []
    charts: dict[str, str] = {}
    for i, b in enumerate(report.blocks):
        item: dict[str, Any] = {"kind": b.kind, "text": b.text, "level": b.level}
        if b.grid is not None:
            item["grid"] = grid_json(b.grid)
        if b.chart is not None:
            charts[f"chart{i}"] = chart_svg(b.chart)
        blocks.append(item)
    data = {"fonts": _fonts(), "style": style, "title": list(report.title), "blocks": blocks,
            "draft": list(report.draft)}
    return data, charts


def report_pdf(report: Report) -> bytes:
    """The 自评报告 as PDF bytes."""
    data, charts = _report_inputs(report)
    out = compile_typst("report", data, extra_inputs=charts)
    assert isinstance(out, bytes)
    return out


def report_png_pages(report: Report, ppi: float = 110) -> list[bytes]:
    """The 自评报告 as one PNG per page (for previews in docs/)."""
    data, charts = _report_inputs(report)
    out = compile_typst("report", data, extra_inputs=charts, fmt="png", ppi=ppi)
    return out if isinstance(out, list) else [out]


_Q = Decimal("0.001")
