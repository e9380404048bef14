"""Entry points of the documents layer: render the 自评表 or the 自评报告 of a scored evaluation.

`render_table(scored, out)` writes .xlsx, .docx or .pdf; `render_report(scored, out)` writes
.docx, .pdf or .html — the suffix of `out` picks the format (CONTRACTS.md §5).
`render_many` renders many documents on all cores with a process pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from jixiao.documents.layout import Layout, get_layout, select_layout
from jixiao.documents.report_model import Report, build_report
from jixiao.documents.table_model import build_table
from jixiao.domain.errors import InputError

__all__ = [
    "REPORT_FORMATS",
    "TABLE_FORMATS",
    "layout_for",
    "render",
    "render_many",
    "render_report",
    "render_table",
    "report_for",
]

TABLE_FORMATS = (".xlsx", ".docx", ".pdf")
REPORT_FORMATS = (".docx", ".pdf", ".html")


def _suffix(out: Path, allowed: tuple[str, ...], what: str) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise InputError(
            f"{what}不支持的输出格式 {out.suffix or '（无后缀）'}（可用：{' '.join(allowed)}）/ "
            f"unsupported output format",
            file=str(out),
        )
    return suffix


def layout_for(scored: Any, layout: str | None = None) -> Layout:
    """The layout to use: the named one, else the official form for rule set, region and year."""
    if layout:
        return get_layout(layout)
    p = scored.evaluation.project
    return select_layout(scored.ruleset.name, p.region, p.fiscal_year)


def report_for(scored: Any, layout: str | None = None) -> Report:
    """The report model, with operator symbols as the chosen layout prints them."""
    return build_report(scored, dict(layout_for(scored, layout).operator_symbols))


def render_table(scored: Any, out: Path, layout: str | None = None) -> Path:
    """Write the 自评表 of `scored` to `out` (.xlsx, .docx or .pdf)."""
    suffix = _suffix(out, TABLE_FORMATS, "自评表")
    grid = build_table(scored, layout_for(scored, layout))
    if suffix == ".xlsx":
        from jixiao.documents.table_xlsx import write_table_xlsx

        write_table_xlsx(grid, out, author=scored.evaluation.project.unit)
    elif suffix == ".docx":
        from jixiao.documents.docx_writers import table_docx

        table_docx(grid, out, author=scored.evaluation.project.unit)
    else:
        from jixiao.documents.pdf import table_pdf

        out.write_bytes(table_pdf(grid))
    return out


def render_report(scored: Any, out: Path, layout: str | None = None) -> Path:
    """Write the 自评报告 of `scored` to `out` (.docx, .pdf or .html)."""
    suffix = _suffix(out, REPORT_FORMATS, "自评报告")
    report = report_for(scored, layout)
    if suffix == ".docx":
        from jixiao.documents.docx_writers import report_docx

        report_docx(report, out)
    elif suffix == ".pdf":
        from jixiao.documents.pdf import report_pdf

        out.write_bytes(report_pdf(report))
    else:
        from jixiao.documents.html_writer import report_html

        out.write_text(report_html(report), encoding="utf-8")
    return out


def render(kind: str, scored: Any, out: Path, layout: str | None = None) -> Path:
    """`render_table` or `render_report` by `kind` ("table" / "report")."""
    if kind == "table":
        return render_table(scored, out, layout)
    if kind == "report":
        return render_report(scored, out, layout)
    raise ValueError(f"unknown document kind {kind!r}")


def _render_job(job: tuple[str, Any, str, str | None]) -> str:
    kind, scored, out, layout = job
    return str(render(kind, scored, Path(out), layout))


def render_many(
    jobs: Iterable[tuple[str, Any, Path, str | None]], workers: int | None = None
) -> list[Path]:
    """Render many documents ``(kind, scored, out, layout)`` on `workers` processes.

    Defaults to every core. Scored evaluations are frozen dataclasses and pickle cheaply;
    each worker keeps its own Typst compiler and font index warm across jobs.
    """
    items = [(k, s, str(o), lay) for k, s, o, lay in jobs]
    n = workers or os.cpu_count() or 1
    if n == 1 or len(items) < 2:
        return [Path(_render_job(j)) for j in items]
    # "spawn", not fork: a forked child inherits the Typst compiler's Rust thread pool and
    # locks in whatever state they were, and can hang for ever.
    with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [Path(p) for p in pool.map(_render_job, items, chunksize=max(1, len(items) // (4 * n)))]
