"""Benchmark: render the Baoshan 自评报告 (docx, PDF via Typst) and compare with the
LibreOffice route (`soffice --headless --convert-to pdf` on the same .docx), in one run;
in-process and from the command line, one document and in bulk.

    .venv/bin/python bench/render_speed.py [--runs 10] [--batch 16] [--bulk 48]

Goals (issue 13 §6): ≥ 10 reports/s per core in batch, ≥ 5× faster than LibreOffice
converting the same docx, from the command line as well as in-process; `jixiao` start-up
under 0.3 s. Wall and CPU times are printed: on a shared machine the CPU time is the
figure that does not depend on the other users' load.

Goals (issue 4): report docx < 0.3 s, report pdf < 0.3 s, ≥ 5× faster than LibreOffice.
Each timed run renders a different report (every name changes, charts are redrawn), so
neither Typst's memoisation nor the chart cache replays earlier work. Process start-up and
imports are excluded (measured separately as "first render"). Batch rendering compares 1
and 2 worker processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from jixiao.documents import charts
from jixiao.documents.render import RenderSession, render_many, render_report, render_table
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
    ap.add_argument("--bulk", type=int, default=48, help="reports in the bulk comparison")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    evaluation = load_evaluation(EXAMPLE)
    out = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        base = score_evaluation(evaluation)
        first = {s: _timed(lambda s=s: render_report(base, out / f"first{s}"))
                 for s in (".docx", ".pdf", ".html")}
        print("first render in this process (imports, font index):")
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
        _bulk(evaluation, out, args.bulk, soffice)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _cpu_timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def _run_cli(*args: str) -> tuple[float, float]:
    """Wall and CPU (user + system of the child) seconds of one `jixiao` command."""
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    before = os.times()
    t0 = time.perf_counter()
    subprocess.run([jixiao, *args], check=False, capture_output=True)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def _bulk(evaluation, out: Path, n: int, soffice: str | None) -> None:  # type: ignore[no-untyped-def]
    """Bulk: n different reports in-process (one session, one core) and from the command
    line (one `jixiao render` call), against LibreOffice converting the same n docx."""
    import yaml

    print(f"\nbulk: {n} different reports")
    session = RenderSession()
    scored = [_variant(evaluation, 1000 + i) for i in range(n)]
    wall, cpu = _cpu_timed(lambda: [session.render_bytes("report", s, "pdf") for s in scored])
    print(f"  in-process, 1 session, PDF: {wall:.2f} s wall, {cpu:.2f} s CPU → "
          f"{n / wall:.1f} reports/s wall, {n / cpu:.1f} reports/s per core (CPU)")
    inputs = out / "bulk-in"
    inputs.mkdir()
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for i in range(n):
        data["project"]["name"] = f"房租及物业补助经费项目（第{i}号）"
        (inputs / f"p{i:03d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                              encoding="utf-8")
    files = sorted(str(p) for p in inputs.iterdir())
    for workers in (1, 2):
        wall, cpu = _run_cli("render", "report", *files, "-o", str(out / f"bulk{workers}"),
                             "--format", "pdf", "--workers", str(workers))
        print(f"  command line, --workers {workers}, PDF: {wall:.2f} s wall, {cpu:.2f} s CPU → "
              f"{n / wall:.1f} reports/s wall, {n / cpu:.1f} reports/s per core (CPU)")
    cli_one = [_run_cli("render", "report", files[0], "-o", str(out / f"one{i}.pdf")) for i in range(3)]
    start = [_run_cli("--version") for _ in range(3)]
    print(f"  command line, one report PDF: {statistics.median(w for w, _ in cli_one):.2f} s wall, "
          f"{statistics.median(c for _, c in cli_one):.2f} s CPU (median of 3)")
    print(f"  start-up `jixiao --version`: {statistics.median(w for w, _ in start):.3f} s wall, "
          f"{statistics.median(c for _, c in start):.3f} s CPU")
    if soffice:
        docx_dir = out / "bulk-docx"
        docx_dir.mkdir()
        for i, s in enumerate(scored):
            render_report(s, docx_dir / f"r{i:03d}.docx")
        lo_out = out / "bulk-lo"
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(lo_out),
                        *sorted(str(p) for p in docx_dir.iterdir())], check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        print(f"  LibreOffice, one soffice call on the {n} docx: {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"→ {n / wall:.1f} docs/s")
        one_lo = []
        for i in range(3):
            time.sleep(2)  # let the previous soffice release its profile lock
            one_lo.append(_cpu_timed(lambda t=i: subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out / f"lo1-{t}"),
                 str(docx_dir / "r000.docx")], check=False, capture_output=True)))
        lo1 = statistics.median(w for w, _ in one_lo)
        jx1 = statistics.median(w for w, _ in cli_one)
        print(f"  one document from the command line: LibreOffice {lo1:.2f} s vs jixiao {jx1:.2f} s "
              f"= {lo1 / jx1:.1f}×")


if __name__ == "__main__":
    main()
