"""Speed of `jixiao audit` on pathological layouts: one huge line, deeply nested HTML.

Usage::

    .venv/bin/python bench/audit_long_lines.py [--base 100000]

Audits a report flattened into a single line of `base` characters and of 4 × `base`
characters, and HTML of 10 000 and 100 000 nested ``<div>``; prints the CPU time of each
(whole pipeline in this process: read, extract, every detector) and the growth factor for
4 × the input — also for lines whose full stops were lost (one clause for the whole line).
Linear work grows about 4×; quadratic work grows 16×. Exit status 1 when any growth
exceeds 6×.
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

SENTENCE = ("总面积为100平方米，其中甲30平方米、乙70平方米。全年预算数200万元，其中：人员经费120万元、"
            "公用经费80万元，全年执行数180万元，预算执行率90%。受理诉求100件，在线答复60件，答复率60%。")
LIMIT = 6.0
NO_FULL_STOP = {
    "commas": "受理诉求100件，在线答复60件，答复率60%，总面积为100平方米，其中甲30平方米、乙70平方米，"
              "物业管理费20万元，每年应承担物业管理费21万元，按2元/平方米/月，面积8477.09平方米，"
              "2021年12月3日，",
    "enumeration commas": "甲30平方米、乙70平方米、实际支付物业管理费30万元、每年应承担物业管理费21万元、"
                          "其中、分别为、",
}


def _cpu(path: Path) -> float:
    start = time.process_time()
    audit_files([path])
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when 4× the input costs more than 6× the time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=100_000, help="characters of the small line")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    times = {}
    for factor in (1, 4):
        path = folder / f"line{factor}.txt"
        text = (SENTENCE * (args.base * factor // len(SENTENCE) + 1))[: args.base * factor]
        path.write_text(text, encoding="utf-8")
        if factor == 1:
            _cpu(path)  # warm-up: imports, regex compilation
        times[factor] = _cpu(path)
        print(f"one line of {len(text):>9,} characters ({path.stat().st_size / 1e6:.2f} MB): "
              f"{times[factor]:.2f} s CPU")
    growth = times[4] / times[1]
    print(f"4 × the line → {growth:.1f} × the time (linear ≈ 4, quadratic ≈ 16; limit {LIMIT})")
    # punctuation lost: the whole line is one clause for every detector
    for name, unit in NO_FULL_STOP.items():
        shape: dict[int, float] = {}
        for factor in (1, 4):
            path = folder / f"{name}{factor}.txt"
            path.write_text(unit * (args.base * factor // len(unit) + 1), encoding="utf-8")
            shape[factor] = _cpu(path)
        ratio = shape[4] / shape[1]
        growth = max(growth, ratio)
        print(f"no full stop ({name}), {args.base:,} → {4 * args.base:,} characters: "
              f"{shape[1]:.2f} s → {shape[4]:.2f} s CPU ({ratio:.1f} ×)")
    for depth in (10_000, 100_000):
        path = folder / f"deep{depth}.html"
        path.write_text("<div>" * depth + "<p>总面积为100平方米，分别是甲30平方米、乙70平方米。</p>"
                        + "</div>" * depth, encoding="utf-8")
        print(f"HTML nested {depth:>7,} deep ({path.stat().st_size / 1e6:.2f} MB): "
              f"{_cpu(path):.2f} s CPU")
    return 0 if growth <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
