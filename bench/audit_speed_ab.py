"""Audit speed of two checkouts measured in one process, one audit of each in turn.

Usage::

    .venv/bin/python bench/audit_speed_ab.py BASE_SRC [--shape seed|line|two|repeated] [--rounds N]

On a machine shared with other work, two runs of `bench/audit_speed.py` one after the other see
different loads. Here main's code (``BASE_SRC``: the ``src`` of another worktree, e.g. ``git
worktree add --detach /tmp/base main`` → ``/tmp/base/src``) and this checkout's are loaded side by
side — each package copied to a temporary folder under its own name (``jx_base``, ``jx_this``,
imports rewritten) — and audit the same report alternately, so every load change hits both.
Prints the median and best CPU time per audit of each and their ratio. Shapes: the seed report
(reports/s per core), and the three 1 MB shapes of ``bench/audit_speed.py --megabyte``.

``--phases`` times instead each phase of the audit in turn — reading the file, building the
document (figures, tables), and every detector of the registry — and prints the slowest
phases with the median CPU time of each checkout and their ratio: where a change gained or
lost, and what a newly merged detector costs.
"""

from __future__ import annotations

import argparse
import importlib
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from audit_speed import SEED, SENTENCE  # noqa: E402

_IMPORT = re.compile(r"\b(from|import) jixiao(?=[. ])")


def _renamed_copy(src: Path, name: str, folder: Path) -> None:
    """The `jixiao` package of `src` copied to `folder/name` with its own imports renamed."""
    target = folder / name
    shutil.copytree(src / "jixiao", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_IMPORT.sub(rf"\1 {name}", text), encoding="utf-8")


def _report(shape: str, folder: Path) -> Path:
    if shape == "seed":
        return SEED
    chars = 1_000_000 * len(SENTENCE) // len(SENTENCE.encode())
    line = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    if shape == "line":
        body = line
    elif shape == "two":
        s = line.split("。")
        body = "\n".join("。".join(s[k:k + 2]) + "。" for k in range(0, len(s), 2))
    else:
        text = SEED.read_text(encoding="utf-8")
        body = text * max(1, 1_000_000 // len(text.encode()))
    path = folder / "megabyte.txt"
    path.write_text(body, encoding="utf-8")
    return path


def _phases(report: Path, rounds: int, shown: int) -> None:
    """Median CPU time of each phase of an audit (read, build, every detector) in both
    checkouts, one phase of each in turn; the `shown` slowest phases of the base printed."""
    steps = {}
    for name in ("jx_base", "jx_this"):
        read = importlib.import_module(f"{name}.ingest.report_text").read_report
        build = importlib.import_module(f"{name}.ingest.docmodel.document").build_document
        detectors = importlib.import_module(f"{name}.domain.audit.registry").DETECTORS
        steps[name] = (read, build, detectors)
    times: dict[str, dict[str, list[float]]] = {name: {} for name in steps}
    clock = time.process_time
    for _ in range(rounds):
        for name, (read, build, detectors) in steps.items():
            own = times[name]
            start = clock()
            text = read(report)
            own.setdefault("read", []).append(clock() - start)
            start = clock()
            doc = build(text.lines)
            own.setdefault("build", []).append(clock() - start)
            for detector in detectors:
                start = clock()
                detector.run(doc)
                own.setdefault(detector.name, []).append(clock() - start)
    base, this = ({k: sorted(v)[len(v) // 2] for k, v in times[n].items()} for n in steps)
    print(f"{report.name}, {rounds} rounds, median ms per phase: base → this (ratio); "
          f"all phases {sum(base.values()) * 1e3:.3f} → {sum(this.values()) * 1e3:.3f} "
          f"({sum(base.values()) / sum(this.values()):.2f} ×)")
    for phase in sorted(base, key=lambda k: -base[k])[:shown]:
        now = this.get(phase)
        if now is None:  # (a detector the base has and this checkout has not)
            print(f"  {phase:24s} {base[phase] * 1e3:9.3f} →         –")
            continue
        print(f"  {phase:24s} {base[phase] * 1e3:9.3f} → {now * 1e3:9.3f} "
              f"({base[phase] / now if now else float('inf'):.2f} ×)")
    for phase in sorted(set(this) - set(base)):
        print(f"  {phase:24s}         – → {this[phase] * 1e3:9.3f} (new)")


def main(argv: list[str] | None = None) -> int:
    """Measure both packages in turn and print medians, bests and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the src folder of the checkout to compare with")
    parser.add_argument("--shape", choices=["seed", "line", "two", "repeated"], default="seed")
    parser.add_argument("--rounds", type=int, default=None,
                        help="audits of each (default 400 for the seed, 3 for 1 MB)")
    parser.add_argument("--phases", type=int, nargs="?", const=15, default=0, metavar="N",
                        help="time read, build and each detector in turn; print the N slowest")
    args = parser.parse_args(argv)
    rounds = args.rounds or (400 if args.shape == "seed" else 3)
    folder = Path(tempfile.mkdtemp())
    _renamed_copy(args.base.resolve(), "jx_base", folder)
    _renamed_copy(REPO / "src", "jx_this", folder)
    sys.path.insert(0, str(folder))
    report = _report(args.shape, folder)
    if args.phases:
        _phases(report, rounds, args.phases)
        shutil.rmtree(folder, ignore_errors=True)
        return 0
    runs = {}
    for name in ("jx_base", "jx_this"):
        runs[name] = importlib.import_module(f"{name}.services.figure_audit").audit_files
        runs[name]([SEED])  # warm-up: imports, regex compilation
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.process_time()
            run([report])
            times[name].append(time.process_time() - start)
    base, this = (sorted(times[n]) for n in runs)
    mb, mt = base[len(base) // 2], this[len(this) // 2]
    if args.shape == "seed":
        print(f"seed, {rounds} audits each in turn: base {1 / mb:.0f} reports/s per core (best "
              f"{1 / base[0]:.0f}), this {1 / mt:.0f} (best {1 / this[0]:.0f}); ratio {mb / mt:.2f} ×")
    else:
        print(f"1 MB {args.shape}, {rounds} audits each in turn: base {mb:.2f} s CPU (best "
              f"{base[0]:.2f}), this {mt:.2f} s (best {this[0]:.2f}); ratio {mb / mt:.2f} ×")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
