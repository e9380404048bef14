"""Report text extraction for the figure audit: any supported file → numbered lines.

Reads ``.txt``/``.md`` (UTF-8, UTF-16 with BOM, or GB18030), ``.html``, ``.docx``
(paragraphs and tables in reading order, one table row per line with cells joined by
`` | ``), ``.pdf`` (the text layer, page by page, wrapped lines joined back into
paragraphs) and ``.xlsx`` (one sheet row per line).

Every file goes through `jixiao.ingest.guarded` first (regular files only, size limits,
zip and XML guards for docx/xlsx, a time budget for docx/pdf), and .xlsx through the one
xlsx reader `jixiao.ingest.xlsx_cells`. Damaged input never crashes the reader: a file
that cannot be read at all — missing, binary, truncated docx/xlsx/pdf, encrypted pdf —
raises `InputError` naming the file in plain words; anything that can be read is
returned as text, however badly flattened.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zipfile
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from jixiao.domain.errors import InputError
from jixiao.ingest.docmodel.wrapping import table_row
from jixiao.ingest.guarded import (
    MAX_REPORT_BYTES,
    REPORT_SECONDS,
    XML_LIMITS,
    Deadline,
    check_xml_members,
    open_zip,
    read_regular_file,
)

__all__ = ["SUPPORTED_SUFFIXES", "ReportText", "read_report", "text_from_bytes"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf",
                      ".xlsx", ".xlsm")
_MAX_BYTES = MAX_REPORT_BYTES
#: Text and HTML: the corpus's longest report is 8 KB of text; a 100-page one about 300 KB.
_MAX_TEXT_BYTES = 8 * 1024 * 1024
#: Lines of extracted text (and paragraphs of a docx): the corpus's longest report has 472;
#: the figure audit costs up to 0.7 ms for a line dense with figures, so this bounds it
#: to a few seconds.
MAX_LINES = 10_000
#: XML elements in a docx: a 100-page report written in Word has about 100 000.
_MAX_DOCX_ELEMENTS = 400_000
#: Cells of an xlsx report (imports such as the ledger allow more).
_MAX_XLSX_CELLS = 200_000
# Old binary office formats: say what to do instead of calling them "binary".
_UNSUPPORTED = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx",
                ".ppt": ".pdf", ".pptx": ".pdf", ".odt": ".docx", ".rtf": ".docx"}


@dataclass(frozen=True, slots=True)
class ReportText:
    """The extracted text of one file; `lines[0]` is line 1."""

    path: str
    lines: tuple[str, ...]


def _fail(path: str, message: str) -> InputError:
    return InputError(message, file=path)


def read_report(path: str | Path) -> ReportText:
    """Extract the text of a report file as numbered lines.

    Raises:
        InputError: when the file is missing, unreadable, binary or damaged beyond reading.
    """
    name = str(path)
    p = Path(path)
    data = read_regular_file(p, max_bytes=_MAX_BYTES, what="报告文件")
    lines = tuple(text_from_bytes(data, p.suffix.lower(), name).splitlines())
    if len(lines) > MAX_LINES:
        raise _fail(name, f"报告过长：{len(lines)} 行（最多 {MAX_LINES} 行），请拆分后再核查"
                          " / report too long")
    return ReportText(name, lines)


def text_from_bytes(data: bytes, suffix: str, name: str = "<bytes>") -> str:
    """The text of a file's bytes, dispatched on its suffix (see the module docstring)."""
    if suffix in _UNSUPPORTED:
        raise _fail(name, f"不支持 {suffix} 格式，请另存为 {_UNSUPPORTED[suffix]} 后再核查"
                          f" / {suffix} is not supported, save as {_UNSUPPORTED[suffix]}")
    try:
        if suffix in (".docx",):
            return _docx(data, name)
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx(data, name)
        if suffix == ".pdf":
            return _pdf(data, name)
        if len(data) > _MAX_TEXT_BYTES:
            raise _fail(name, f"文本文件过大（最多 {_MAX_TEXT_BYTES // (1024 * 1024)} MB）"
                              " / text file too large")
        text = _decode(data, name)
        if suffix in (".html", ".htm") or (suffix not in (".txt", ".text", ".md", ".markdown")
                                           and re.match(r"\s*<(!doctype html|html)", text, re.I)):
            return _html(text)
        return text
    except InputError:
        raise
    except (RecursionError, MemoryError):
        raise _fail(name, "文件结构异常，无法读取 / malformed file") from None
    except Exception as err:
        kind = {".docx": "Word", ".xlsx": "Excel", ".xlsm": "Excel", ".pdf": "PDF"}.get(suffix, "")
        raise _fail(name, f"{kind}文件已损坏或格式不对，无法读取（{type(err).__name__}）"
                          f" / damaged or unsupported {kind or 'text'} file") from None


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096] or _looks_binary(data[:4096]):
        raise _fail(name, "不是文本文件（看起来是二进制文件）/ binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_CONTROL = bytes([*range(9), *range(14, 32)])  # control bytes that text files do not use


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = len(head) - len(head.translate(None, _CONTROL))
    if control / len(head) > 0.05:
        return True
    # Text that decodes as neither UTF-8 nor GB18030 is not a report we can read.
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return False
        except UnicodeDecodeError as err:
            if err.start >= len(head) - 4:  # a character cut at the 4096-byte boundary
                return False
    return True


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "table", "blockquote", "pre", "dt", "dd", "header", "footer", "title")


