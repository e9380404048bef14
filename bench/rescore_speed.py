"""Benchmark: re-score a region stored in the database (`jixiao rescore`) at several sizes,
wall time and peak memory of the command, beside scoring the same evaluations in memory.

    .venv/bin/python bench/rescore_speed.py [--sizes 1000,10000,100000]
        [--database-url postgres://jixiao:jixiao-test@127.0.0.1:5432/jixiao_bench]

For each size N a database `<name>_<N>` is filled once with `jixiao demo --projects N` (kept
for later runs), then `jixiao rescore` runs in a fresh process: its wall time and peak RSS
are the figures. Goal (issue 13): 100,000 projects × 15 indicators in < 30 s on PostgreSQL,
memory flat in N. Without --database-url, SQLite files in a temporary folder are used.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JIXIAO = [sys.executable, "-m", "jixiao"]


def database_for(base_url: str | None, size: int, folder: str) -> str:
    """The database URL for a region of `size` projects (a sibling database of `base_url`
    on PostgreSQL, a file in `folder` for SQLite)."""
    if base_url is None:
        return f"sqlite:///{folder}/region_{size}.sqlite3"
    return f"{base_url}_{size}"


def ensure_region(url: str, size: int) -> float:
    """Create (PostgreSQL) and fill the database with `size` synthetic projects unless it
    already holds them; returns the seconds spent (0 when it was ready)."""
    if url.startswith("postgres"):
        import psycopg

        head, name = url.rsplit("/", 1)
        with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    start = time.perf_counter()
    subprocess.run([*JIXIAO, "demo", "--projects", str(size), "--no-progress"], check=True,
                   env={**os.environ, "JIXIAO_DATABASE_URL": url}, capture_output=True)
    return time.perf_counter() - start


def rescore(url: str, jobs: int = 1) -> dict[str, float]:
    """Run `jixiao rescore --jobs J` in a child process: projects, wall seconds, peak RSS
    (MiB, of the command or of its largest worker process, whichever is larger)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RESCORE, str(jobs)], check=True,
                          capture_output=True, text=True,
                          env={**os.environ, "JIXIAO_DATABASE_URL": url})
    wall = time.perf_counter() - start
    match = re.search(r"重新计分 (\d+) 个项目.*用时 ([\d.]+) 秒", proc.stderr)
    peak = re.search(r"maxrss (\d+)", proc.stderr)
    if match is None or peak is None:
        raise RuntimeError(proc.stderr)
    return {"projects": int(match.group(1)), "seconds": float(match.group(2)), "wall": wall,
            "peak_mib": int(peak.group(1)) / 1024}


#: `jixiao rescore` in this process, then its own peak RSS (KiB on Linux) on stderr.
_RESCORE = """
import resource, sys
from jixiao.cli.main import cli
try:
    cli(["rescore", "--jobs", sys.argv[1]], prog_name="jixiao", standalone_mode=False)
finally:
    print("maxrss", max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--database-url", default=os.environ.get("JIXIAO_BENCH_DATABASE_URL"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes of the parallel run (beside one process)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="jixiao-rescore-")
    print(f"{'projects':>10} {'jobs':>5} {'rescore s':>10} {'projects/s':>11} {'peak MiB':>9}"
          "   (fill s)")
    for size in sorted(int(s) for s in args.sizes.split(",")):
        url = database_for(args.database_url, size, folder)
        filled = ensure_region(url, size)
        for jobs in sorted({1, args.jobs}):
            r = rescore(url, jobs)
            print(f"{r['projects']:>10,} {jobs:>5} {r['seconds']:>10.1f} "
                  f"{r['projects'] / r['seconds']:>11,.0f} {r['peak_mib']:>9.0f}   ({filled:.0f})")


if __name__ == "__main__":
    main()
