"""Read back the 自评表 entry template written by `jixiao.documents.entry_xlsx`.

Returns every fillable cell with its sheet position, its exact text and, where the cell
cannot be taken as typed (a formula without a calculated result, an error value such as
#DIV/0!, a malformed number), the problem in Chinese, so that the caller can report errors
by cell. Numbers are the cell's stored decimal text (`jixiao.ingest.xlsx_cells`), never a
binary float. Structure problems (not an .xlsx, not our template, rows added or removed)
raise `InputError`. The zip is checked for size before anything is parsed
(`jixiao.ingest.xlsx_safety`).
"""

from __future__ import annotations

from dataclasses import dataclass

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
from jixiao.ingest.xlsx_cells import (
    BAD_NUMBER,
    ERROR,
    NO_RESULT,
    Cells,
    RawCell,
    read_cells,
)

#: More indicators than any real project has: bounds the rows read.
MAX_INDICATORS = 200
#: A filled template is about 40 KB uncompressed; its parts may be 50 times that, no more
#: (the general xlsx limits of `xlsx_safety` are for ledgers of many thousand rows).
MAX_PART_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024

_PROBLEMS = {
    NO_RESULT: "公式没有计算结果（请在 Excel 中计算并保存，或直接填写数值）",
    BAD_NUMBER: "不是有效的数值",
}


@dataclass(frozen=True, slots=True)
class EntryCell:
    """One fillable cell: the field path it maps to, its place, its text ("" = empty), and
    the reason it cannot be used ("" = none)."""

    path: str
    cell: str
    label: str
    text: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class EntrySheet:
    """The fillable cells of an uploaded template, and the 三级指标 names as printed."""

    project_id: int
    cells: tuple[EntryCell, ...]
    names: tuple[tuple[int, str, str], ...]  # (index, cell, name)


def _coordinate(row: int, col: int) -> str:
    return f"{chr(64 + col)}{row}"  # the template uses columns A … M only


def _text(cells: Cells, row: int, col: int) -> str:
    cell = cells.get((row, col))
    return cell.text.strip() if cell is not None else ""


def _entry(cells: Cells, row: int, col: int, path: str, label: str) -> EntryCell:
    cell = cells.get((row, col), RawCell("empty"))
    problem = _PROBLEMS.get(cell.kind, "")
    if cell.kind == ERROR:
        problem = f"公式结果为错误值 {cell.text}"
    return EntryCell(path, _coordinate(row, col), label, "" if problem else cell.text.strip(),
                     problem)


def read_entry_xlsx(data: bytes, source: str = "上传的文件") -> EntrySheet:
    """Parse an uploaded template.

    Raises:
        InputError: not an .xlsx file ("不是有效的 Excel（.xlsx）文件…"), not a jixiao entry
            template, or rows were added or removed.
    """
    width = len(INDICATOR_COLUMNS)
    limits = {"max_member_bytes": MAX_PART_BYTES, "max_total_bytes": MAX_TEMPLATE_BYTES}
    meta_cells = read_cells(data, {META_SHEET: (3, 2)}, source, **limits).get(META_SHEET)
    if meta_cells is None:
        raise InputError("不是 jixiao 导出的自评表填报模板（缺少工作表）", file=source)
    if _text(meta_cells, 1, 2) != FORMAT:
        raise InputError(f"模板格式不符（应为 {FORMAT}）", file=source)
    try:
        project_id = int(_text(meta_cells, 2, 2))
        count = int(_text(meta_cells, 3, 2))
    except ValueError:
        raise InputError("模板信息已损坏", file=source) from None
    if not 0 <= count <= MAX_INDICATORS:
        raise InputError("模板信息已损坏", file=source)
    extra = INDICATOR_HEADER_ROW + 1 + count
    ws = read_cells(data, {SHEET: (extra, width)}, source, **limits).get(SHEET)
    if ws is None:
        raise InputError("不是 jixiao 导出的自评表填报模板（缺少工作表）", file=source)
    cells: list[EntryCell] = []
    for r, (key, label) in enumerate(FUND_ROWS, start=FUND_HEADER_ROW + 1):
        for c, (col, col_label) in enumerate(FUND_COLUMNS, start=2):
            cells.append(_entry(ws, r, c, f"funds.{key}.{col}",
                                f"{label.removeprefix('其中：')}{col_label}"))
    cells.append(_entry(ws, GOALS_ROW, 5, "goals.actual", "实际完成情况"))
    names = []
    for i in range(count):
        r = INDICATOR_HEADER_ROW + 1 + i
        if _text(ws, r, 1) != str(i + 1):
            raise InputError(f"第 {r} 行序号应为 {i + 1}：请勿增删或移动指标行", file=source,
                             line=r)
        names.append((i, _coordinate(r, 4), _text(ws, r, 4)))
        for c, (key, header, editable) in enumerate(INDICATOR_COLUMNS, start=1):
            if editable:
                cells.append(_entry(ws, r, c, f"indicators.{i}.{key}", header))
    if any(_text(ws, extra, c) for c in range(1, 5)):
        raise InputError(f"第 {extra} 行多出了指标：新增指标请在“绩效目标申报”中进行", file=source,
                         line=extra)
    return EntrySheet(project_id, tuple(cells), tuple(names))
