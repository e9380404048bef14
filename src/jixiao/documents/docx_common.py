"""python-docx helpers: East Asian font names, 公文 page set-up, page numbers, grid tables.

Word and WPS pick the font for Chinese text from ``w:rFonts/@w:eastAsia``; python-docx's
``font.name`` sets only the Latin slots, so Chinese would print in the reader's default
font. Every run and style here sets ``w:eastAsia`` explicitly.
"""

from __future__ import annotations

from decimal import Decimal

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.styles.style import BaseStyle
from docx.text.run import Run

from jixiao.documents.cells import Grid
from jixiao.documents.style import GONGWEN, Gongwen

__all__ = [
    "add_draft_marks",
    "add_grid_table",
    "add_page_number_footers",
    "condense_to_grid",
    "no_snap",
    "set_author",
    "set_gongwen_page",
    "set_orientation",
    "set_run_font",
    "set_style_font",
]

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _pt(x: Decimal) -> Pt:
    return Pt(float(x))  # typographic size, not money


def _rfonts(rpr: object, east_asia: str, latin: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    # Theme fonts would override the names above in Word: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def set_run_font(
    run: Run, east_asia: str, size: Decimal | None = None, bold: bool | None = None,
    latin: str | None = None,
) -> None:
    """Set a run's Chinese (w:eastAsia) and Latin font, size and weight."""
    _rfonts(run._element.get_or_add_rPr(), east_asia, latin or GONGWEN.latin_font)
    if size is not None:
        run.font.size = _pt(size)
    if bold is not None:
        run.font.bold = bold


def set_style_font(style: BaseStyle, east_asia: str, size: Decimal, latin: str | None = None) -> None:
    """Set a style's Chinese and Latin font and size."""
    _rfonts(style.element.get_or_add_rPr(), east_asia, latin or GONGWEN.latin_font)
    style.font.size = _pt(size)  # type: ignore[attr-defined]


def set_gongwen_page(doc: DocumentObject, g: Gongwen = GONGWEN) -> None:
    """A4 with GB/T 9704 margins and a document grid of 22 lines × 28 characters."""
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(float(g.margin_top_mm)), Mm(float(g.margin_bottom_mm))
    sec.left_margin, sec.right_margin = Mm(float(g.margin_left_mm)), Mm(float(g.margin_right_mm))
    sec.footer_distance = Mm(float(g.margin_bottom_mm) - 7 - 5)  # 页码在版心下 7 mm
    sect_pr = sec._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    # A line grid only (linePitch in twips). A character grid ("linesAndChars") makes
    # LibreOffice put every Latin digit in its own grid cell; 28 characters per line come
    # from the body style's condensed spacing instead (see `condense_to_grid`).
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(g.line_pitch_pt * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)


def condense_to_grid(style: BaseStyle, g: Gongwen = GONGWEN) -> None:
    """Condense a style's character spacing so that `chars_per_line` characters fit a line.

    w:spacing is in twentieths of a point; rounding goes down (more negative) so that the
    28th character always fits: 3号 16 pt → −0.25 pt → 15.75 pt × 28 = 441 pt ≤ 442.2 pt.
    """
    delta = (g.char_pitch_pt - g.body_pt) * 20
    twentieths = int(delta.to_integral_value(rounding="ROUND_FLOOR"))
    rpr = style.element.get_or_add_rPr()
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.append(spacing)
    spacing.set(qn("w:val"), str(twentieths))


def _page_field(paragraph: object) -> list[Run]:
    """Append "— PAGE —" to a paragraph; returns the runs for styling."""
    runs = []
    p = paragraph
    runs.append(p.add_run("— "))  # type: ignore[attr-defined]
    fld_run = p.add_run()  # type: ignore[attr-defined]
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "separate")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        fld_run._r.append(el)
    runs.append(fld_run)
    num = p.add_run("1")  # type: ignore[attr-defined]
    runs.append(num)
    end = p.add_run()  # type: ignore[attr-defined]
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    end._r.append(el)
    runs.append(end)
    runs.append(p.add_run(" —"))  # type: ignore[attr-defined]
    return runs


def add_page_number_footers(doc: DocumentObject, g: Gongwen = GONGWEN) -> None:
    """Page numbers "— 1 —" in 4号 宋体: odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    sec = doc.sections[0]
    one_char = _pt(g.page_number_pt)
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = one_char
        else:
            p.paragraph_format.left_indent = one_char
        p.paragraph_format.first_line_indent = Pt(0)
        for run in _page_field(p):
            set_run_font(run, g.page_number_font, g.page_number_pt, latin=g.page_number_font)


_RED = "C00000"


def set_author(doc: DocumentObject, author: str) -> None:
    """The document's author and last editor (python-docx would say "python-docx")."""
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.comments = ""


