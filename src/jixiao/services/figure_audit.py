"""Use case: audit the figures of report files (`jixiao audit`).

Reads each file with `jixiao.ingest.report_text`, extracts figures line by line with
`jixiao.ingest.figures`, and runs the pure detectors of `jixiao.domain.audit`. No Django.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from jixiao.domain.audit.facts import AuditDocument
from jixiao.domain.audit.registry import audit_document
from jixiao.domain.audit.rescore import evaluation_data, rebuild
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
    extracted: str | None = None  # where `--extract` wrote the recovered evaluation

    def to_json(self) -> dict[str, object]:
        """The per-file object of CONTRACTS.md §4; an unreadable file adds ``"error"``."""
        if self.error is not None:
            return {"path": self.path, "error": self.error, "findings": []}
        return {"path": self.path, "findings": [f.to_json() for f in self.findings]}


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one audit (re-enabled after it, only if it
    was enabled before).

    An audit allocates figures, lines, labels and tuples by the ten thousand and keeps most
    of them until it ends, so the collector runs again and again over objects that are all
    alive (7 % of a 1 MB report's time, 2–3 % of a seed-sized one's). The audit makes no
    reference cycles — `tests/audit/test_fast_paths.py` audits texts with the collector off
    and finds nothing for it to collect afterwards — so pausing it frees no less memory:
    reference counting frees everything the audit drops, as before.
    """
    if not gc.isenabled():  # (already paused by the caller: leave it as it is)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def audit_lines(lines: Iterable[str]) -> tuple[Finding, ...]:
    """Audit text already split into lines (line 1 first)."""
    with _no_cycle_collection():
        return audit_document(build_document(lines))


def extracted_evaluation(document: AuditDocument, source: str) -> str | None:
    """The 自评表 of a document rebuilt as ``jixiao.evaluation/1`` YAML, or None without one.

    The header comment says where it came from and what was assumed (operators not
    printed, a year not found), so the user can correct it and score it with `jixiao score`.
    """
    rebuilt = rebuild(document)
    if rebuilt is None:
        return None
    notes = [f"# 由 jixiao audit --extract 从 {source} 的自评表重建 / rebuilt from the table of {source}",
             f"# 规则集 ruleset: {rebuilt.evaluation.ruleset}（按报告所属地区 / by the report's region）",
             "# 请核对后再用 jixiao score 计分 / check it, then score it with `jixiao score`"]
    if not rebuilt.evaluation.project.fiscal_year:
        notes.append("# 未找到年度：请填写 project.fiscal_year / no year found: fill in fiscal_year")
    if rebuilt.funds_row is None:
        notes.append("# 未读到资金表：funds 为 0，请填写 / no funds table read: fill in funds")
    for index, why in sorted(rebuilt.assumed.items()):
        notes.append(f"# indicators[{index}]（{rebuilt.evaluation.indicators[index].name}）：{why}")
    body = yaml.safe_dump(evaluation_data(rebuilt.evaluation), allow_unicode=True,
                          sort_keys=False, width=100)
    return "\n".join(notes) + "\n" + body


def _write_extract(document: AuditDocument, path: str, outdir: Path) -> str | None:
    text = extracted_evaluation(document, Path(path).name)
    if text is None:
        return None
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / f"{Path(path).stem}.evaluation.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


def audit_files(paths: Iterable[str | Path]) -> list[FileAudit]:
    """Read every file first (an unreadable one raises `InputError`), then audit each."""
    texts = [read_report(p) for p in paths]
    return [FileAudit(t.path, audit_lines(t.lines), sum(1 for ln in t.lines if ln.strip()))
            for t in texts]


def audit_each(paths: Iterable[str | Path], extract_to: str | Path | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[FileAudit]:
    """Audit every file on its own: one that cannot be read gets a `FileAudit` with `error`;
    `progress(done, total)` after each file.

    A damaged file among many must not hide the findings of the good ones (`jixiao audit`
    prints them all and exits 2 when any file was unreadable). With `extract_to`, the
    自评表 recovered from a file is written there as ``<name>.evaluation.yaml``.
    """
    paths = list(paths)
    results: list[FileAudit] = []
    for p in paths:
        results.append(_audit_one(p, extract_to))
        if progress is not None:
            progress(len(results), len(paths))
    return results


def _audit_one(p: str | Path, extract_to: str | Path | None) -> FileAudit:
    """`audit_each` for one file: its findings, or the reason it could not be read."""
    try:
        text = read_report(p)
        with _no_cycle_collection():
            document = build_document(text.lines)
            findings = audit_document(document)
        extracted = None if extract_to is None else _write_extract(document, text.path,
                                                                   Path(extract_to))
    except InputError as err:
        return FileAudit(str(p), (), 0, err.message)
    except (RecursionError, MemoryError, ArithmeticError, ValueError) as err:
        # input so malformed that it reached code which trusted it: still this file's fault
        return FileAudit(str(p), (), 0,
                         f"无法处理该文件（{type(err).__name__}）/ cannot process file")
    return FileAudit(text.path, findings, sum(1 for ln in text.lines if ln.strip()),
                     extracted=extracted)
