"""The one xlsx reader: cells of a workbook straight from its XML, exactly as stored.

Every import that takes an .xlsx (the 自评表 entry template, the spending ledger, the figure
audit's .xlsx reports) reads it here, so a number is read one way everywhere.

Why not openpyxl: it turns every numeric cell into a binary float (so "0.10000000000000001"
comes back as 0.1), it cannot tell an empty cell from a formula that has no cached result,
and in read-only mode it pads every row up to the sheet's stated dimension (a single far
cell at row 1,048,576 made it produce a million rows). Here a numeric cell's text is the
`<v>` text of the file, checked to be a finite decimal number and never passed through a
float; a formula without a result, an error value (#DIV/0!) and a malformed number are
reported as such. Cells are kept sparse: a far cell costs one entry.

Guards (`jixiao.ingest.guarded`): the archive's member count and stated sizes are checked
before anything is inflated; every part is parsed as a stream through `defusedxml` (a
DTD, in any encoding, is refused: no entity expansion); at most `MAX_CELLS` non-empty
cells are read. Every failure to open or parse becomes an `InputError`.

API:
- `read_cells(data, {sheet: (max_row, max_col)}, source)` — chosen cells of chosen sheets.
- `read_rows(data, source)` — every sheet's non-empty rows, in order, as `SheetRow`s.
- `RawCell.display()` — the text Excel would show (number format applied, 四舍五入).
- `RawCell.value()` — a `datetime.date` for a date cell, else the exact text.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import IO, Any

from jixiao.domain.errors import InputError
from jixiao.domain.money import round_half_up
from jixiao.ingest.guarded import ZipLimits, iter_xml, open_zip
from jixiao.ingest.xlsx_safety import INVALID, MAX_MEMBER_BYTES, MAX_MEMBERS, MAX_TOTAL_BYTES

#: Non-empty cells read from one workbook at most: a ledger of 20 000 payments has about
#: 150 000; each cell read costs about 150 bytes.
MAX_CELLS = 1_000_000

#: Cell kinds.
EMPTY, NUMBER, TEXT, BOOL, ERROR, NO_RESULT, BAD_NUMBER = (
    "empty", "number", "text", "bool", "error", "no_result", "bad_number")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: Numbers beyond ±10^20 (or finer than 10^-20) are no budget figure; refusing them also
#: keeps "1E999999999" from being spelled out digit by digit.
_MAX_EXPONENT = 20
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})")
#: Excel's own sheet size: a reference beyond it is a damaged (or forged) file.
MAX_ROW, MAX_COL = 1_048_576, 16_384
#: Built-in number formats (ECMA-376 §18.8.30) that matter for display: decimals, percent, dates.
_BUILTIN_FORMATS = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
                    11: "0.00E+00", 14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
                    22: "yyyy-mm-dd h:mm", 27: "yyyy年m月", 30: "m-d-yy", 31: "yyyy年m月d日",
                    57: "yyyy年m月", 58: "m月d日"}
_DECIMALS = re.compile(r"0\.(0+)")


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell's kind and its text: for NUMBER a plain decimal ("2225038.16", never an
    exponent), for ERROR the error value ("#DIV/0!"), for TEXT the string. `number_format`
    is the cell's format code ("0.00%", "yyyy-mm-dd"; "" = General) and `date1904` the
    workbook's date system, so that a number can be shown, or taken as a date, as Excel does."""

    kind: str
    text: str = ""
    number_format: str = ""
    date1904: bool = False

    def is_date(self) -> bool:
        """A number formatted as a date (Excel stores dates as day numbers)."""
        return self.kind == NUMBER and _is_date_format(self.number_format)

    def value(self) -> date | str:
        """A `date` for a date cell, else the exact text ("" when empty)."""
        if self.is_date():
            day = _serial_date(self.text, self.date1904)
            if day is not None:
                return day
        return self.text

    def display(self) -> str:
        """The text Excel shows for the cell: a number with its format's decimals (四舍五入)
        or as a percentage ("0.00%": 0.97525 → "97.53%"), a date as 2022-03-31, an error
        value as written, text with line breaks as spaces."""
        if self.kind == NUMBER:
            value = self.value()
            if isinstance(value, date):
                return value.isoformat()
            return _formatted(Decimal(self.text), self.number_format)
        if self.kind in (EMPTY, NO_RESULT):
            return ""
        return self.text.replace("\n", " ").strip()


