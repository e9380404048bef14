"""Deadline-day load test: start the production server on a region, run the locust
scenario (bench/load/deadline_day_locustfile.py) headless, print per-request figures and
check the goals: no errors; p95 < 300 ms for pages and < 100 ms for API reads (PostgreSQL).

From a fresh database (the runner creates it on PostgreSQL, migrates and fills it with
`jixiao demo --projects N`, about 4 minutes for 100,000 projects here; a database that
already holds N projects is used as it is):

    .venv/bin/python bench/load/run_deadline_day.py \
        --database-url postgres://jixiao:jixiao-test@127.0.0.1:5432/jixiao_load \
        --projects 100000 --users 200 --minutes 5 --workers 4 --threads 8
    .venv/bin/python bench/load/run_deadline_day.py --sqlite --users 20 --minutes 2

What is simulated (stated again in the output):
- users arrive at `--spawn-rate` per second (default 1: 200 users over 3 min 20 s, the
  morning's arrivals compressed) and each logs in once, on the web and for the API;
- think times of people at work (locustfile: fillers 5–15 s, reviewers 10–30 s, the
  public 5–20 s between actions); `--think-scale 0.2` runs five times that pace;
- the figures cover the whole run, arrivals included (no statistics reset), for
  `--minutes` after the last user has arrived.

Goals per request kind: pages (GET, p95 < 300 ms), API reads (GET /api/…, p95 < 100 ms),
writes (field edits, submissions, approvals: no latency goal, no errors), logins (the
password hash is deliberately slow — Argon2id, about 45 ms of CPU each, twice per user —
so their p95 is reported on its own line, without a goal; only their errors count).
Figures on SQLite are reported but only errors are judged.

The server is `jixiao serve --workers W` (gunicorn, W processes × T threads) with one task
worker. Exit status 0 when every goal is met. Locust runs on the same machine: its own CPU
use makes the figures pessimistic, more so on a shared machine (the load average is
printed before and after).
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

sys.path.insert(0, str(HERE))
from think import THINK_SECONDS  # noqa: E402

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
    parser.add_argument("--spawn-rate", type=float, default=1,
                        help="users arriving per second (each logs in once)")
    parser.add_argument("--think-scale", type=float, default=1.0,
                        help="multiplies the think times (0.2 = five times the human pace)")
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
    hashes = _password_hashes(url)
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
        think = {k: (lo * args.think_scale, hi * args.think_scale)
                 for k, (lo, hi) in THINK_SECONDS.items()}
        print(f"server: gunicorn {args.workers} processes × {args.threads} threads, "
              f"1 task worker; locust: {args.users} users arriving at {args.spawn_rate:g}/s "
              f"(ramp {ramp:.0f} s), then {args.minutes:g} min with all of them", flush=True)
        print("think times: " + ", ".join(f"{k} {lo:g}–{hi:g} s" for k, (lo, hi)
                                          in think.items())
              + f"; password hashes: {hashes}", flush=True)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
              flush=True)
        server_cpu = _tree_cpu(server.pid)
        locust_cpu = _children_cpu()
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(HERE / "deadline_day_locustfile.py"),
             "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
             # the whole run is measured, arrivals and logins included (no --reset-stats)
             "-t", f"{int(args.minutes * 60 + ramp)}s",
             "--host", f"http://127.0.0.1:{port}",
             "--csv", str(out / "deadline"), "--only-summary", "--stop-timeout", "10"],
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "JIXIAO_LOAD_UNITS": str(units),
                 "JIXIAO_LOAD_DEPARTMENTS": str(-(-units // 12)),
                 "JIXIAO_LOAD_THINK_SCALE": str(args.think_scale)})
        wall = time.monotonic() - started
        used = {k: v - server_cpu.get(k, 0.0) for k, v in _tree_cpu(server.pid).items()}
        used["locust"] = _children_cpu() - locust_cpu
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    stats = out / "deadline_stats.csv"
    requests = sum(int(r["Request Count"]) for r in csv.DictReader(
        stats.open(encoding="utf-8")) if r["Name"] == "Aggregated")
    cpu = (f"CPU used during the {wall:.0f} s run: app server {used.get('app server', 0):.1f} s "
           f"({used.get('app server', 0) / max(requests, 1) * 1000:.0f} ms per request, logins "
           f"included), task worker {used.get('task worker', 0):.1f} s, locust "
           f"{used['locust']:.1f} s (PostgreSQL not counted): {sum(used.values()) / wall:.2f} "
           f"of the {os.cpu_count()} cores; the rest of the machine's load was other work")
    return report(stats, out / "deadline_failures.csv", "postgres" in url, cpu)


def _tree_cpu(root: int) -> dict[str, float]:
    """CPU seconds (user + system) of the live processes under `root` (Linux /proc): the
    gunicorn master and workers as "app server", `jixiao worker` processes as "task worker"."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    out: dict[str, float] = {}
    for pid in cpu:
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parent:
            ancestor = parent[ancestor]
        if ancestor != root:
            continue
        try:
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes()
        except OSError:
            continue
        kind = "task worker" if b"worker" in command and b"serve" not in command else "app server"
        out[kind] = out.get(kind, 0.0) + cpu[pid]
    return out


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (locust, once it has exited)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Request kinds, in the order printed: (title, goal in ms or None).
KINDS = {"page": ("pages", PAGE_GOAL_MS), "api": ("API reads", API_GOAL_MS),
         "write": ("writes (no latency goal)", None),
         "login": ("logins (deliberately slow password hash: no latency goal)", None)}


