"""Deadline-day load test: start the production server on a region, run the locust
scenario (bench/load/deadline_day_locustfile.py) headless, print per-request figures and
check the goals: no errors; p95 < 300 ms for pages and < 100 ms for API reads.

    .venv/bin/python bench/load/run_deadline_day.py \\
        --database-url postgres://jixiao:jixiao-test@127.0.0.1:5432/jixiao_load \\
        [--projects 20000] [--users 200] [--minutes 5] [--workers 4] [--threads 8]
    .venv/bin/python bench/load/run_deadline_day.py --sqlite --users 50 --minutes 2

The database is filled first with `jixiao demo --projects N` when it holds fewer (N ≥ 100 ×
the unit users: each simulated user logs in as its own unit). The server is
`jixiao serve --workers W` (gunicorn, W processes × T threads) with one task worker.
Exit status 0 when every goal is met. Locust runs on the same machine: its own CPU use
makes the figures pessimistic, more so on a shared machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import rescore_speed  # noqa: E402

PAGE_GOAL_MS = 300
API_GOAL_MS = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("JIXIAO_LOAD_DATABASE_URL"))
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file in a temp folder")
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=2,
                        help="users started per second (each logs in: PBKDF2 costs CPU)")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--out", type=Path, default=None, help="folder for locust's CSV files")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    sqlite = args.sqlite or not args.database_url
    url = f"sqlite:///{folder}/load.sqlite3" if sqlite else args.database_url
    unit_users = args.users * 6 // 10 + 1
    projects = max(args.projects, unit_users * 100)
    units = -(-projects // 100)  # as services.demo_region lays the region out
    print(f"database {url.split('@')[-1]}: filling to {projects:,} projects …", flush=True)
    filled = rescore_speed.ensure_region(url, projects)
    print(f"  ready ({filled:.0f} s)", flush=True)
    port = _free_port()
    env = {**os.environ, "JIXIAO_DATABASE_URL": url, "JIXIAO_JOBS_DIR": str(folder / "jobs")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--port", str(port), "--workers",
         str(args.workers), "--threads", str(args.threads), "--task-workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "wb"))  # noqa: SIM115
    out = args.out or folder
    out.mkdir(parents=True, exist_ok=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print((folder / "server.log").read_text(errors="replace")[-2000:])
                    return 2
                time.sleep(0.5)
        ramp = args.users / args.spawn_rate
        print(f"server: gunicorn {args.workers} processes × {args.threads} threads; "
              f"locust: {args.users} users for {args.minutes:g} min", flush=True)
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(HERE / "deadline_day_locustfile.py"),
             "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
             # the figures cover `--minutes` with every user on: logging in (PBKDF2, about
             # 0.3 s of CPU each) happens while users are being started, before the reset
             "-t", f"{int(args.minutes * 60 + ramp)}s", "--reset-stats",
             "--host", f"http://127.0.0.1:{port}",
             "--csv", str(out / "deadline"), "--only-summary", "--stop-timeout", "10"],
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "JIXIAO_LOAD_UNITS": str(units),
                 "JIXIAO_LOAD_DEPARTMENTS": str(-(-units // 12))})
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return report(out / "deadline_stats.csv", out / "deadline_failures.csv",
                  "postgres" in url)


def report(stats: Path, failures: Path, postgres: bool) -> int:
    """Print the figures per request kind and the verdict; 0 when every goal is met."""
    rows = list(csv.DictReader(stats.open(encoding="utf-8")))
    print(f"\n{'request':48s} {'count':>7s} {'fail':>5s} {'median':>7s} {'p95':>7s} {'p99':>7s}  goal")
    ok = True
    for row in rows:
        name = row["Name"]
        if name == "Aggregated":
            continue
        count, fails = int(row["Request Count"]), int(row["Failure Count"])
        p95 = float(row["95%"] or 0)
        if name.startswith("API ") and row["Type"] == "GET":
            goal = API_GOAL_MS
        elif row["Type"] == "GET" and not name.startswith("/login/"):
            goal = PAGE_GOAL_MS
        else:
            goal = None
        met = fails == 0 and (goal is None or p95 < goal or not postgres)
        ok = ok and met
        print(f"{row['Type'] + ' ' + name:48s} {count:>7d} {fails:>5d} {row['50%']:>7s} "
              f"{row['95%']:>7s} {row['99%']:>7s}  "
              f"{'' if goal is None else f'p95 < {goal} ms'} {'✓' if met else '✗'}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"\nall: {total['Request Count']} requests, {total['Failure Count']} failures, "
          f"{float(total['Requests/s']):.1f} requests/s, p95 {total['95%']} ms")
    if failures.exists():
        for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:10]:
            print(f"  failure: {row['Method']} {row['Name']}: {row['Error'][:120]} × {row['Occurrences']}")
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(locust and the server share them; a busy machine makes every figure worse)")
    print("verdict:", "all goals met" if ok else "goals NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
