"""Lines of extracted text → a stream of table cells, each keeping its line and offsets.

Every layout a published table arrives in is cut the same way: ``|`` separates cells
when a line has one (html/docx/xlsx rows as `jixiao.ingest.report_text` writes them,
markdown pipes, and the one-cell-per-line ``150万 |`` of web pages); otherwise tabs, or
runs of whitespace (PDF layout text, space-separated rows). `join_operators` puts an
operator (``≥``) cut off by a space back with the figure after it. Row boundaries are *not* decided here:
`jixiao.ingest.docmodel.tables` aligns the stream under a recognised header.
"""

from __future__ import annotations

import re

from jixiao.domain.audit.facts import AuditLine
from jixiao.domain.audit.tables import TableCell

__all__ = ["join_operators", "line_cells"]

_TOKENS = re.compile(r"\S+")
_TABS = re.compile(r"[^\t]+")
_OPERATOR_ONLY = frozenset(("≥", "≤", ">=", "<=", "≧", "≦", ">", "<", "=", "＝", "═"))


def _pipe_cells(line: AuditLine) -> list[TableCell]:
    text = line.text
    segments = text.split("|")
    # "150万 |": the empty segment after the last bar is no cell; "| a | b |" (markdown)
    # neither is the one before the first bar when the line has text.
    starts = [0]
    for seg in segments[:-1]:
        starts.append(starts[-1] + len(seg) + 1)
    pairs = list(zip(starts, segments, strict=True))
    if pairs and not pairs[-1][1].strip():
        pairs.pop()
    if len(pairs) > 1 and not pairs[0][1].strip():
        pairs.pop(0)
    out: list[TableCell] = []
    for a, raw in pairs:
        stripped = raw.strip()
        if not stripped:
            out.append(TableCell("", line.number, a, a))
            continue
        start = a + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        out.append(TableCell(stripped, line.number, start, end,
                             line.figures_between(start, end) if line.figures else ()))
    return out


def line_cells(line: AuditLine, spaced: bool = True) -> list[TableCell]:
    """The cells of one line: by ``|``, else by tabs, else (when `spaced`) by whitespace."""
    text = line.text
    if "|" in text:
        cells = _pipe_cells(line)
    else:
        pattern = _TABS if "\t" in text else (_TOKENS if spaced else None)
        if pattern is None:
            stripped = text.strip()
            if not stripped:
                return []
            a = text.index(stripped[0])
            cells = [TableCell(stripped, line.number, a, a + len(stripped),
                               line.figures_between(a, a + len(stripped)))]
        else:
            cells = []
            for m in pattern.finditer(text):
                raw = m.group()
                stripped = raw.strip()
                if not stripped:
                    continue
                a = m.start() + (len(raw) - len(raw.lstrip()))
                cells.append(TableCell(stripped, line.number, a, a + len(stripped),
                                       line.figures_between(a, a + len(stripped))))
    return cells


def join_operators(cells: list[TableCell], line: AuditLine) -> list[TableCell]:
    """``≥`` ``100%`` (two cells of one line, not split by ``|``) → ``≥ 100%``.

    Space-separated text cuts an operator from its target; a table without a 指标性质
    column wants them together.
    """
    if not any(c.text in _OPERATOR_ONLY for c in cells):
        return cells
    out: list[TableCell] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        if c.text in _OPERATOR_ONLY and nxt is not None and nxt.number is not None \
                and nxt.line == c.line and "|" not in line.text[c.end:nxt.start]:
            out.append(TableCell(line.text[c.start:nxt.end], c.line, c.start, nxt.end,
                                 nxt.figures))
            k += 2
            continue
        out.append(c)
        k += 1
    return out
