"""Use case: audit the figures of report files (`jixiao audit`).

Reads each file with `jixiao.ingest.report_text`, extracts figures line by line with
`jixiao.ingest.figures`, and runs the pure detectors of `jixiao.domain.audit`. No Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.audit.registry import audit_document
from jixiao.domain.errors import InputError
from jixiao.domain.findings import Finding
from jixiao.ingest.docmodel.document import build_document
from jixiao.ingest.report_text import read_report

__all__ = ["FileAudit", "audit_each", "audit_files", "audit_lines"]


@dataclass(frozen=True, slots=True)
class FileAudit:
    """The findings for one file, plus how many lines were read (0 = no text found).

    `error` is set (and `findings` empty) when the file could not be read at all: the
    plain-words reason, without the path (which is `path`).
    """

    path: str
    findings: tuple[Finding, ...]
    line_count: int
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        """The per-file object of CONTRACTS.md §4; an unreadable file adds ``"error"``."""
        if self.error is not None:
            return {"path": self.path, "error": self.error, "findings": []}
        return {"path": self.path, "findings": [f.to_json() for f in self.findings]}


def audit_lines(lines: Iterable[str]) -> tuple[Finding, ...]:
    """Audit text already split into lines (line 1 first)."""
    return audit_document(build_document(lines))


def audit_files(paths: Iterable[str | Path]) -> list[FileAudit]:
    """Read every file first (an unreadable one raises `InputError`), then audit each."""
    texts = [read_report(p) for p in paths]
    return [FileAudit(t.path, audit_lines(t.lines), sum(1 for ln in t.lines if ln.strip()))
            for t in texts]


def audit_each(paths: Iterable[str | Path]) -> list[FileAudit]:
    """Audit every file on its own: one that cannot be read gets a `FileAudit` with `error`.

    A damaged file among many must not hide the findings of the good ones (`jixiao audit`
    prints them all and exits 2 when any file was unreadable).
    """
    results: list[FileAudit] = []
    for p in paths:
        try:
            text = read_report(p)
            findings = audit_lines(text.lines)
        except InputError as err:
            results.append(FileAudit(str(p), (), 0, err.message))
            continue
        except (RecursionError, MemoryError, ArithmeticError, ValueError) as err:
            # input so malformed that it reached code which trusted it: still this file's fault
            results.append(FileAudit(str(p), (), 0,
                                     f"无法处理该文件（{type(err).__name__}）/ cannot process file"))
            continue
        results.append(FileAudit(text.path, findings, sum(1 for ln in text.lines if ln.strip())))
    return results
