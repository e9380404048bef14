"""Every benchmark in one run, one table: each figure beside its reference, measured in the
same run, and their ratio.

    .venv/bin/python bench/run.py [--quick] [--json] [--database-url postgres://…/jixiao_bench]
        [--projects 20000]

| benchmark | reference (same run) |
|---|---|
| scoring, full path (indicators/s) | a bare Decimal loop of the same rules (score_speed) |
| re-scoring N projects from the database (`jixiao rescore`) | scoring the same number in memory |
| figure audit of a report (reports/s, one core) | reading the same report (audit_speed's file) |
| report PDF (Typst) | LibreOffice converting the same .docx, when installed |
| import of an evaluation file (YAML → validated) | yaml.safe_load of the same text |
| page and API latency at 1/10/50 users (p95) | a static file from the same server, same users |
| project list and API list with N projects | the same lists with the demo's 6 projects |

The web figures come from `jixiao serve --workers 2` (gunicorn) processes started here on
throw-away databases (SQLite files, or siblings of --database-url on PostgreSQL), filled by
`jixiao demo --projects N`. `--quick` uses small sizes (1,000 projects, 1/10 users, one
LibreOffice conversion) and finishes in under two minutes (about 45 s at a load average of 5
on this 2-core machine; every figure of the full run is there, from fewer repetitions); the
time of each phase is printed under the table. The existing bench scripts' functions do the measuring.
The machine may be shared: ratios are meaningful, absolute figures are pessimistic then.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import audit_speed  # noqa: E402
import render_speed  # noqa: E402
import rescore_speed  # noqa: E402
import score_speed  # noqa: E402

ROWS: list[dict[str, Any]] = []
#: Wall seconds of each phase of this run (printed under the table: where the time went).
PHASES: dict[str, float] = {}


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Times a block into PHASES and says on stderr what is running."""
    print(f"… {name}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield
    finally:
        PHASES[name] = time.perf_counter() - start


def record(benchmark: str, value: float, unit: str, reference: str, ref_value: float,
           note: str = "") -> None:
    """One line of the table; ratio = value ÷ reference (same unit)."""
    ROWS.append({"benchmark": benchmark, "value": round(value, 3), "unit": unit,
                 "reference": reference, "reference_value": round(ref_value, 3),
                 "ratio": round(value / ref_value, 2) if ref_value else None, "note": note})


def note(benchmark: str, text: str) -> None:
    ROWS.append({"benchmark": benchmark, "value": None, "unit": "", "reference": "",
                 "reference_value": None, "ratio": None, "note": text})


def _cpu(fn: Callable[[], object], repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


# ------------------------------------------------------------------ in-process benchmarks

def bench_scoring(projects: int) -> float:
    """Returns the seconds to score `projects` × 15 in memory (the rescore reference)."""
    from jixiao.domain.scoring import score_evaluation

    evaluations = score_speed.synthetic(projects, 15)
    n = projects * 15
    bare = _cpu(lambda: score_speed.bare_loop(evaluations))
    full = _cpu(lambda: [score_evaluation(e) for e in evaluations])
    record("scoring, full path", n / full, "indicators/s", "bare Decimal loop", n / bare)
    return full


def bench_audit(seconds: float) -> None:
    from jixiao.ingest.report_text import read_report
    from jixiao.services.figure_audit import audit_files

    report = audit_speed.SEED if audit_speed.SEED.is_file() else audit_speed._synthetic()
    audit_files([report])
    count, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        audit_files([report])
        count += 1
    audit_rate = count / (time.process_time() - start)
    count, start = 0, time.process_time()
    while time.process_time() - start < seconds / 4:
        read_report(report)
        count += 1
    read_rate = count / (time.process_time() - start)
    record("figure audit of a report (1 core)", audit_rate, "reports/s",
           "reading the same report", read_rate)


def bench_render(runs: int) -> None:
    from jixiao.documents.render import render_report
    from jixiao.ingest.evaluation_file import load_evaluation

    evaluation = load_evaluation(render_speed.EXAMPLE)
    out = Path(tempfile.mkdtemp(prefix="jixiao-bench-render-"))
    try:
        render_report(render_speed._variant(evaluation, 999), out / "warm.pdf")  # imports
        pdf = statistics.median(
            render_speed._timed(lambda i=i: render_report(render_speed._variant(evaluation, i),
                                                          out / f"r{i}.pdf"))
            for i in range(runs))
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            note("report PDF (Typst)", f"{pdf:.3f} s per report; LibreOffice not installed: "
                 "no reference (apt-get install libreoffice-writer-nogui)")
            return
        docx = out / "r.docx"
        render_report(render_speed._variant(evaluation, 0), docx)
        # each LibreOffice conversion takes ~5 s here: one in --quick (runs = 2), two else
        lo = statistics.median(render_speed._timed(lambda: subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx)],
            check=True, capture_output=True)) for _ in range(1 if runs <= 2 else 2))
        record("report PDF (Typst)", pdf, "s", "LibreOffice docx → pdf", lo)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def bench_import(count: int) -> None:
    import yaml

    from jixiao.ingest.evaluation_file import parse_evaluation_text

    text = render_speed.EXAMPLE.read_text(encoding="utf-8")
    ours = _cpu(lambda: [parse_evaluation_text(text, "bench.yaml") for _ in range(count)]) / count
    bare = _cpu(lambda: [yaml.safe_load(text) for _ in range(count)]) / count
    record("import of an evaluation file", ours * 1000, "ms", "yaml.safe_load of the text",
           bare * 1000)


