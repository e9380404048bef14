"""Lists as xlsx downloads: one helper for every exported table (headers + rows)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An xlsx workbook with one sheet: a bold header row, then `rows`. Decimals are written
    as numbers from their exact text (never through a float of a computation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(
            10, min(40, len(str(header)) * 2 + 2))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        # openpyxl stores numbers as floats; the Decimal's own text keeps 2-place values exact
        return float(str(value))
    if value is None:
        return ""
    return value