def add_draft_marks(doc: DocumentObject, reasons: tuple[str, ...], size: Decimal) -> None:
    """Mark a draft: "草稿" in every page header and a red banner naming what is missing."""
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    for part in (header, doc.sections[0].even_page_header):
        p = part.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run("草稿（结果未填写完整，不得报送）")
        set_run_font(run, GONGWEN.heading1_font, Decimal(14), bold=True)
        run.font.color.rgb = _rgb(_RED)
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    banner = body.insert_paragraph_before()
    banner.paragraph_format.first_line_indent = Pt(0)
    run = banner.add_run("草稿：以下结果未填写，填写完整后方可报送——" + "；".join(reasons))
    set_run_font(run, GONGWEN.heading1_font, size)
    run.font.color.rgb = _rgb(_RED)


def _rgb(hex_text: str) -> object:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_text)


def _row_props(row: object, *, header: bool) -> None:
    """A row never splits across pages (w:cantSplit); a header row repeats (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    tr_pr.append(cant)
    if header:
        tbl_header = OxmlElement("w:tblHeader")
        tbl_header.set(qn("w:val"), "true")
        tr_pr.append(tbl_header)


def _cell_margins(table: object, mm: float) -> None:
    """Narrow left/right cell margins (Word's 1.9 mm default wraps 4-character labels)."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(mm * 56.7)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.append(mar)


def _gap(doc: DocumentObject) -> None:
    """A 1 pt paragraph between two tables: Word would join adjacent tables into one (and
    then repeat no header); this keeps them apart while they still look like one form."""
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = Pt(1)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.keep_with_next = True
    no_snap(p)
    run = p.add_run()
    run.font.size = Pt(1)


def add_grid_table(
    doc: DocumentObject, grid: Grid, width: Length, font: str, size: Decimal
) -> None:
    """Draw a `Grid` as Word table(s) with merged cells and single borders.

    Rows never split across pages. A grid with a `repeat_row` (the 自评表's indicator
    header) becomes two tables joined edge to edge: Word repeats only a table's first rows,
    so the indicator block is its own table whose header row is marked to repeat.
    """
    rr = grid.repeat_row
    if rr is None or rr <= 0:
        _grid_part(doc, grid, 0, grid.rows, grid.header_rows, width, font, size)
        return
    _grid_part(doc, grid, 0, rr, grid.header_rows, width, font, size)
    _gap(doc)
    _grid_part(doc, grid, rr, grid.rows, grid.repeat_rows, width, font, size)


def _grid_part(
    doc: DocumentObject, grid: Grid, first: int, end: int, header_rows: int, width: Length,
    font: str, size: Decimal,
) -> None:
    """Rows first..end-1 of `grid` as one Word table; its first `header_rows` repeat."""
    ncols = len(grid.columns)
    table = doc.add_table(rows=end - first, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table, 1.0)
    total = sum(grid.columns)
    widths = [Emu(int(width * w / total)) for w in grid.columns]
    for i, row in enumerate(table.rows):
        _row_props(row, header=i < header_rows)
    # One pass over the raw cells before merging (python-docx's table.cell() is O(n)).
    raw = table._cells
    for i, column in enumerate(table.columns):
        column.width = widths[i]  # w:gridCol, which LibreOffice follows
    for i, cell in enumerate(raw):
        cell.width = widths[i % ncols]  # w:tcW, which Word follows
    for c in grid.cells:
        if not first <= c.row < end:
            continue
        r = c.row - first
        cell = raw[r * ncols + c.col]
        if c.rowspan > 1 or c.colspan > 1:
            last = min(r + c.rowspan, end - first) - 1
            other = raw[last * ncols + c.col + c.colspan - 1]
            cell = cell.merge(other)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        header = r < header_rows
        # The kept rows (the last indicator and 总分) stay together: keep-with-next on
        # every row of the group but its last.
        kept = grid.keep_from is not None and grid.keep_from <= c.row + c.rowspan - 1 < grid.rows - 1
        lines = c.text.split("\n")
        p = cell.paragraphs[0]
        for n, line in enumerate(lines):
            if n:
                p = cell.add_paragraph()
            p.alignment = _ALIGN.get(c.align, WD_ALIGN_PARAGRAPH.CENTER)
            pf = p.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.space_before = pf.space_after = Pt(0)
            pf.line_spacing = 1.0
            pf.keep_with_next = header or kept  # never a header row alone at a page foot
            no_snap(p)
            run = p.add_run(line)
            set_run_font(run, font, size, bold=c.bold)


def no_snap(paragraph: object) -> None:
    """Keep a paragraph off the document grid (tables, captions: their own line height)."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)


def set_orientation(doc: DocumentObject, landscape: bool) -> None:
    """Portrait or landscape A4."""
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Mm(210), Mm(297)
