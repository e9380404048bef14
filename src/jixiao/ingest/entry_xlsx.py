"""Read back the 自评表 entry template written by `jixiao.documents.entry_xlsx`.

Returns the raw text of every fillable cell with its sheet position, so that the caller can
validate each value and report errors by row and column in Chinese. Structure problems
(not our template, another project's template, rows added or removed) raise `InputError`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.domain.entry_layout import (
    FORMAT,
    FUND_COLUMNS,
    FUND_HEADER_ROW,
    FUND_ROWS,
    GOALS_ROW,
    INDICATOR_COLUMNS,
    INDICATOR_HEADER_ROW,
    META_SHEET,
    SHEET,
)
from jixiao.domain.errors import InputError


@dataclass(frozen=True, slots=True)
class EntryCell:
    """One fillable cell: the field path it maps to, its place, and its text ("" = empty)."""

    path: str
    cell: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class EntrySheet:
    """The fillable cells of an uploaded template, and the 三级指标 names as printed."""

    project_id: int
    cells: tuple[EntryCell, ...]
    names: tuple[tuple[int, str, str], ...]  # (index, cell, name)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # A number the user typed into a general cell: repr is the shortest exact spelling.
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def read_entry_xlsx(data: bytes, source: str = "上传的文件") -> EntrySheet:
    """Parse an uploaded template.

    Raises:
        InputError: not an .xlsx file, not a jixiao entry template, or rows were added or removed.
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(f"不是有效的 Excel（.xlsx）文件：{err}", file=source) from None
    if META_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise InputError("不是 jixiao 导出的自评表填报模板（缺少工作表）", file=source)
    meta = wb[META_SHEET]
    if _text(meta["B1"].value) != FORMAT:
        raise InputError(f"模板格式不符（应为 {FORMAT}）", file=source)
    try:
        project_id = int(_text(meta["B2"].value))
        count = int(_text(meta["B3"].value))
    except ValueError:
        raise InputError("模板信息已损坏", file=source) from None
    ws = wb[SHEET]
    cells: list[EntryCell] = []
    for r, (key, label) in enumerate(FUND_ROWS, start=FUND_HEADER_ROW + 1):
        for c, (col, col_label) in enumerate(FUND_COLUMNS, start=2):
            cell = ws.cell(r, c)
            cells.append(EntryCell(f"funds.{key}.{col}", cell.coordinate,
                                   f"{label.removeprefix('其中：')}{col_label}", _text(cell.value)))
    goal = ws.cell(GOALS_ROW, 5)
    cells.append(EntryCell("goals.actual", goal.coordinate, "实际完成情况", _text(goal.value)))
    names = []
    for i in range(count):
        r = INDICATOR_HEADER_ROW + 1 + i
        if _text(ws.cell(r, 1).value) != str(i + 1):
            raise InputError(f"第 {r} 行序号应为 {i + 1}：请勿增删或移动指标行", file=source,
                             line=r)
        names.append((i, ws.cell(r, 4).coordinate, _text(ws.cell(r, 4).value)))
        for c, (key, header, editable) in enumerate(INDICATOR_COLUMNS, start=1):
            if editable:
                cell = ws.cell(r, c)
                cells.append(EntryCell(f"indicators.{i}.{key}", cell.coordinate, header,
                                       _text(cell.value)))
    extra = INDICATOR_HEADER_ROW + 1 + count
    if any(_text(ws.cell(extra, c).value) for c in range(1, 5)):
        raise InputError(f"第 {extra} 行多出了指标：新增指标请在“绩效目标申报”中进行", file=source,
                         line=extra)
    return EntrySheet(project_id, tuple(cells), tuple(names))