# ------------------------------------------------------------------ servers and HTTP

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`jixiao serve --workers 2` on a database, stopped on exit."""

    def __init__(self, url: str) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "JIXIAO_DATABASE_URL": url, "JIXIAO_TASKS": "database"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jixiao", "serve", "--port", str(self.port), "--workers", "2",
             "--task-workers", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_ready(self) -> None:
        """Wait until the server answers (both servers start side by side)."""
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/login/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("jixiao serve did not start") from None
                time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Session:
    """One logged-in user of a server: session cookie for pages, bearer token for the API."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.opener.open(base + "/login/", timeout=60).read()
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({"username": username, "password": "jixiao-demo",
                                       "csrfmiddlewaretoken": csrf}).encode()
        self.opener.open(urllib.request.Request(base + "/login/", data=body,
                                                headers={"Referer": base + "/login/"}),
                         timeout=60).read()
        token_request = urllib.request.Request(
            base + "/api/v1/auth/token", method="POST",
            data=json.dumps({"username": username, "password": "jixiao-demo"}).encode(),
            headers={"Content-Type": "application/json"})
        self.token = json.loads(urllib.request.urlopen(token_request, timeout=60).read())["token"]
        html = self.get("/projects/")
        ids = re.findall(r'href="/projects/(\d+)/"', html)
        self.project = ids[0] if ids else None

    def get(self, path: str, api: bool = False) -> str:
        request = urllib.request.Request(self.base + path, headers=(
            {"Authorization": f"Bearer {self.token}"} if api else {}))
        with self.opener.open(request, timeout=60) as response:
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            return response.read().decode()


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(len(times) * 0.95))]


def load(sessions: list[Session], path: Callable[[Session], str], api: bool,
         per_user: int) -> tuple[float, float]:
    """All sessions at once, `per_user` requests each: (median, p95) in ms."""
    times: list[float] = []
    lock = threading.Lock()

    def user(session: Session) -> None:
        for _ in range(per_user):
            start = time.perf_counter()
            session.get(path(session), api)
            with lock:
                times.append((time.perf_counter() - start) * 1000)

    with ThreadPoolExecutor(len(sessions)) as pool:
        list(pool.map(user, sessions))
    return statistics.median(times), _p95(times)


def bench_latency(server: Server, levels: list[int], per_user: int) -> None:
    sessions = [Session(server.base, f"u{i + 1:05d}") for i in range(max(levels))]
    for users in levels:
        group = sessions[:users]
        _, static = load(group, lambda s: "/static/jixiao/app.css", False, per_user)
        _, page = load(group, lambda s: f"/projects/{s.project}/", False, per_user)
        _, api = load(group, lambda s: "/api/v1/projects?limit=20", True, per_user)
        record(f"evaluation page p95, {users} users", page, "ms", "static file p95, same users",
               static)
        record(f"API list p95, {users} users", api, "ms", "static file p95, same users", static)


