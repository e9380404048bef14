"""Build the audit's document model from a report's extracted lines.

Lines keep their figures (`jixiao.ingest.figures`); tables are recovered from the same
lines by `jixiao.ingest.docmodel.tables`, whatever layout the reader produced, so every
figure of a table cell keeps its file line and its offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, AuditLine
from jixiao.ingest.docmodel.tables import recover_tables
from jixiao.ingest.docmodel.wrapping import rejoin_wrapped
from jixiao.ingest.figures import extract_line

__all__ = ["build_document"]

# Only a text that names a table's columns can hold one: a cheap test spares prose reports
# the table scan (the audit must stay at hundreds of reports per second).
_TABLE_WORDS = ("得分", "执行率", "执行数", "分值")


def build_document(lines: Iterable[str]) -> AuditDocument:
    """The `AuditDocument` of a report's lines (line 1 first): lines, figures and tables.

    Hard-wrapped paragraphs are joined back first (`rejoin_wrapped`: on their first line,
    the lines they took and page furniture left out), so the detectors read the same
    sentences whatever width the report was printed at.
    """
    audit_lines = _extracted(rejoin_wrapped(list(lines)))
    if not any(_names_a_column(ln.text) for ln in audit_lines):
        return AuditDocument(audit_lines)
    return AuditDocument(audit_lines, recover_tables(audit_lines))


def _names_a_column(text: str) -> bool:
    """Whether a line names one of `_TABLE_WORDS` — in run-together text with stray blanks too
    (分 值, 得 分: a wrapped header cell's line break, see `docmodel.tables`)."""
    if any(w in text for w in _TABLE_WORDS):
        return True
    return "分" in text and " " in text and any(w in text.replace(" ", "") for w in _TABLE_WORDS)


def _extracted(lines: Iterable[tuple[int, str]]) -> tuple[AuditLine, ...]:
    """`extract_line` of every line, each distinct text read once per document.

    A line's text and figures depend on its text alone, so a line repeating an earlier one
    (a blank line, a table's border or header row, a paragraph a report states twice) gets
    the earlier one's text, figures and spans (`AuditLine.renumbered`) under its own number;
    a number printed again in another line is parsed once (`extract_figures`' `numbers`).
    The cache lives and dies with the document (docs/architecture.md "Keeping the audit fast").
    """
    read: dict[str, AuditLine] = {}
    numbers: dict[str, Decimal] = {}  # (each number as printed parsed once, too)
    out: list[AuditLine] = []
    for n, t in lines:
        known = read.get(t)
        if known is None:
            known = read[t] = extract_line(n, t, numbers)
            out.append(known)
        else:
            out.append(known.renumbered(n))
    return tuple(out)
