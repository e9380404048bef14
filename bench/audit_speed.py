"""Speed of `jixiao audit` on seed-sized text reports, per core.

Usage::

    .venv/bin/python bench/audit_speed.py [REPORT.txt] [--seconds 5]
    .venv/bin/python bench/audit_speed.py [REPORT.txt] --megabyte

``--megabyte`` measures instead the CPU time of one audit of a 1 MB report in three shapes
(goal: under 1 s each): the sentence of `bench/audit_long_lines.py` repeated on one line,
the same text in ordinary lines (a line break after every second sentence), and the report
itself repeated to 1 MB.

Runs the whole pipeline in one process (one core): read the file, extract figures line
by line, run every detector. Prints reports per second of CPU time (per core, so other
work on a shared machine does not distort it) and of wall-clock time; the goal is ≥ 300
(issue 10). The default report is the shared corpus's seed-baoshan-2022-rent-property.txt
(8 KB, 65 lines; the corpus found as bench/audit_corpus.py finds it: $JIXIAO_SHARED_CORPUS, or
shared/corpus beside the checkout or its worktree folder); without it a synthetic report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from audit_quality.corpus import shared_corpus  # noqa: E402

from jixiao.services.figure_audit import audit_files  # noqa: E402

# (found as the corpus benchmark finds the shared corpus: $JIXIAO_SHARED_CORPUS, or beside the
# checkout or its worktree folder — from a worktree this used to measure the synthetic report)
SEED = (shared_corpus() or REPO / ".." / "shared" / "corpus") / "seed-baoshan-2022-rent-property.txt"
GOAL = 300.0
MEGABYTE_GOAL = 1.0  # seconds of CPU for a 1 MB report
# the sentence of bench/audit_long_lines.py (areas, a budget breakdown, rates)
SENTENCE = ("总面积为100平方米，其中甲30平方米、乙70平方米。全年预算数200万元，其中：人员经费120万元、"
            "公用经费80万元，全年执行数180万元，预算执行率90%。受理诉求100件，在线答复60件，答复率60%。")


def _synthetic() -> Path:
    para = ("租用总建筑面积为15415.38平方米,分别是:第一层3295.03平方米;第二层3169.08平方米;"
            "第三层3881.22平方米。按20元/平方米/月计算,租用面积共计8477.09平方米,每年应承担租金203.45万元。"
            "受理有效诉求72728件,在线答复53467件,在线答复率73.52%。\n\n")
    path = Path(tempfile.mkdtemp()) / "synthetic.txt"
    path.write_text(para * 24, encoding="utf-8")
    return path


def _megabyte(report: Path) -> int:
    """CPU seconds of one audit of each 1 MB shape; exit status 1 when one takes 1 s or more."""
    size = 1_000_000
    chars = size * len(SENTENCE) // len(SENTENCE.encode())  # 1 MB of UTF-8
    line = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    sentences = line.split("。")
    lines = "\n".join("。".join(sentences[k:k + 2]) + "。" for k in range(0, len(sentences), 2))
    text = report.read_text(encoding="utf-8")
    shapes = {"one line": line, "lines of two sentences": lines,
              f"{report.name} repeated": text * max(1, size // len(text.encode()))}
    folder = Path(tempfile.mkdtemp())
    audit_files([report])  # warm-up: imports, regex compilation
    worst = 0.0
    for name, body in shapes.items():
        path = folder / "megabyte.txt"
        path.write_text(body, encoding="utf-8")
        start = time.process_time()
        audit_files([path])
        cpu = time.process_time() - start
        worst = max(worst, cpu)
        print(f"1 MB, {name} ({path.stat().st_size / 1e6:.2f} MB, {body.count(chr(10)) + 1} lines): "
              f"{cpu:.2f} s CPU; goal < {MEGABYTE_GOAL:.0f} s")
    return 0 if worst < MEGABYTE_GOAL else 1


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when below the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--megabyte", action="store_true",
                        help="CPU time of a 1 MB report (one line, ordinary lines, the report repeated)")
    args = parser.parse_args(argv)
    report = args.report or (SEED if SEED.is_file() else _synthetic())
    if args.megabyte:
        return _megabyte(report)
    audit_files([report])  # warm-up: imports, regex compilation
    count = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < args.seconds:
        audit_files([report])
        count += 1
    elapsed = time.perf_counter() - start
    # CPU time of this one process = time on one core, whatever else the machine is doing
    cpu = time.process_time() - cpu_start
    rate = count / cpu
    size = report.stat().st_size
    print(f"{report.name} ({size} bytes): {count} audits in {cpu:.2f} s CPU ({elapsed:.2f} s wall) "
          f"→ {rate:.0f} reports/s per core ({1000 / rate:.2f} ms each; "
          f"{count / elapsed:.0f}/s wall clock); goal ≥ {GOAL:.0f}")
    return 0 if rate >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