Cells = dict[tuple[int, int], RawCell]


@dataclass(frozen=True, slots=True)
class SheetRow:
    """The non-empty cells of one row: `cells[c]` is column c + 1 (EMPTY where blank)."""

    sheet: str
    row: int
    cells: tuple[RawCell, ...]


def _formatted(number: Decimal, number_format: str) -> str:
    section = number_format.split(";", 1)[0]
    places_match = _DECIMALS.search(section)
    places = len(places_match.group(1)) if places_match else 0
    if section.endswith("%"):
        return f"{round_half_up(number * 100, places):f}%"
    if places_match:
        return f"{round_half_up(number, places):f}"
    return f"{number:f}"


def _is_date_format(code: str) -> bool:
    if not code:
        return False
    # quoted text, [colour]/[$-locale] tags and escaped characters do not count
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code.split(";", 1)[0]).lower()
    return bool(re.search(r"[ymd]", bare)) or ("年" in code and "月" in code)


def _serial_date(text: str, date1904: bool) -> date | None:
    try:
        days = int(Decimal(text))  # the time of day is dropped
    except (ArithmeticError, ValueError):
        return None
    if not 0 < days < 2_958_466:  # Excel's own range (to 9999-12-31)
        return None
    # 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was
    base = date(1904, 1, 1) if date1904 else date(1899, 12, 30 if days >= 61 else 31)
    return base + timedelta(days=days)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text_of(element: Any) -> str:
    """All <t> text under a shared or inline string, without phonetic runs (<rPh>)."""
    parts: list[str] = []
    stack = [iter(element)]
    while stack:  # no recursion: a hostile file may nest deeply
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        name = _local(child.tag)
        if name == "rPh":
            continue
        if name == "t":
            parts.append(child.text or "")
        else:
            stack.append(iter(child))
    return "".join(parts)


