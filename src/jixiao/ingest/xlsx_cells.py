"""Read cells of an .xlsx straight from its XML, exactly as stored.

Why not openpyxl: it turns every numeric cell into a binary float (so "0.10000000000000001"
comes back as 0.1), and it cannot tell an empty cell from a formula that has no cached
result. Here a numeric cell's text is the `<v>` text of the file, checked to be a finite
decimal number and never passed through a float; a formula without a result, an error value
(#DIV/0!) and a malformed number are reported as such.

The archive is checked by `jixiao.ingest.xlsx_safety` first, documents with a DTD are
refused (no entity expansion), and a sheet is parsed as a stream only up to the last row
asked for. Every failure to open or parse becomes an `InputError`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import XMLPullParser

from jixiao.domain.errors import InputError
from jixiao.ingest.xlsx_safety import INVALID, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, open_xlsx

#: Cell kinds.
EMPTY, NUMBER, TEXT, BOOL, ERROR, NO_RESULT, BAD_NUMBER = (
    "empty", "number", "text", "bool", "error", "no_result", "bad_number")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: Numbers beyond ±10^20 (or finer than 10^-20) are no budget figure; refusing them also
#: keeps "1E999999999" from being spelled out digit by digit.
_MAX_EXPONENT = 20
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell's kind and its text: for NUMBER a plain decimal ("2225038.16", never an
    exponent), for ERROR the error value ("#DIV/0!"), for TEXT the string."""

    kind: str
    text: str = ""


Cells = dict[tuple[int, int], RawCell]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _xml(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    data = archive.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(f"{INVALID}：{name} 含有不允许的 DTD", file=source)
    return data


def _events(data: bytes, events: tuple[str, ...] = ("end",)):  # type: ignore[no-untyped-def]
    """Stream (event, element) pairs, fed in slices so that parsing can stop early."""
    parser = XMLPullParser(events=events)
    for start in range(0, len(data), 65536):
        parser.feed(data[start:start + 65536])
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _text_of(element) -> str:  # type: ignore[no-untyped-def]
    """All <t> text under a shared or inline string, without phonetic runs (<rPh>)."""
    parts: list[str] = []

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        for child in el:
            name = _local(child.tag)
            if name == "rPh":
                continue
            if name == "t":
                parts.append(child.text or "")
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _sheet_paths(archive: zipfile.ZipFile, source: str) -> tuple[dict[str, str], str | None]:
    """Sheet name → member path, and the shared strings' member path (if any)."""
    targets: dict[str, tuple[str, str]] = {}
    for _, el in _events(_xml(archive, "xl/_rels/workbook.xml.rels", source)):
        if _local(el.tag) == "Relationship":
            target = el.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[el.get("Id", "")] = (el.get("Type", ""), path)
    sheets: dict[str, str] = {}
    for _, el in _events(_xml(archive, "xl/workbook.xml", source)):
        if _local(el.tag) == "sheet":
            rid = el.get(f"{{{_REL}}}id") or next(
                (v for k, v in el.attrib.items() if _local(k) == "id"), "")
            if rid in targets:
                sheets[el.get("name", "")] = targets[rid][1]
    shared = next((p for t, p in targets.values() if t.endswith("/sharedStrings")), None)
    return sheets, shared


def _shared_strings(archive: zipfile.ZipFile, path: str | None, source: str) -> list[str]:
    if path is None or path not in archive.namelist():
        return []
    strings = []
    for _, el in _events(_xml(archive, path, source)):
        if _local(el.tag) == "si":
            strings.append(_text_of(el))
            el.clear()
    return strings


def _number(text: str) -> RawCell:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return RawCell(BAD_NUMBER, text)  # "nan", "inf", "" …
    number = Decimal(text)
    if number and not -_MAX_EXPONENT <= number.adjusted() <= _MAX_EXPONENT:
        return RawCell(BAD_NUMBER, text)
    return RawCell(NUMBER, format(number, "f"))


def _cell(el, strings: list[str]) -> RawCell:  # type: ignore[no-untyped-def]
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
            return RawCell(TEXT, strings[int(value)])
        except (ValueError, IndexError):
            return RawCell(ERROR, "#REF!")
    if kind in ("str", "d"):
        return RawCell(TEXT, value)
    if kind == "e":
        return RawCell(ERROR, value)
    if kind == "b":
        return RawCell(BOOL, "TRUE" if value.strip() == "1" else "FALSE")
    return _number(value)


def _sheet_cells(data: bytes, strings: list[str], max_row: int, max_col: int) -> Cells:
    cells: Cells = {}
    row = col = 0
    for event, el in _events(data, ("start", "end")):
        name = _local(el.tag)
        if event == "start":
            if name == "row":
                row = int(el.get("r") or row + 1)
                col = 0
                if row > max_row:
                    break  # rows are in order: nothing further is wanted
            continue
        if name == "c":
            ref = el.get("r")
            if ref:
                m = re.fullmatch(r"([A-Z]{1,3})(\d+)", ref)
                if m is None:
                    raise ValueError(f"bad cell reference {ref!r}")
                col, row = _column(m.group(1)), int(m.group(2))
            else:
                col += 1
            if row <= max_row and col <= max_col:
                cell = _cell(el, strings)
                if cell.kind != EMPTY:
                    cells[(row, col)] = cell
            el.clear()
        elif name == "row":
            el.clear()
    return cells


def read_cells(data: bytes, wanted: dict[str, tuple[int, int]], source: str = "上传的文件", *,
               max_member_bytes: int = MAX_MEMBER_BYTES,
               max_total_bytes: int = MAX_TOTAL_BYTES) -> dict[str, Cells]:
    """The non-empty cells of the named sheets, each up to (max_row, max_col):
    ``{sheet: {(row, col): RawCell}}``. A wanted sheet the workbook lacks is absent from
    the result (the caller decides what that means).

    Raises:
        InputError: the file is not a readable .xlsx ("不是有效的 Excel（.xlsx）文件…").
    """
    archive = open_xlsx(data, source, max_member_bytes=max_member_bytes,
                        max_total_bytes=max_total_bytes)
    try:
        sheets, shared = _sheet_paths(archive, source)
        strings = _shared_strings(archive, shared, source)
        out: dict[str, Cells] = {}
        for name, (max_row, max_col) in wanted.items():
            if name in sheets:
                out[name] = _sheet_cells(_xml(archive, sheets[name], source), strings,
                                         max_row, max_col)
        return out
    except InputError:
        raise
    except Exception as err:
        # Any failure below the zip's central directory (corrupt deflate stream → zlib.error,
        # CRC mismatch → BadZipFile, malformed XML → ParseError, missing part → KeyError, …)
        # means the upload is not a readable workbook: a plain message, never a 500.
        raise InputError(f"{INVALID}：文件已损坏或格式不对", file=source) from err
    finally:
        archive.close()
