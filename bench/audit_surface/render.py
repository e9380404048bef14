"""Render a surface document in one layout: text layouts, html, docx, xlsx, pdf.

Text layouts keep prose as paragraphs separated by a blank line and lay tables out the way
real reports arrive after copying: cells joined by `` | `` (pipes), one cell per line
(cells), one cell per line with blank lines between (cells-blank), cells joined by spaces
so empty cells vanish (spaces), by tabs (tabs), a space-joined table whose header
cells are broken over two lines (header-2-lines), and cells run together with no separator
at all, as OCR and some PDF text layers give them (run-together). ``txt-wrapped`` hard-wraps
prose every 24 characters, as text copied out of a PDF is. Files are written with the libraries the
project already depends on (lxml-readable html, python-docx, openpyxl, Typst).
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from pathlib import Path

from audit_surface.model import Doc, Para, Table

TEXT_TABLE_LAYOUTS = ("pipes", "cells", "cells-blank", "spaces", "tabs", "header-2-lines", "run-together")
FILE_LAYOUTS = ("html", "docx", "xlsx", "pdf")
PROSE_TEXT_LAYOUTS = ("txt", "txt-wrapped")
FORMAT_OF = {**{k: "txt" for k in TEXT_TABLE_LAYOUTS + PROSE_TEXT_LAYOUTS},
             **{k: k for k in FILE_LAYOUTS}}
SUFFIX = {"txt": ".txt", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}


def layouts_for(doc: Doc) -> tuple[str, ...]:
    """The layouts a document is rendered in: table layouts when it holds a table."""
    if doc.has_table:
        return TEXT_TABLE_LAYOUTS + FILE_LAYOUTS
    return PROSE_TEXT_LAYOUTS + FILE_LAYOUTS


def _split_header(cell: str) -> tuple[str, str]:
    if len(cell) < 4:
        return cell, ""
    cut = len(cell) // 2
    return cell[:cut], cell[cut:]


def _wrap(text: str, width: int = 24) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _table_text(table: Table, layout: str) -> list[str]:
    out: list[str] = []
    for n, row in enumerate(table.rows):
        if layout == "pipes":
            out.append(" | ".join(row))
        elif layout == "cells":
            out += [c for c in row]
        elif layout == "cells-blank":
            for c in row:
                out += [c, ""]
        elif layout == "spaces":
            out.append(" ".join(c for c in row if c.strip()))
        elif layout == "tabs":
            out.append("\t".join(row))
        elif layout == "run-together":
            out.append("".join(row))
        elif layout == "header-2-lines":
            if n < table.header_rows:
                halves = [_split_header(c) for c in row]
                out.append(" ".join(h[0] for h in halves if h[0]))
                out.append(" ".join(h[1] for h in halves if h[1]))
            else:
                out.append(" ".join(c for c in row if c.strip()))
        else:
            raise ValueError(f"unknown table layout {layout}")
    return out


def to_text(doc: Doc, layout: str) -> str:
    """The document as plain text in one of the text layouts."""
    lines = [doc.title, ""]
    for block in doc.blocks:
        if isinstance(block, Para):
            lines += _wrap(block.text) if layout == "txt-wrapped" else [block.text]
        else:
            lines += _table_text(block, "pipes" if layout in PROSE_TEXT_LAYOUTS else layout)
        lines.append("")
    return "\n".join(lines)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_html(doc: Doc) -> str:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", _esc(doc.title),
             "</title></head><body>", f"<h1>{_esc(doc.title)}</h1>"]
    for block in doc.blocks:
        if isinstance(block, Para):
            parts.append(f"<p>{_esc(block.text)}</p>")
        else:
            parts.append("<table border='1'>")
            for n, row in enumerate(block.rows):
                tag = "th" if n < block.header_rows else "td"
                parts.append("<tr>" + "".join(f"<{tag}>{_esc(c)}</{tag}>" for c in row) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_docx(doc: Doc) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(doc.title, level=1)
    for block in doc.blocks:
        if isinstance(block, Para):
            document.add_paragraph(block.text)
        else:
            ncols = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=ncols)
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_NUM = re.compile(r"^\d+(?:\.(\d+))?$")
_PCT = re.compile(r"^(\d+(?:\.(\d+))?)%$")


def to_xlsx(doc: Doc) -> bytes:
    """Prose in column A, one paragraph per row; table numbers stored as numbers with their decimals."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    row = 1
    ws.cell(row=row, column=1, value=doc.title)
    row += 2
    for block in doc.blocks:
        if isinstance(block, Para):
            ws.cell(row=row, column=1, value=block.text)
            row += 1
        else:
            for cells in block.rows:
                for col, text in enumerate(cells, start=1):
                    cell = ws.cell(row=row, column=col)
                    if m := _NUM.match(text):
                        cell.value = float(text) if m.group(1) else int(text)
                        cell.number_format = "0." + "0" * len(m.group(1)) if m.group(1) else "0"
                    elif m := _PCT.match(text):
                        places = len(m.group(2) or "")
                        cell.value = float(m.group(1)) / 100
                        cell.number_format = ("0." + "0" * places if places else "0") + "%"
                    elif text:
                        cell.value = text
                row += 1
        row += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_TYPST = """
#let data = json(bytes(sys.inputs.data))
#set page(paper: "a4", margin: 1.8cm)
#set text(font: "Noto Serif CJK SC", size: 10pt, lang: "zh")
#set par(justify: false)
#align(center, text(size: 14pt, weight: "bold", data.title))
#for b in data.blocks {
  if b.kind == "para" {
    par(b.text)
  } else {
    table(columns: b.ncols, inset: 4pt, ..b.cells.map(c => [#c]))
  }
  v(0.6em)
}
"""


@lru_cache(maxsize=1)
def _compiler() -> object:
    import typst

    from jixiao.documents.style import cjk_font_dir

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(cjk_font_dir())])
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


def to_pdf(doc: Doc) -> bytes:
    """The document typeset by Typst with the project's CJK fonts (text layer kept)."""
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Para):
            blocks.append({"kind": "para", "text": block.text})
        else:
            ncols = max(len(r) for r in block.rows)
            cells = [c for r in block.rows for c in (*r, *([""] * (ncols - len(r))))]
            blocks.append({"kind": "table", "ncols": ncols, "cells": cells})
    data = json.dumps({"title": doc.title, "blocks": blocks}, ensure_ascii=False)
    result = _compiler().compile(input=_TYPST.encode("utf-8"), format="pdf",  # type: ignore[attr-defined]
                                 sys_inputs={"data": data}, timestamp=0)
    assert isinstance(result, bytes)
    return result


def write(doc: Doc, layout: str, folder: Path, stem: str) -> Path:
    """Render `doc` in `layout` into `folder`; the file's path."""
    fmt = FORMAT_OF[layout]
    path = folder / f"{stem}{SUFFIX[fmt]}"
    if fmt == "txt":
        path.write_text(to_text(doc, layout), encoding="utf-8")
    elif fmt == "html":
        path.write_text(to_html(doc), encoding="utf-8")
    elif fmt == "docx":
        path.write_bytes(to_docx(doc))
    elif fmt == "xlsx":
        path.write_bytes(to_xlsx(doc))
    else:
        path.write_bytes(to_pdf(doc))
    return path
