"""Build the audit's document model from a report's extracted lines.

Lines keep their figures (`jixiao.ingest.figures`); tables are recovered from the same
lines by `jixiao.ingest.docmodel.tables`, whatever layout the reader produced, so every
figure of a table cell keeps its file line and its offsets.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.domain.audit.facts import AuditDocument
from jixiao.ingest.docmodel.tables import recover_tables
from jixiao.ingest.figures import extract_line

__all__ = ["build_document"]

# Only a text that names a table's columns can hold one: a cheap test spares prose reports
# the table scan (the audit must stay at hundreds of reports per second).
_TABLE_WORDS = ("得分", "执行率", "执行数", "分值")


def build_document(lines: Iterable[str]) -> AuditDocument:
    """The `AuditDocument` of a report's lines (line 1 first): lines, figures and tables."""
    audit_lines = tuple(extract_line(n, t) for n, t in enumerate(lines, start=1))
    if not any(w in ln.text for ln in audit_lines for w in _TABLE_WORDS):
        return AuditDocument(audit_lines)
    return AuditDocument(audit_lines, recover_tables(audit_lines))