_SKIPPED = frozenset(("script", "style", "noscript", "template"))


class _HtmlText:
    """lxml parser target: HTML events → text, with no tree and no recursion.

    A tree walked recursively (BeautifulSoup) took minutes — or blew the stack — on
    100 000 nested ``<div>``; these events cost the same at any depth. Text goes to the
    innermost open table cell, else to the document. A ``<tr>`` becomes one line of its
    own cells' texts joined by `` | `` (so a table nested in a cell becomes that cell's
    text, as its rows close first); block elements and ``<br>`` break lines.
    """

    def __init__(self) -> None:
        self.document: list[str] = []
        self.sinks: list[list[str]] = [self.document]  # innermost text sink last
        self.rows: list[list[str]] = []  # cells of the open <tr> elements
        self.stack: list[str] = []  # open elements, innermost last
        self.cell_depths: list[int] = []  # stack depth of each open cell
        self.row_depths: list[int] = []
        self.skipping = 0
        self.in_text = False  # the previous event was text: the next text continues it

    def start(self, tag: object, attrib: object) -> None:
        self.in_text = False
        name = tag.lower() if isinstance(tag, str) else ""
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(name)
        if name in _SKIPPED:
            self.skipping += 1
        elif name == "tr":
            self.rows.append([])
            self.row_depths.append(len(self.stack))
        elif name in ("td", "th") and parent == "tr" and self.rows:
            self.sinks.append([])
            self.cell_depths.append(len(self.stack))
        elif name == "br" or name in _BLOCKS:
            self.sinks[-1].append("\n")

    def end(self, tag: object) -> None:
        self.in_text = False
        if not self.stack:
            return
        depth = len(self.stack)
        name = self.stack.pop()
        if name in _SKIPPED:
            self.skipping -= 1
        elif self.cell_depths and self.cell_depths[-1] == depth:
            self.cell_depths.pop()
            strings = self.sinks.pop()
            self.rows[-1].append(" ".join(t.strip() for t in strings if t.strip()))
        elif self.row_depths and self.row_depths[-1] == depth:
            self.row_depths.pop()
            self.sinks[-1].append(f"\n{' | '.join(self.rows.pop())}\n")
        elif name in _BLOCKS:
            self.sinks[-1].append("\n")

    def data(self, text: str) -> None:
        # one text node may arrive in several calls (buffer ends, entities): join them,
        # or a cell's "12345" would become "123 45"
        if self.skipping:
            return
        sink = self.sinks[-1]
        if self.in_text and sink:
            sink[-1] += text
        else:
            sink.append(text)
        self.in_text = True

    def comment(self, text: str) -> None:
        self.in_text = False

    def close(self) -> str:
        return "".join(self.document)


