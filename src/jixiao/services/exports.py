"""Lists as xlsx downloads: one helper for every exported table (headers + rows)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An xlsx workbook with one sheet: a bold header row, then `rows`. Decimals are written
    as numbers from their exact text, text always as text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from jixiao.documents.xlsx_text import put_number, put_text

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    for col, header in enumerate(headers, start=1):
        put_text(ws.cell(row=1, column=col), str(header)).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                put_number(cell, value)
            elif value is not None:
                put_text(cell, str(value))
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(
            10, min(40, len(str(header)) * 2 + 2))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

