"""Speed of `jixiao audit` on seed-sized text reports, per core.

Usage::

    .venv/bin/python bench/audit_speed.py [REPORT.txt] [--seconds 5]

Runs the whole pipeline in one process (one core): read the file, extract figures line
by line, run every detector. Prints reports per second of CPU time (per core, so other
work on a shared machine does not distort it) and of wall-clock time; the goal is ≥ 200. The default
report is ../shared/corpus/seed-baoshan-2022-rent-property.txt (8 KB, 65 lines); without
the corpus a synthetic report of the same size is used.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jixiao.services.figure_audit import audit_files  # noqa: E402

SEED = REPO / ".." / "shared" / "corpus" / "seed-baoshan-2022-rent-property.txt"
GOAL = 200.0


def _synthetic() -> Path:
    para = ("租用总建筑面积为15415.38平方米,分别是:第一层3295.03平方米;第二层3169.08平方米;"
            "第三层3881.22平方米。按20元/平方米/月计算,租用面积共计8477.09平方米,每年应承担租金203.45万元。"
            "受理有效诉求72728件,在线答复53467件,在线答复率73.52%。\n\n")
    path = Path(tempfile.mkdtemp()) / "synthetic.txt"
    path.write_text(para * 24, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when below the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    report = args.report or (SEED if SEED.is_file() else _synthetic())
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
