"""Entry points of the documents layer: render the 自评表 or the 自评报告 of a scored evaluation.

`render_table(scored, out)` writes .xlsx, .docx or .pdf; `render_report(scored, out)` writes
.docx, .pdf or .html — the suffix of `out` picks the format (CONTRACTS.md §5).
`render_many` renders many documents on all cores with a process pool.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jixiao.documents.layout import Layout, get_layout, select_layout
from jixiao.documents.report_model import Report, build_report
from jixiao.documents.table_model import build_table
from jixiao.domain.errors import InputError

__all__ = [
    "REPORT_FORMATS",
    "TABLE_FORMATS",
    "RenderSession",
    "layout_for",
    "render",
    "render_many",
    "render_report",
    "render_table",
    "report_for",
    "warm",
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


def warm() -> None:
    """Load once what every render needs: the layouts, the Typst compiler and its fonts.

    A batch worker calls this when it starts, so the first document it renders costs no
    more than the others (fonts are read once per process, never per document).
    """
    from jixiao.documents.layout import layout_names
    from jixiao.documents.typst_engine import warm_up

    layout_names()
    warm_up()


class RenderSession:
    """A reusable in-process renderer for batch work (one per worker process or thread).

    Holds nothing but warmed process-wide state (layouts, Typst compiler, fonts), so any
    number of sessions is cheap; task code calls `render` for files or `render_bytes` to
    store or send the document without a file of its own::

        session = RenderSession()
        pdf = session.render_bytes("report", scored, "pdf")
    """

    def __init__(self, *, warm_up: bool = True) -> None:
        if warm_up:
            warm()

    def render(self, kind: str, scored: Any, out: Path, layout: str | None = None) -> Path:
        """Write one document (see `render`)."""
        return render(kind, scored, out, layout)

    def render_bytes(self, kind: str, scored: Any, fmt: str, layout: str | None = None) -> bytes:
        """One document as bytes; `fmt` is a suffix without the dot (pdf, docx, xlsx, html)."""
        suffix = "." + fmt.lower().lstrip(".")
        if kind == "table":
            _suffix(Path("x" + suffix), TABLE_FORMATS, "自评表")
            if suffix == ".pdf":
                from jixiao.documents.pdf import table_pdf

                return table_pdf(build_table(scored, layout_for(scored, layout)))
        elif kind == "report":
            _suffix(Path("x" + suffix), REPORT_FORMATS, "自评报告")
            if suffix == ".pdf":
                from jixiao.documents.pdf import report_pdf

                return report_pdf(report_for(scored, layout))
            if suffix == ".html":
                from jixiao.documents.html_writer import report_html

                return report_html(report_for(scored, layout)).encode("utf-8")
        else:
            raise ValueError(f"unknown document kind {kind!r}")
        with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
            out = Path(tmp) / f"document{suffix}"
            render(kind, scored, out, layout)
            return out.read_bytes()


def _render_job(job: tuple[str, Any, str, str | None]) -> str:
    kind, scored, out, layout = job
    return str(render(kind, scored, Path(out), layout))


#: Documents per worker below which starting another process costs more than it saves
#: (a worker spends about 0.3–0.5 s on imports and fonts before its first document).
_PER_WORKER = 8


def render_many(
    jobs: Iterable[tuple[str, Any, Path, str | None]], workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render many documents ``(kind, scored, out, layout)`` on up to `workers` processes;
    `progress(done, total)` after each document.

    Defaults to every core, but never more processes than the batch can keep busy
    (`_PER_WORKER` documents each). Scored evaluations are NamedTuples of frozen
    dataclasses and pickle cheaply; each worker warms its Typst compiler and fonts once
    (`warm`) and keeps them across jobs.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    items = [(k, s, str(o), lay) for k, s, o, lay in jobs]
    n = min(workers or os.cpu_count() or 1, max(1, len(items) // _PER_WORKER))
    done: list[Path] = []
    if n == 1 or len(items) < 2:
        for job in items:
            done.append(Path(_render_job(job)))
            if progress is not None:
                progress(len(done), len(items))
        return done
    # "spawn", not fork: a forked child inherits the Typst compiler's Rust thread pool and
    # locks in whatever state they were, and can hang for ever.
    with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                             initializer=warm) as pool:
        for path in pool.map(_render_job, items, chunksize=max(1, len(items) // (4 * n))):
            done.append(Path(path))
            if progress is not None:
                progress(len(done), len(items))
    return done
