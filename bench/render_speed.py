"""Benchmark: render the Baoshan 自评报告 (docx, PDF via Typst) and compare with the
LibreOffice route (`soffice --headless --convert-to pdf` on the same .docx), in one run.

    .venv/bin/python bench/render_speed.py [--runs 10] [--batch 16]

Goals (issue 4): report docx < 0.3 s, report pdf < 0.3 s, ≥ 5× faster than LibreOffice.
Each timed run renders a different report (every name changes, charts are redrawn), so
neither Typst's memoisation nor the chart cache replays earlier work. Process start-up and
imports are excluded (measured separately as "first render"). Batch rendering compares 1
and 2 worker processes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from jixiao.documents import charts
from jixiao.documents.render import render_many, render_report, render_table
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "baoshan-2022-rent-property.yaml"


def _variant(evaluation, i: int):  # type: ignore[no-untyped-def]
    """A different report each time: every name changes, so neither Typst's memoisation
    nor the chart cache can replay earlier work."""
    project = replace(evaluation.project, name=f"{evaluation.project.name}（第{i}次）")
    indicators = tuple(replace(ind, name=f"{ind.name}{i}") for ind in evaluation.indicators)
    return score_evaluation(replace(evaluation, project=project, indicators=indicators))


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=16)
    args = ap.parse_args()
    evaluation = load_evaluation(EXAMPLE)
    out = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        base = score_evaluation(evaluation)
        first = {s: _timed(lambda s=s: render_report(base, out / f"first{s}"))
                 for s in (".docx", ".pdf", ".html")}
        print("first render in this process (imports, font index, matplotlib font cache):")
        for s, t in first.items():
            print(f"  report{s}: {t:.3f} s")

        results: dict[str, list[float]] = {k: [] for k in (
            "report.docx", "report.pdf", "report.html", "report.pdf after docx",
            "table.xlsx", "table.docx", "table.pdf")}
        for i in range(args.runs):
            scored = _variant(evaluation, i)
            for s in (".docx", ".pdf", ".html"):
                # A new report: charts drawn inside the timed region.
                charts.chart_png.cache_clear()
                charts.chart_svg.cache_clear()
                results[f"report{s}"].append(
                    _timed(lambda s=s, sc=scored, i=i: render_report(sc, out / f"r{i}{s}")))
            # The same report again as PDF: Typst's compiler memoises unchanged layout.
            results["report.pdf after docx"].append(
                _timed(lambda sc=scored, i=i: render_report(sc, out / f"again{i}.pdf")))
            for s in (".xlsx", ".docx", ".pdf"):
                results[f"table{s}"].append(
                    _timed(lambda s=s, sc=scored, i=i: render_table(sc, out / f"t{i}{s}")))
        print(f"\nmedian of {args.runs} runs (Baoshan example, 14 indicators, 2 charts):")
        med = {k: statistics.median(v) for k, v in results.items()}
        for k, v in med.items():
            print(f"  {k:26s} {v:.3f} s   (min {min(results[k]):.3f}, max {max(results[k]):.3f})")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            docx = out / "r0.docx"
            lo = []
            for n in range(3):
                target = out / f"lo{n}"
                lo.append(_timed(lambda t=target: subprocess.run(
                    [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(t), str(docx)],
                    check=True, capture_output=True)))
            lo_med = statistics.median(lo)
            print(f"\nLibreOffice docx → pdf (same document, median of 3): {lo_med:.3f} s")
            print(f"  ratio LibreOffice / Typst pdf           = {lo_med / med['report.pdf']:.1f}×")
            both = (lo_med + med["report.docx"]) / med["report.pdf"]
            print(f"  ratio (python-docx + LibreOffice) / Typst pdf = {both:.1f}×")
        else:
            print("\nLibreOffice not installed: apt-get install libreoffice-writer-nogui for the"
                  " side-by-side figure")

        jobs = [("report", _variant(evaluation, 100 + i), out / f"b{i}.pdf", None)
                for i in range(args.batch)]
        for workers in (1, 2):
            t = _timed(lambda w=workers: render_many(jobs, workers=w))
            print(f"\nbatch: {args.batch} report PDFs on {workers} process(es): {t:.2f} s "
                  f"({args.batch / t:.1f} documents/s, incl. worker start-up)")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
