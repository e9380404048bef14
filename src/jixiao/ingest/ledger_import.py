"""Import spending records (支出明细) from CSV or xlsx, all or nothing.

Columns are found by their header, in Chinese or English (any order, extra columns
ignored): 日期/date, 金额/amount, 收款人/payee, 预算项目/line, 经济分类/classification,
用途/purpose, 凭证号/reference. Every row is checked; if any row is wrong, *nothing* is
imported and one `InputError` lists every bad row (row number and column), so a ledger
can never be half in. CSV may be UTF-8 (with or without BOM) or GB18030 (what Chinese
Excel writes). Amounts must be exact to the fen; xlsx cells come from the one xlsx reader
(`jixiao.ingest.xlsx_cells`): numbers as the exact decimal text stored, never a float.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import InputError, shown
from jixiao.domain.ledger import SpendingRecord
from jixiao.domain.money import CENT, NumberFormatError, parse_amount
from jixiao.ingest.guarded import read_regular_file
from jixiao.ingest.xlsx_cells import NUMBER, read_rows

__all__ = ["COLUMNS", "RowError", "parse_date", "parse_money_cell", "parse_rows", "read_records"]

#: field → accepted header spellings (compared without spaces, case-insensitively).
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "日期", "支付日期", "付款日期", "记账日期"),
    "amount": ("amount", "金额", "支付金额", "金额(元)", "金额（元）", "支出金额"),
    "payee": ("payee", "收款人", "收款单位", "收款方", "对方单位"),
    "line": ("line", "预算项目", "预算项目编码", "预算明细", "项目编码"),
    "classification": ("classification", "经济分类", "支出经济分类", "经济科目"),
    "purpose": ("purpose", "用途", "摘要"),
    "reference": ("reference", "凭证号", "凭证编号", "单据号"),
}
_REQUIRED = ("date", "amount", "payee", "line")
_MAX_LISTED = 20
#: A ledger file on disk: 20 000 payments are about 2 MB as CSV, 1 MB as xlsx.
MAX_FILE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one row: 1-based row number (as a spreadsheet shows it) and column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # column "" = the row as a whole (wrong number of cells)
        return f"第{self.row}行 {self.column}：{self.message}" if self.column else (
            f"第{self.row}行：{self.message}")


def read_records(
    path: str | Path, known_lines: Collection[str] | None = None
) -> tuple[SpendingRecord, ...]:
    """Read every record of a .csv or .xlsx file, or raise `InputError` (nothing imported)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return parse_rows(_csv_rows(p), str(path), known_lines, exact_width=True)
    if suffix in (".xlsx", ".xlsm"):
        return parse_rows(_xlsx_rows(p), str(path), known_lines, exact_width=False)
    raise InputError("支出明细应为 .csv 或 .xlsx 文件 / ledger must be .csv or .xlsx",
                     file=str(path))


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    raw = read_regular_file(path, max_bytes=MAX_FILE_BYTES)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise InputError("无法识别文件编码（应为 UTF-8 或 GB18030）", file=str(path))
    # strict: a stray quote ("x"y) or a quote left open to the end of the file is an error
    # instead of being silently glued into one cell (which then surfaced as a misleading
    # "预算项目：不能为空" on the last line of the file)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[object]]] = []
    start = 1  # the line a record starts on: a quoted cell may span several lines
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                message = (f"引号未闭合：从第{start}行起到文件末尾都被读成了同一个单元格"
                           "（单元格中的引号应写成两个 \"\"）"
                           f" / unclosed quote from line {start} to the end of the file")
            elif reader.line_num > start:
                message = (f"从第{start}行起的引号可能未闭合（一直读到第{reader.line_num}行，"
                           "在那里出错）/ probably an unclosed quote spanning several lines: "
                           f"{err}")
            else:
                message = (f"第{start}行的引号用法不对（单元格中的引号应写成两个 \"\"，"
                           f"或整个单元格加引号）/ malformed quotes: {err}")
            raise InputError(message, file=str(path), line=start) from None
        rows.append((start, list(row)))
        start = reader.line_num + 1


def _xlsx_rows(path: Path) -> list[tuple[int, list[object]]]:
    # the one xlsx reader: exact decimal text for numbers, a date for date cells
    data = read_regular_file(path, max_bytes=MAX_FILE_BYTES)
    return [(row.row, [cell.value() if cell.kind == NUMBER else cell.display() or None
                       for cell in row.cells])
            for row in read_rows(data, str(path), first_sheet_only=True)]


def parse_rows(
    rows: Sequence[tuple[int, Sequence[object]]], source: str,
    known_lines: Collection[str] | None = None, *, exact_width: bool = True,
) -> tuple[SpendingRecord, ...]:
    """Turn ``(row_number, cells)`` (header first) into records; all rows or `InputError`.

    With `exact_width` (CSV) a row may not have more cells than the header: an unquoted
    comma in ``1,000.00`` or in a purpose shifts every later cell, so the row is refused
    rather than read by column. Without it (xlsx, whose rows are padded to the sheet's
    width) only non-empty cells beyond the header's last column are refused.
    """
    body = [(n, cells) for n, cells in rows if any(_blank(c) is False for c in cells)]
    if not body:
        raise InputError("文件中没有表头和数据 / no header and no rows", file=source)
    header_row, header = body[0]
    columns = _columns(header, source, header_row)
    records: list[SpendingRecord] = []
    errors: list[RowError] = []
    for number, cells in body[1:]:
        if not _width_ok(number, cells, header, exact_width, errors):
            continue  # the cells are shifted: reading them by column would import wrong data
        record = _record(number, cells, columns, source, known_lines, errors)
        if record is not None:
            records.append(record)
    if errors:
        listed = "\n  ".join(str(e) for e in errors[:_MAX_LISTED])
        more = f"\n  …另有 {len(errors) - _MAX_LISTED} 处" if len(errors) > _MAX_LISTED else ""
        raise InputError(
            f"{len(errors)} 处错误，未导入任何记录 / {len(errors)} errors, nothing imported:\n"
            f"  {listed}{more}",
            file=source, line=errors[0].row, field=errors[0].column or None)
    return tuple(records)