def _html(text: str) -> str:
    from lxml import etree

    target = _HtmlText()
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=True)
    parser.feed(text)
    with contextlib.suppress(etree.LxmlError):  # nothing parsed: the target keeps what it got
        parser.close()
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in
             "".join(target.document).split("\n"))
    return "\n".join(_squeeze(lines))


def _squeeze(lines: Iterator[str]) -> Iterator[str]:
    """Drop runs of blank lines (HTML whitespace), keeping one blank between blocks."""
    blank = True
    for ln in lines:
        if ln:
            blank = False
            yield ln
        elif not blank:
            blank = True
            yield ""


def _docx(data: bytes, name: str) -> str:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _fail(name, "Word 文件已损坏（不是完整的 docx 压缩包）/ damaged docx")
    # zip bomb and DTD guards before python-docx inflates and parses the parts
    with open_zip(data, name, XML_LIMITS, invalid="不是有效的 Word（.docx）文件") as archive:
        check_xml_members(archive, name, Deadline(REPORT_SECONDS, name),
                          invalid="不是有效的 Word（.docx）文件", max_elements=_MAX_DOCX_ELEMENTS,
                          max_paragraphs=MAX_LINES)
    import docx  # only now: a refused file does not pay for python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                texts: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat the same element
                        continue
                    seen.add(id(cell._tc))
                    texts.append(" ".join(p.text for p in cell.paragraphs).strip())
                out.append(" | ".join(texts))
    return "\n".join(out)


def _pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    # pypdf logs every repair it attempts; damage is reported once, as an InputError.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            raise _fail(name, "PDF 已加密，无法读取 / encrypted PDF") from None
    deadline = Deadline(REPORT_SECONDS, name)
    if len(reader.pages) > _MAX_PDF_PAGES:
        raise _fail(name, f"PDF 页数过多（{len(reader.pages)} 页，最多 {_MAX_PDF_PAGES} 页）"
                          " / too many pages")
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(_page_text(page))
            page.close()  # (its parsed objects: a long report must not keep every page's)
            deadline.check_now()
    return "\n".join(pages)


#: More pages than any self-evaluation report has (the corpus's longest has about 60).
_MAX_PDF_PAGES = 2000