class _Book:
    """An open workbook: its sheets, shared strings, cell formats and date system."""

    def __init__(self, data: bytes, source: str, limits: ZipLimits) -> None:
        self.source = source
        self.archive: zipfile.ZipFile = open_zip(data, source, limits, invalid=INVALID)
        self.cells_read = 0
        try:
            self.sheets, shared, styles = self._parts()
            self.strings = self._shared_strings(shared)
            self.formats = self._formats(styles)
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()

    def _member(self, name: str) -> IO[bytes]:
        return self.archive.open(name)

    def _events(self, name: str, events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
        with self._member(name) as stream:
            yield from iter_xml(stream, self.source, name, events, invalid=INVALID)

    def _parts(self) -> tuple[list[tuple[str, str]], str | None, str | None]:
        """(sheet name, member path) in workbook order; shared strings and styles paths."""
        targets: dict[str, tuple[str, str]] = {}
        for _, el in self._events("xl/_rels/workbook.xml.rels"):
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[el.get("Id", "")] = (el.get("Type", ""), path)
        sheets: list[tuple[str, str]] = []
        self.date1904 = False
        for _, el in self._events("xl/workbook.xml"):
            name = _local(el.tag)
            if name == "sheet":
                rid = el.get(f"{{{_REL}}}id") or next(
                    (v for k, v in el.attrib.items() if _local(k) == "id"), "")
                if rid in targets:
                    sheets.append((el.get("name", ""), targets[rid][1]))
            elif name == "workbookPr":
                self.date1904 = el.get("date1904", "0").lower() in ("1", "true")
        members = set(self.archive.namelist())

        def part(kind: str) -> str | None:
            return next((p for t, p in targets.values() if t.endswith(kind) and p in members),
                        None)

        return sheets, part("/sharedStrings"), part("/styles")

    def _shared_strings(self, path: str | None) -> list[str]:
        strings: list[str] = []
        if path is None:
            return strings
        for _, el in self._events(path):
            if _local(el.tag) == "si":
                strings.append(_text_of(el))
                el.clear()
                self._count()
        return strings

    def _formats(self, path: str | None) -> list[str]:
        """Format code of each cell style (`s` attribute) in order."""
        if path is None:
            return []
        custom: dict[int, str] = {}
        formats: list[str] = []
        in_xfs = False
        for event, el in self._events(path, ("start", "end")):
            name = _local(el.tag)
            if name == "cellXfs":
                in_xfs = event == "start"
            elif event == "end" and name == "numFmt":
                with contextlib.suppress(ValueError):
                    custom[int(el.get("numFmtId", ""))] = el.get("formatCode", "")
            elif event == "end" and name == "xf" and in_xfs:
                try:
                    number_id = int(el.get("numFmtId", "0"))
                except ValueError:
                    number_id = 0
                formats.append(custom.get(number_id) or _BUILTIN_FORMATS.get(number_id, ""))
                self._count()
            if event == "end" and name in ("xf", "numFmt"):
                el.clear()
        return formats

    def _count(self) -> None:
        self.cells_read += 1
        if self.cells_read > MAX_CELLS:
            raise InputError(f"{INVALID}或内容过多：超过 {MAX_CELLS} 个单元格", file=self.source)

    def cell(self, el: Any) -> RawCell:
        kind = el.get("t", "n")
        value = formula = inline = None
        for child in el:
            name = _local(child.tag)
            if name == "v":
                value = child.text or ""
            elif name == "f":
                formula = child
            elif name == "is":
                inline = child
        if kind == "inlineStr":
            return RawCell(TEXT, _text_of(inline)) if inline is not None else RawCell(EMPTY)
        if formula is not None and not value:
            return RawCell(NO_RESULT)
        if value is None:
            return RawCell(EMPTY)
        if kind == "s":
            try:
                return RawCell(TEXT, self.strings[int(value)])
            except (ValueError, IndexError):
                return RawCell(ERROR, "#REF!")
        if kind in ("str", "d"):
            return RawCell(TEXT, value)
        if kind == "e":
            return RawCell(ERROR, value)
        if kind == "b":
            return RawCell(BOOL, "TRUE" if value.strip() == "1" else "FALSE")
        return self._number(value, el.get("s"))

    def _number(self, text: str, style: str | None) -> RawCell:
        text = text.strip()
        if not _NUMBER.fullmatch(text):
            return RawCell(BAD_NUMBER, text[:100])  # "nan", "inf", "" …
        number = Decimal(text)
        if number and not -_MAX_EXPONENT <= number.adjusted() <= _MAX_EXPONENT:
            return RawCell(BAD_NUMBER, text[:100])
        number_format = ""
        if style:
            with contextlib.suppress(ValueError, IndexError):
                number_format = self.formats[int(style)]
        return RawCell(NUMBER, format(number, "f"), number_format, self.date1904)

    def sheet_cells(self, member: str, max_row: int = MAX_ROW,
                    max_col: int = MAX_COL) -> Iterator[tuple[int, int, RawCell]]:
        """(row, column, cell) of every non-empty cell up to (max_row, max_col), in order."""
        row = col = 0
        parent = None
        for event, el in self._events(member, ("start", "end")):
            name = _local(el.tag)
            if event == "start":
                if name == "sheetData":
                    parent = el
                elif name == "row":
                    try:
                        row = int(el.get("r") or row + 1)
                    except ValueError:
                        raise InputError(f"{INVALID}：行号 {el.get('r')[:20]!r} 无效",
                                         file=self.source) from None
                    col = 0
                    if row > max_row:
                        return  # rows are in order: nothing further is wanted
                continue
            if name == "c":
                ref = el.get("r")
                if ref:
                    m = _REF.fullmatch(ref)
                    if m is None:
                        raise InputError(f"{INVALID}：单元格引用 {ref[:20]!r} 无效",
                                         file=self.source)
                    col, row = _column(m.group(1)), int(m.group(2))
                else:
                    col += 1
                if not (0 < row <= MAX_ROW and 0 < col <= MAX_COL):
                    raise InputError(f"{INVALID}：单元格超出工作表范围（第 {row} 行第 {col} 列）",
                                     file=self.source)
                if row <= max_row and col <= max_col:
                    cell = self.cell(el)
                    if cell.kind != EMPTY:
                        self._count()
                        yield row, col, cell
                el.clear()
            elif name == "row":
                el.clear()
                if parent is not None:
                    parent.clear()  # done rows: drop them from the tree as well


def open_book(data: bytes, source: str, *, max_member_bytes: int = MAX_MEMBER_BYTES,
              max_total_bytes: int = MAX_TOTAL_BYTES) -> _Book:
    limits = ZipLimits(members=MAX_MEMBERS, member_bytes=max_member_bytes,
                       total_bytes=max_total_bytes)
    try:
        return _Book(data, source, limits)
    except InputError:
        raise
    except Exception as err:
        raise _damaged(source) from err


def _damaged(source: str) -> InputError:
    # Any failure below the zip's central directory (corrupt deflate stream → zlib.error,
    # CRC mismatch → BadZipFile, missing part → KeyError, …) means the upload is not a
    # readable workbook: a plain message, never a 500.
    return InputError(f"{INVALID}：文件已损坏或格式不对", file=source)


def read_cells(data: bytes, wanted: dict[str, tuple[int, int]], source: str = "上传的文件", *,
               max_member_bytes: int = MAX_MEMBER_BYTES,
               max_total_bytes: int = MAX_TOTAL_BYTES) -> dict[str, Cells]:
    """The non-empty cells of the named sheets, each up to (max_row, max_col):
    ``{sheet: {(row, col): RawCell}}``. A wanted sheet the workbook lacks is absent from
    the result (the caller decides what that means).

    Raises:
        InputError: the file is not a readable .xlsx ("不是有效的 Excel（.xlsx）文件…").
    """
    book = open_book(data, source, max_member_bytes=max_member_bytes,
                     max_total_bytes=max_total_bytes)
    try:
        sheets = dict(book.sheets)
        out: dict[str, Cells] = {}
        for name, (max_row, max_col) in wanted.items():
            if name in sheets:
                out[name] = {(r, c): cell for r, c, cell in
                             book.sheet_cells(sheets[name], max_row, max_col)}
        return out
    except InputError:
        raise
    except Exception as err:
        raise _damaged(source) from err
    finally:
        book.close()


def read_rows(data: bytes, source: str = "上传的文件", *, first_sheet_only: bool = False,
              max_member_bytes: int = MAX_MEMBER_BYTES,
              max_total_bytes: int = MAX_TOTAL_BYTES) -> list[SheetRow]:
    """Every non-empty row of every sheet (or of the first), in workbook and row order.

    Raises:
        InputError: not a readable .xlsx, or more than `MAX_CELLS` cells.
    """
    book = open_book(data, source, max_member_bytes=max_member_bytes,
                     max_total_bytes=max_total_bytes)
    rows: list[SheetRow] = []
    padded = 0
    try:
        for name, member in book.sheets[:1] if first_sheet_only else book.sheets:
            current = 0
            cells: list[RawCell] = []
            for r, c, cell in book.sheet_cells(member):
                if r != current:
                    if cells:
                        rows.append(SheetRow(name, current, tuple(cells)))
                    current, cells = r, []
                if c > len(cells):  # columns are sparse: pad with EMPTY up to this one
                    padded += c - len(cells)
                    if padded > MAX_CELLS * 4:
                        raise InputError(f"{INVALID}或表格过宽：单元格分布过散（第 {r} 行第 {c} 列）",
                                         file=source)
                    cells.extend([_EMPTY] * (c - 1 - len(cells)))
                    cells.append(cell)
            if cells:
                rows.append(SheetRow(name, current, tuple(cells)))
        return rows
    except InputError:
        raise
    except Exception as err:
        raise _damaged(source) from err
    finally:
        book.close()


_EMPTY = RawCell(EMPTY)
