"""Several app servers and task workers on one PostgreSQL (docs/deploy.md): two gunicorn
app servers and two `jixiao worker` processes; a session made on one app server works on
the other, and a job queued through one is done by a worker process and watched through
the other.

Runs only with JIXIAO_TEST_DATABASE_URL (scripts/test.sh starts PostgreSQL); it makes its
own database beside the test database and drops it afterwards.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from web.live import free_port, wait_until_answering

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

JIXIAO = [sys.executable, "-m", "jixiao"]


@pytest.fixture
def cluster(tmp_path) -> Iterator[dict[str, object]]:  # type: ignore[no-untyped-def]
    base = os.environ.get("JIXIAO_TEST_DATABASE_URL", "")
    if not base or os.environ.get("JIXIAO_WEB_TESTS_CHILD"):
        pytest.skip("needs JIXIAO_TEST_DATABASE_URL (scripts/test.sh starts PostgreSQL)")
    import psycopg

    head, name = base.rsplit("/", 1)
    name = f"{name}_procs"
    url = f"{head}/{name}"
    admin = f"{head}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "JIXIAO_DATABASE_URL": url, "JIXIAO_JOBS_DIR": str(tmp_path / "jobs"),
           "JIXIAO_TASKS": "database"}
    subprocess.run([*JIXIAO, "demo", "--no-progress"], env=env, check=True, capture_output=True,
                   timeout=300)
    ports = [free_port(), free_port()]
    apps = [subprocess.Popen([*JIXIAO, "serve", "--port", str(p), "--workers", "2",
                              "--task-workers", "0"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for p in ports]
    workers = [subprocess.Popen([*JIXIAO, "worker", "--interval", "0.2"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for _ in range(2)]
    try:
        for port, app in zip(ports, apps, strict=True):
            wait_until_answering(f"http://127.0.0.1:{port}/login/", app)
        yield {"urls": [f"http://127.0.0.1:{p}" for p in ports], "db": url,
               "workers": [w.pid for w in workers], "apps": [a.pid for a in apps]}
    finally:
        for process in [*apps, *workers]:
            process.terminate()
        for process in [*apps, *workers]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """Cookies and CSRF token shared by requests to any of the app servers."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, url: str) -> tuple[int, str]:
        with self.opener.open(url, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, url: str, data: dict[str, str]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()


def test_two_app_servers_and_two_workers_share_sessions_and_jobs(cluster):
    one, two = cluster["urls"]  # type: ignore[misc]
    browser = Browser()
    browser.get(f"{one}/login/")
    status, landed, _ = browser.post(f"{one}/login/", {"username": "unit1",
                                                       "password": "jixiao-demo"})
    assert status == 200 and "/login/" not in landed
    status, html = browser.get(f"{two}/projects/")  # the session made on one works on two
    assert status == 200 and "房租及物业补助经费项目" in html

    status, landed, _ = browser.post(f"{one}/jobs/start/", {
        "kind": "render_batch", "doc": "report", "fmt": "html", "year": "2022"})
    job_id = int(re.search(r"/jobs/(\d+)/$", landed).group(1))  # type: ignore[union-attr]
    deadline = time.monotonic() + 180
    while True:
        status, fragment = browser.get(f"{two}/jobs/{job_id}/status/")
        if "已完成" in fragment or "失败" in fragment:
            break
        assert time.monotonic() < deadline, fragment
        time.sleep(0.5)
    assert "已完成" in fragment and f"/jobs/{job_id}/download/" in fragment

    import psycopg

    with psycopg.connect(str(cluster["db"])) as conn:
        worker = conn.execute("SELECT worker FROM persistence_job WHERE id = %s",
                              [job_id]).fetchone()[0]
    pid = int(worker.rsplit(":", 1)[1])
    assert pid in cluster["workers"], (worker, cluster)