def _width_ok(number: int, cells: Sequence[object], header: Sequence[object],
              exact_width: bool, errors: list[RowError]) -> bool:
    """Record a row error when the row has cells the header does not name."""
    spans_lines = any(isinstance(c, str) and "\n" in c for c in cells)
    if exact_width:
        width = len(header)
        if len(cells) == width:
            return True
        if spans_lines:
            # a multi-line cell with the wrong number of cells: a quote left open that
            # closes on a later line, swallowing the rows in between
            errors.append(RowError(number, "", "引号可能未闭合：这一行与后面的行被读成了一行，"
                                   f"共 {len(cells)} 列，表头为 {width} 列"
                                   " / probably an unclosed quote spanning several lines"))
            return False
        if len(cells) > width:
            errors.append(RowError(number, "", f"列数多于表头（{len(cells)} 列，表头 {width} 列；"
                                   "可能是金额或用途中有未加引号的逗号）"
                                   " / more cells than the header: an unquoted comma?"))
            return False
        return True  # fewer cells: the missing ones are empty (required ones are reported)
    named = [i for i, c in enumerate(header) if not _blank(c)]
    width = named[-1] + 1 if named else 0
    extra = [i for i, c in enumerate(cells) if i >= width and not _blank(c)]
    if extra:
        errors.append(RowError(number, "", f"表头之外的第 {extra[0] + 1} 列有数据"
                               f"「{cells[extra[0]]}」，没有列名，无法导入"
                               " / a value in a column without a header"))
        return False
    return True


def _columns(header: Sequence[object], source: str, row: int) -> dict[str, int]:
    lookup = {_norm(alias): field for field, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        field = lookup.get(_norm(str(cell or "")))
        if field is not None and field not in found:
            found[field] = i
    missing = [f for f in _REQUIRED if f not in found]
    if missing:
        names = "、".join(f"{COLUMNS[f][1]}（{f}）" for f in missing)
        raise InputError(f"表头缺少列：{names} / missing columns: {', '.join(missing)}",
                         file=source, line=row)
    return found


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _record(
    number: int, cells: Sequence[object], columns: dict[str, int], source: str,
    known_lines: Collection[str] | None, errors: list[RowError],
) -> SpendingRecord | None:
    def cell(field: str) -> object:
        i = columns.get(field)
        return cells[i] if i is not None and i < len(cells) else None

    def text(field: str) -> str:
        value = cell(field)
        return "" if value is None else str(value).strip()

    before = len(errors)
    for field in ("payee", "line"):
        if not text(field):
            errors.append(RowError(number, COLUMNS[field][1], "不能为空 / must not be empty"))
    day: date | None = None
    try:
        day = parse_date(cell("date"))
    except ValueError as err:
        errors.append(RowError(number, "日期", str(err)))
    amount: Decimal | None = None
    try:
        amount = parse_money_cell(cell("amount"))
    except ValueError as err:
        errors.append(RowError(number, "金额", str(err)))
    line = text("line")
    if line and known_lines is not None and line not in known_lines:
        errors.append(RowError(number, "预算项目",
                               f"「{line}」不是已有的预算项目（已有：{'、'.join(sorted(known_lines))}）"))
    if len(errors) > before or day is None or amount is None:
        return None
    return SpendingRecord(date=day, amount=amount, payee=text("payee"), line=line,
                          classification=text("classification"), purpose=text("purpose"),
                          reference=text("reference"), source=f"{Path(source).name}:{number}")


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: object) -> date:
    """A date from a date/datetime cell or text: 2022-03-31, 2022/3/31, 2022年3月31日, 20220331.

    Raises:
        ValueError: in plain words.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _blank(value):
        raise ValueError("缺少日期 / missing date")
    text = str(value).strip()
    if " " in text:  # "2022-03-31 00:00:00" from some exports
        text = text.split(" ", 1)[0]
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise ValueError(f"日期不存在 / no such date: {shown(value)}") from None
    raise ValueError(f"日期格式不对（应为 2022-03-31）/ not a date: {shown(value)}")


def parse_money_cell(value: object) -> Decimal:
    """An amount in 元, exact to the fen.

    Raises:
        ValueError: not a number, zero, or finer than a fen.
    """
    if _blank(value):
        raise ValueError("缺少金额 / missing amount")
    try:
        amount = parse_amount(value)
    except NumberFormatError as err:
        raise ValueError(str(err)) from None
    if amount == 0:
        raise ValueError("金额为 0 / zero amount")
    if amount != amount.quantize(CENT):
        raise ValueError(f"金额精确到分（两位小数）/ more than two decimals: {shown(value)}")
    return amount