def bench_lists(small: Server, big: Server, projects: int, requests: int) -> None:
    few, many = Session(small.base, "finance"), Session(big.base, "finance")
    for label, path, api in (("project list page", "/projects/", False),
                             ("API project list", "/api/v1/projects?limit=50", True)):
        six = load([few], lambda s, p=path: p, api, requests)[0]
        lots = load([many], lambda s, p=path: p, api, requests)[0]
        record(f"{label}, {projects:,} projects (median)", lots, "ms",
               "the same with the demo's 6 projects", six)


# ------------------------------------------------------------------ main

def _num(value: float) -> str:
    """Thousands separators for big figures, three decimals for small ones."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3f}"


def print_table(total: float) -> None:
    head = f"{'benchmark':44s} {'figure':>16s}   {'reference (same run)':38s} {'ref.':>12s} {'ratio':>7s}"
    print(head)
    print("-" * len(head))
    for r in ROWS:
        if r["value"] is None:
            print(f"{r['benchmark']:44s} {r['note']}")
            continue
        print(f"{r['benchmark']:44s} {_num(r['value']):>10s} {r['unit']:>5s}   "
              f"{r['reference']:38s} {_num(r['reference_value']):>12s} {r['ratio']:>6.2f}×")
    print("\ntime per phase: " + ", ".join(f"{k} {v:.1f} s" for k, v in PHASES.items()))
    print(f"(total {total:.0f} s; load average now {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores: figures are pessimistic on a shared machine)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, < 2 minutes")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--database-url", default=os.environ.get("JIXIAO_BENCH_DATABASE_URL"),
                        help="PostgreSQL base URL (databases <name>_6 and <name>_N are made)")
    parser.add_argument("--projects", type=int, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    projects = args.projects or (1000 if args.quick else 20000)
    levels = [1, 10] if args.quick else [1, 10, 50]
    folder = tempfile.mkdtemp(prefix="jixiao-bench-")
    try:
        with phase("scoring"):
            in_memory = bench_scoring(2000 if args.quick else 20000)
        with phase("audit"):
            bench_audit(1.0 if args.quick else 5.0)
        with phase("render"):
            bench_render(2 if args.quick else 5)
        with phase("import"):
            bench_import(20 if args.quick else 100)
        region = rescore_speed.database_for(args.database_url, projects, folder)
        demo = rescore_speed.database_for(args.database_url, 6, folder)
        with phase("regions (jixiao demo)"):
            rescore_speed.ensure_region(demo, 0)
            if region.startswith("sqlite:///"):
                # migrating a SQLite file costs ~9 s: migrate once, then top up a copy
                for suffix in ("", "-wal", "-shm"):
                    source = Path(demo.removeprefix("sqlite:///") + suffix)
                    if source.exists():
                        shutil.copyfile(source, region.removeprefix("sqlite:///") + suffix)
            rescore_speed.ensure_region(region, projects)
        with phase("rescore"):
            rescored = rescore_speed.rescore(region)
        per_project = in_memory / (2000 if args.quick else 20000)
        record(f"rescore {rescored['projects']:,} projects from the database", rescored["seconds"],
               "s", "scoring as many in memory", per_project * rescored["projects"],
               f"peak {rescored['peak_mib']:.0f} MiB")
        big, small = Server(region), Server(demo)
        try:
            with phase("servers start"):
                big.wait_ready()
                small.wait_ready()
            with phase("latency"):
                bench_latency(big, levels, 5 if args.quick else 20)
            with phase("lists"):
                bench_lists(small, big, projects, 5 if args.quick else 20)
        finally:
            big.stop()
            small.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(ROWS, ensure_ascii=False, indent=1))
    else:
        print_table(time.perf_counter() - started)


if __name__ == "__main__":
    main()
