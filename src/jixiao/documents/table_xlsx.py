"""Write a laid-out 自评表 (`Grid`) to .xlsx with openpyxl.

Numbers are written as numbers: the exact `Decimal` goes into the cell (openpyxl writes its
text form, no float on the way) with an Excel number format, so that totals can be summed
in Excel and nobody retypes them. Merged cells and thin borders follow the official form.
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from jixiao.documents.cells import NUMBER_FORMATS, Grid
from jixiao.documents.xlsx_text import put_number, put_text

__all__ = ["write_table_xlsx"]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"
_TITLE_FONT = "方正小标宋简体"
# Total width of the grid in Excel character units, by orientation.
_SHEET_WIDTH = {"portrait": 100, "landscape": 150}
_LINE_PT = 14


def _display_width(text: str) -> int:
    # A CJK character takes two Excel character units.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_table_xlsx(grid: Grid, path: Path, author: str = "") -> None:
    """Write `grid` as the only sheet of a new workbook at `path`."""
    wb = Workbook()
    wb.properties.creator = author or "jixiao"
    wb.properties.lastModifiedBy = author or "jixiao"
    ws = wb.active
    ws.title = "自评表"
    ncols = len(grid.columns)
    total = sum(grid.columns)
    sheet_width = _SHEET_WIDTH.get(grid.orientation, 100)
    widths = [float(w / total) * sheet_width for w in grid.columns]  # layout only, not money
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(w, 1)
    size = float(grid.font_size)

    top = 1
    if grid.draft:
        # An unfinished evaluation: a red banner naming what is missing, 草稿 on every page.
        ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=ncols)
        banner = put_text(ws.cell(row=top, column=1),
                          "草稿：以下结果未填写，填写完整后方可报送——" + "；".join(grid.draft))
        banner.font = Font(name=_FONT, size=11, bold=True, color="C00000")
        banner.alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[top].height = 32
        ws.oddHeader.center.text = "草稿（结果未填写完整，不得报送）"
        ws.oddHeader.center.color = "C00000"
        top += 1
    if grid.table_number or grid.top_line:
        if grid.top_line:
            put_text(ws.cell(row=top, column=1), grid.top_line)
        if grid.table_number:
            put_text(ws.cell(row=top, column=ncols), grid.table_number).alignment = Alignment(
                horizontal="right")
        top += 1
    for text, font in (
        (grid.title, Font(name=_TITLE_FONT, size=18, bold=True)),
        (grid.subtitle, Font(name=_FONT, size=12)),
    ):
        if not text:
            continue
        ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=ncols)
        c = put_text(ws.cell(row=top, column=1), text)
        c.font = font
        c.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[top].height = 30 if font.size == 18 else 20
        top += 1
    note = put_text(ws.cell(row=top, column=ncols), grid.unit_note)
    note.alignment = Alignment(horizontal="right")
    note.font = Font(name=_FONT, size=size)
    top += 1
    first_row = top

    lines_needed = [1] * grid.rows
    for cell in grid.cells:
        r, c = first_row + cell.row, 1 + cell.col
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1,
                           end_column=c + cell.colspan - 1)
        # Borders on every cell of a merged range, or Excel draws gaps.
        for rr in range(r, r + cell.rowspan):
            for cc in range(c, c + cell.colspan):
                ws.cell(row=rr, column=cc).border = _BORDER
        target = ws.cell(row=r, column=c)
        if cell.value is not None and cell.kind in NUMBER_FORMATS:
            put_number(target, cell.value)
            target.number_format = NUMBER_FORMATS[cell.kind]
        else:
            put_text(target, cell.text)
        target.font = Font(name=_FONT, size=size, bold=cell.bold)
        target.alignment = Alignment(
            horizontal=cell.align, vertical="center", wrap_text=True)
        if cell.rowspan == 1:
            span_width = sum(widths[cell.col:cell.col + cell.colspan])
            lines = max(
                (math.ceil(_display_width(part) / max(span_width - 1, 1))
                 for part in cell.text.split("\n")),
                default=1,
            )
            lines = max(lines, cell.text.count("\n") + 1)
            lines_needed[cell.row] = max(lines_needed[cell.row], lines)
    for i, lines in enumerate(lines_needed):
        # Excel does not grow rows for wrapped text in merged cells: estimate the height.
        ws.row_dimensions[first_row + i].height = max(20, lines * _LINE_PT + 6)

    row = first_row + grid.rows
    for text in grid.footnotes:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        c = put_text(ws.cell(row=row, column=1), text)
        c.font = Font(name=_FONT, size=size - 1)
        c.alignment = Alignment(horizontal="left", wrap_text=True)
        row += 1

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = grid.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(ncols)}{row - 1}"
    wb.save(path)