def _page_text(page: Any) -> str:
    """One PDF page as lines, from its positioned characters (pdfplumber): every ruled table
    as rows of cells joined by `` | `` — as html and docx tables are read —, the text around
    the tables line by line in their place from the top, its wrapped paragraphs joined back
    (`_reflow`).

    A table's cell wraps its text over several lines (a narrow 三级指标 column, a 偏差原因
    column); read line by line, as pypdf's text layer gives it, every wrapped cell starts a
    line of its own and the row's figures land on another (round 1 011, round 3 455, 046 as
    PDF: the scores beside their weights were lost, a 得分 read as a weight). Reports' tables
    are ruled (Word and WPS export their borders, as the official forms print them), so the
    ruling lines say where each cell ends.
    """
    blocks: list[tuple[float, list[tuple[str, bool]]]] = []  # (top, lines with "full")
    outside = page
    # (finding tables costs more than linearly in the ruling lines: a page drawn with more
    # than any form prints — a chart, a hostile file — is read as text lines only)
    ruled = len(page.lines) + len(page.rects) <= _MAX_RULES
    for table in page.find_tables() if ruled else ():
        rows = [_row_text(row) for row in _table_cells(table)]
        # (a table row is never joined to what follows: "full" False)
        blocks.append((table.bbox[1], [(r, False) for r in rows if r]))
        outside = outside.outside_bbox(table.bbox)
    text_lines = outside.extract_text_lines(return_chars=True)
    # A line was wrapped when it ends near the right edge of the page's text (the furthest
    # any line reaches), or the next line's first word would not have fitted after it.
    # Measured on the page, not on the longest line: a page of short lines (one table cell
    # per line, headings) has no full line; and a line ending before a figure that could
    # not be cut (3881.22平方米) is short by that figure's width.
    right = max((ln["x1"] for ln in text_lines), default=0.0)
    left = min((ln["x0"] for ln in text_lines), default=0.0)
    prose = right >= _PROSE_REACH * float(page.width)
    gaps = sorted(b["top"] - a["bottom"] for a, b in pairwise(text_lines) if b["top"] > a["bottom"])
    leading = gaps[len(gaps) // 2] if gaps else 0.0  # the page's usual gap between lines
    for ln, after in zip(text_lines, [*text_lines[1:], None], strict=False):
        chars = ln["chars"]
        size = max((float(ch.get("size", 0)) for ch in chars[-2:]), default=0.0)
        room = right - float(ln["x1"])
        full = prose and room < max(_RAGGED * size, 0.0 if after is None else _first_word(after["chars"]))
        # (a full line goes on into the next when nothing on the page says a paragraph begins
        # there: no indent, no wider gap than between a paragraph's lines — then even after a
        # sentence's end, which falls at the margin inside a paragraph as often as anywhere)
        goes_on = full and after is not None and after["x0"] <= left + size / 2 \
            and after["top"] - ln["bottom"] <= 1.2 * leading + 0.5
        blocks.append((ln["top"], [(ln["text"], goes_on)]))
    blocks.sort(key=lambda b: b[0])
    return _reflow([item for _, lines in blocks for item in lines])


def _first_word(chars: list[dict[str, Any]]) -> float:
    """The width of a line's first unbreakable piece: one CJK character (with the closing
    punctuation that may not start a line), or a run of Latin letters, digits and signs."""
    if not chars:
        return 0.0
    k = 0
    if chars[0]["text"] < _WIDE:
        while k + 1 < len(chars) and chars[k + 1]["text"] < _WIDE and not chars[k + 1]["text"].isspace():
            k += 1
    while k + 1 < len(chars) and chars[k + 1]["text"] in _NO_LINE_START:
        k += 1
    return float(chars[k]["x1"]) - float(chars[0]["x0"])


_WIDE = "\u0800"
_NO_LINE_START = "，。、；：！？）》”’%‰"


#: Ruling lines and rectangles of a page whose tables are looked for (a 自评表 page of 30
#: rows × 9 columns draws about 600).
_MAX_RULES = 5000

#: How many characters short of the right edge a wrapped line may stop: text set ragged
#: (not justified) breaks where its line-breaking found a better place, up to three
#: characters early (Typst; round 3 dev 107 as PDF: "…30亩,2020年挂" / "果,2021年投产").
#: A paragraph's last line that long goes on only where no indent or wider gap parts it.
_RAGGED = 4

#: How far across the page (share of its width) the furthest line of a page of prose
#: reaches: a page whose lines all stop short of that holds no wrapped prose.
_PROSE_REACH = 0.6


def _table_cells(table: Any) -> list[list[str | None]]:
    """The text of every cell of a pdfplumber table (None for a place a merged cell covers),
    a cell whose characters overlap others left empty.

    Text too long for its cell (an unbreakable code or number) runs over the border into
    the next cell, and reading each cell's characters by their place interleaves the two
    (2信2-息01分10类9名称: an index number run into its neighbour's label, which read as
    9名) and cuts the one that ran over (100 read as 10); neither cell can be read, and an
    empty cell is better than invented figures.
    """
    rows = table.extract()
    chars = table.page.within_bbox(table.bbox).chars
    bad = _overlapping(chars) + _across_borders(chars, table.rows)
    if not bad:
        return rows  # type: ignore[no-any-return]
    for texts, row in zip(rows, table.rows, strict=True):
        before: int | None = None  # the cell before, where a run-over text comes from
        for k, box in enumerate(row.cells):
            if box is None:
                continue
            if any(_inside(c, box) for c in bad):
                texts[k] = ""
                if before is not None:
                    texts[before] = ""
            before = k
    return rows  # type: ignore[no-any-return]


def _overlapping(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Characters set over one another on one line (by more than a third of the narrower)."""
    out: list[dict[str, Any]] = []
    ordered = sorted(chars, key=lambda c: (round(float(c["top"])), float(c["x0"])))
    for a, b in pairwise(ordered):
        # (the same character twice is a bold face struck twice, not text run over a border)
        same_line = abs(float(a["top"]) - float(b["top"])) < 0.5 * float(a.get("size") or 1)
        if same_line and a["text"] != b["text"] and \
                float(a["x1"]) - float(b["x0"]) > min(float(a["width"]), float(b["width"])) / 3:
            out += [a, b]
    return out


def _across_borders(chars: list[dict[str, Any]], rows: list[Any]) -> list[dict[str, Any]]:
    """Characters set across a border between two cells of their row."""
    out: list[dict[str, Any]] = []
    for row in rows:
        edges = sorted({box[2] for box in row.cells if box is not None})
        top, bottom = row.bbox[1], row.bbox[3]
        for c in chars:
            y = (float(c["top"]) + float(c["bottom"])) / 2
            if top <= y < bottom:
                x0, x1 = float(c["x0"]) + 0.5, float(c["x1"]) - 0.5
                k = bisect_left(edges, x0)
                if k < len(edges) and edges[k] < x1:
                    out.append(c)
    return out


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _row_text(cells: list[str | None]) -> str:
    """A table row as one line, its cells joined by `` | `` as an html row gives them: a place
    a merged cell covers (pdfplumber's None: the cell spans it from the left or from above)
    is no cell of the row, and the empty cells after its last text are left out."""
    texts = [_cell_text(c) for c in cells if c is not None]
    while texts and not texts[-1]:
        texts.pop()
    return " | ".join(texts)


def _cell_text(text: str | None) -> str:
    """A table cell's text on one line: a wrapped cell's lines joined as it was typed (a
    space kept only between two Latin words)."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += (" " if out[-1:].isascii() and out[-1:].isalpha() and part[:1].isascii()
                and part[:1].isalpha() else "") + part
    return out


_PARAGRAPH_END = ("。", "！", "？", "；", "：", ":", ";", "!", "?")


def _reflow(lines: list[tuple[str, bool]]) -> str:
    """Join the visual lines a PDF wrapped back into paragraphs: (text, whether the page's
    layout says the paragraph goes on into the next line) in page order.

    Short lines (headings, the last line of a paragraph) and table rows — as long as the page
    but never wrapped prose — stay as they are.
    """
    out: list[str] = []
    joining = False
    for ln, goes_on in lines:
        text = ln.rstrip()
        row = table_row(text)
        if joining and out and not row:
            out[-1] += text.lstrip()
        else:
            out.append(text)
        joining = goes_on and not row
    return "\n".join(out)


def _xlsx(data: bytes, name: str) -> str:
    # the one xlsx reader (exact decimals, number formats applied with 四舍五入, guarded)
    from jixiao.ingest.xlsx_cells import read_rows

    out: list[str] = []
    for row in read_rows(data, name, max_member_bytes=XML_LIMITS.member_bytes,
                         max_total_bytes=XML_LIMITS.total_bytes, max_cells=_MAX_XLSX_CELLS):
        texts = [t for t in (cell.display() for cell in row.cells) if t]
        if texts:
            out.append(" | ".join(texts))
    return "\n".join(out)
