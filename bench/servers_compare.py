"""Brief comparison of production servers on the same settings and database: gunicorn
(gthread, what `jixiao serve --workers N` runs) and granian (WSGI), N processes × T
threads, the evaluation page and the API list at 1 and 10 users.

    .venv/bin/python bench/servers_compare.py [--database-url URL] [--requests 20]

granian is not a dependency: install it into the venv to compare (`pip install granian`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import rescore_speed  # noqa: E402
from run import Session, _free_port, load  # noqa: E402


def start(kind: str, url: str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "JIXIAO_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    if kind == "gunicorn":
        cmd = [sys.executable, "-m", "jixiao", "serve", "--port", str(port), "--workers",
               str(workers), "--threads", str(threads), "--task-workers", "0"]
    else:
        cmd = [str(Path(sys.executable).with_name("granian")), "--interface", "wsgi", "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers), "--blocking-threads",
               str(threads), "jixiao.web.wsgi:application"]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5).read()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{kind} did not start") from None
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="jixiao-servers-")
    url = args.database_url or f"sqlite:///{folder}/servers.sqlite3"
    rescore_speed.ensure_region(url, 2000)
    kinds = ["gunicorn"] + (["granian"] if Path(sys.executable).with_name("granian").exists() else [])
    try:
        for kind in kinds:
            port = _free_port()
            process = start(kind, url, port, args.workers, args.threads)
            try:
                sessions = [Session(f"http://127.0.0.1:{port}", f"u{i + 1:05d}") for i in range(10)]
                for users in (1, 10):
                    page = load(sessions[:users], lambda s: f"/projects/{s.project}/", False,
                                args.requests)
                    api = load(sessions[:users], lambda s: "/api/v1/projects?limit=20", True,
                               args.requests)
                    print(f"{kind:9s} {args.workers}×{args.threads}  {users:>2} users  "
                          f"page p50 {page[0]:6.0f} ms p95 {page[1]:6.0f} ms   "
                          f"API p50 {api[0]:6.0f} ms p95 {api[1]:6.0f} ms", flush=True)
            finally:
                process.terminate()
                process.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