def kind_of(method: str, name: str) -> str:
    """page, api, write or login, from locust's request type and name."""
    if name in ("POST /login/", "POST /api/v1/auth/token"):
        return "login"
    if method != "GET":
        return "write"
    return "api" if name.startswith("API ") else "page"


def _password_hashes(url: str) -> str:
    """How the demo accounts' passwords are stored (a region made before Argon2id has
    PBKDF2 hashes: their first login costs PBKDF2 and a rehash)."""
    env = {**os.environ, "JIXIAO_DATABASE_URL": url}
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'jixiao.web.settings'); django.setup()\n"
            "from collections import Counter\n"
            "from jixiao.persistence.models import User\n"
            "c = Counter(p.split('$')[0] for p in User.objects.filter("
            "username__regex=r'^[ud][0-9]+$').values_list('password', flat=True))\n"
            "print(', '.join(f'{k} {n}' for k, n in c.most_common()))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=False)
    return done.stdout.strip() or "unknown"


def report(stats: Path, failures: Path, postgres: bool, cpu: str = "") -> int:
    """Print the figures per request kind and the verdict; 0 when every goal is met."""
    rows = [r for r in csv.DictReader(stats.open(encoding="utf-8")) if r["Name"] != "Aggregated"]
    ok = True
    for kind, (title, goal) in KINDS.items():
        group = [r for r in rows if kind_of(r["Type"], r["Name"]) == kind]
        if not group:
            continue
        judged = goal is not None and postgres
        print(f"\n{title}" + (f": goal p95 < {goal} ms" if judged else "")
              + ("" if postgres or goal is None else " (SQLite: only errors are judged)"))
        print(f"  {'request':52s} {'count':>7s} {'fail':>5s} {'median':>7s} {'p95':>7s} "
              f"{'p99':>7s}")
        for row in group:
            fails = int(row["Failure Count"])
            p95 = float(row["95%"] or 0)
            met = fails == 0 and (not judged or p95 < (goal or 0))
            ok = ok and met
            print(f"  {row['Type'] + ' ' + row['Name']:52s} {int(row['Request Count']):>7d} "
                  f"{fails:>5d} {row['50%']:>7s} {row['95%']:>7s} {row['99%']:>7s}  "
                  f"{'✓' if met else '✗'}")
    total = next(r for r in csv.DictReader(stats.open(encoding="utf-8"))
                 if r["Name"] == "Aggregated")
    print(f"\nall: {total['Request Count']} requests, {total['Failure Count']} failures, "
          f"{float(total['Requests/s']):.1f} requests/s")
    if failures.exists():
        for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:10]:
            print(f"  failure: {row['Method']} {row['Name']}: {row['Error'][:120]} × {row['Occurrences']}")
    load1, load5, _ = os.getloadavg()
    print(f"load average now {load1:.1f} (5 min: {load5:.1f}) on {os.cpu_count()} cores "
          "(locust and the server share them; a busy machine makes every figure worse)")
    if cpu:
        print(cpu)
    print("verdict:", "all goals met" if ok else "goals NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
