"""Concurrent-writes load test (issue 9): a fresh database, a real `jixiao serve`, locust.

    .venv/bin/python bench/load/run_writes.py                 # SQLite, 50 users, 60 s
    .venv/bin/python bench/load/run_writes.py --db postgres   # PostgreSQL (db jixiao_i9a_load)
    .venv/bin/python bench/load/run_writes.py --quick         # 16 users, 30 s

Creates the database (a SQLite file in a temporary folder, or drops and creates the
PostgreSQL database of --database-url), starts `jixiao serve --demo` on a free 127.0.0.1
port, runs locust headless for a bounded time and prints requests, failures, 5xx, 409
conflicts, p50/p95 and the server's logged errors. Exit 1 when any 5xx or failure occurred.
Not a test: it lives in bench/, never in the timed suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# One way of starting and waiting for a real server, shared with the tests that need one.
sys.path.insert(0, str(HERE.parent.parent / "tests"))
from web.live import free_port, wait_until_answering  # noqa: E402

DEFAULT_PG = "postgres://jixiao:jixiao-test@127.0.0.1:5432/jixiao_i9a_load"


def _fresh_postgres(url: str) -> None:
    """Drop and create the database named in `url` (connecting to `postgres`)."""
    import psycopg
    from psycopg import sql

    head, name = url.rsplit("/", 1)
    with psycopg.connect(head + "/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=os.environ.get("JIXIAO_LOAD_DATABASE_URL", DEFAULT_PG),
                        help="PostgreSQL URL for --db postgres (the database is dropped and created)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--threads", type=int, default=4, help="server worker threads (jixiao serve)")
    parser.add_argument("--quick", action="store_true", help="16 users for 30 s")
    parser.add_argument("--server-src", default="",
                        help="serve the jixiao package from this src folder instead (e.g. an "
                             "export of an older commit, to measure before/after)")
    args = parser.parse_args()
    if args.quick:
        args.users, args.run_time = 16, "30s"

    tmp = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    if args.db == "sqlite":
        url = f"sqlite:///{tmp}/jixiao.sqlite3"
    else:
        url = args.database_url
        _fresh_postgres(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env.update(JIXIAO_DATABASE_URL=url, JIXIAO_EVIDENCE_DIR=str(tmp / "evidence"))
    if args.server_src:
        env["PYTHONPATH"] = str(Path(args.server_src).resolve())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = tmp / "server.log"
    with server_log.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(port),
             "--threads", str(args.threads)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        try:
            wait_until_answering(base + "/login/", server, timeout=120, poll=0.5,
                                 output=lambda: server_log.read_text(errors="replace"))
        except RuntimeError as failure:
            sys.exit(f"jixiao serve: {failure}")
        summary = tmp / "summary.json"
        locust = Path(sys.executable).with_name("locust")
        command = [str(locust), "-f", str(HERE / "writes_locustfile.py"), "--headless",
                   "--users", str(args.users), "--spawn-rate", str(args.users),
                   "--run-time", args.run_time, "--host", base, "--csv", str(tmp / "load"),
                   "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"]
        started = time.monotonic()
        subprocess.run(command, env=dict(os.environ, JIXIAO_LOAD_SUMMARY=str(summary)),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       timeout=_seconds(args.run_time) + 180)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return _report(args, tmp, summary, server_log, elapsed)


def _seconds(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


def _report(args: argparse.Namespace, tmp: Path, summary: Path, server_log: Path,
            elapsed: float) -> int:
    with (tmp / "load_stats.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    statuses = json.loads(summary.read_text())["statuses"] if summary.exists() else {}
    server_errors = sum(n for s, n in statuses.items() if s.isdigit() and int(s) >= 500)
    conflicts = statuses.get("409", 0)
    log = server_log.read_text(errors="replace")
    print(f"jixiao load test: {args.db}, {args.users} users, {args.run_time} "
          f"({elapsed:.0f} s wall), server threads {args.threads}")
    print(f"{'request':44} {'count':>7} {'fail':>6} {'p50 ms':>8} {'p95 ms':>8}")
    total = None
    for row in rows:
        line = (f"{row['Name'][:44]:44} {row['Request Count']:>7} {row['Failure Count']:>6} "
                f"{row['50%']:>8} {row['95%']:>8}")
        if row["Name"] == "Aggregated":
            total = row
        else:
            print(line)
    if total is None:
        print("no requests were made")
        return 1
    failures = int(total["Failure Count"])
    print(f"TOTAL requests={total['Request Count']} failures={failures} 5xx={server_errors} "
          f"409-conflicts={conflicts} p50={total['50%']} ms p95={total['95%']} ms "
          f"rps={float(total['Requests/s']):.1f}")
    print("statuses: " + ", ".join(f"{k}×{v}" for k, v in sorted(statuses.items())))
    print(f"server log: {log.count('Traceback')} tracebacks, "
          f"{log.count('database is locked')} 'database is locked'")
    return 1 if failures or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
