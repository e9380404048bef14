"""Word (.docx) output: the 自评表 (`table_docx`) and the 自评报告 in 公文 form (`report_docx`)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from jixiao.documents.cells import Grid
from jixiao.documents.docx_common import (
    add_draft_marks,
    add_grid_table,
    add_page_number_footers,
    condense_to_grid,
    no_snap,
    set_author,
    set_gongwen_page,
    set_orientation,
    set_run_font,
    set_style_font,
)
from jixiao.documents.report_model import Report
from jixiao.documents.style import GONGWEN

__all__ = ["report_docx", "table_docx"]


def _pt(x: Decimal) -> Pt:
    return Pt(float(x))  # typographic size, not money


def table_docx(grid: Grid, path: Path, author: str = "") -> None:
    """Write the 自评表 as a Word document (the form, its indicator block a second table
    joined to the first so that the indicator header repeats on every page)."""
    g = GONGWEN
    doc = Document()
    landscape = grid.orientation == "landscape"
    set_orientation(doc, landscape)
    sec = doc.sections[0]
    sec.top_margin = sec.bottom_margin = Mm(18)
    sec.left_margin = sec.right_margin = Mm(15)
    set_style_font(doc.styles["Normal"], g.table_font, grid.font_size)

    def line(text: str, font: str, size: Decimal, align: WD_ALIGN_PARAGRAPH, bold: bool = False) -> None:
        p = doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(2)
        set_run_font(p.add_run(text), font, size, bold=bold)

    if grid.top_line or grid.table_number:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        # 部门 line on the left, table number on the right (a right tab at the text edge).
        p.paragraph_format.tab_stops.add_tab_stop(
            Mm(297 - 30) if landscape else Mm(210 - 30), WD_TAB_ALIGNMENT.RIGHT)
        set_run_font(p.add_run(f"{grid.top_line}\t{grid.table_number}"), g.table_font, Decimal(10))
    line(grid.title, g.title_font, Decimal(18), WD_ALIGN_PARAGRAPH.CENTER)
    if grid.subtitle:
        line(grid.subtitle, g.table_font, Decimal(12), WD_ALIGN_PARAGRAPH.CENTER)
    line(grid.unit_note, g.table_font, Decimal(10), WD_ALIGN_PARAGRAPH.RIGHT)
    width = Mm(297 - 30) if landscape else Mm(210 - 30)
    add_grid_table(doc, grid, width, g.table_font, grid.font_size)
    for note in grid.footnotes:
        line(note, g.table_font, Decimal(9), WD_ALIGN_PARAGRAPH.LEFT)
    if grid.draft:
        add_draft_marks(doc, grid.draft, Decimal(10))
    set_author(doc, author)
    doc.save(str(path))


def report_docx(report: Report, path: Path) -> None:
    """Write the 自评报告 with GB/T 9704 typography and the official font names."""
    from jixiao.documents.charts import chart_png

    g = GONGWEN
    doc = Document()
    set_gongwen_page(doc)
    normal = doc.styles["Normal"]
    set_style_font(normal, g.body_font, g.body_pt)
    condense_to_grid(normal)
    pf = normal.paragraph_format
    pf.line_spacing = _pt(g.line_pitch_pt)  # exactly on the 22-line grid
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = _pt(g.char_pitch_pt * 2)
    pf.widow_control = False
    add_page_number_footers(doc)

    for text in report.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing = _pt(g.line_pitch_pt * Decimal("1.2"))
        set_run_font(p.add_run(text), g.title_font, g.title_pt)
    doc.add_paragraph().paragraph_format.first_line_indent = Pt(0)  # 空一行

    heading_fonts = {1: (g.heading1_font, False), 2: (g.heading2_font, False),
                     3: (g.body_font, True)}
    text_width = Mm(float(g.text_width_mm))
    for b in report.blocks:
        if b.kind == "heading":
            font, bold = heading_fonts.get(b.level, (g.body_font, True))
            p = doc.add_paragraph()
            p.paragraph_format.keep_with_next = True  # a heading never ends a page
            set_run_font(p.add_run(b.text), font, g.body_pt, bold=bold)
        elif b.kind == "para":
            p = doc.add_paragraph()
            set_run_font(p.add_run(b.text), g.body_font, g.body_pt)
        elif b.kind == "table" and b.grid is not None:
            _caption(doc, b.text)
            add_grid_table(doc, b.grid, text_width, g.table_font, g.table_pt)
        elif b.kind == "chart" and b.chart is not None:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            no_snap(p)
            p.add_run().add_picture(io.BytesIO(chart_png(b.chart)), width=text_width)
            _caption(doc, b.text)
        elif b.kind in ("signature", "date"):
            if b.kind == "signature":
                doc.add_paragraph()
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.right_indent = _pt(g.char_pitch_pt * 4)
            set_run_font(p.add_run(b.text), g.body_font, g.body_pt)
    if report.draft:
        add_draft_marks(doc, report.draft, g.body_pt)
    set_author(doc, report.unit)
    doc.save(str(path))


def _caption(doc: object, text: str) -> None:
    g = GONGWEN
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = 1.2
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.keep_with_next = True
    no_snap(p)
    set_run_font(p.add_run(text), g.heading1_font, Decimal(12))
