"""Profile the requests of the deadline-day scenario (and the deep list pages) on a region:
per request the median wall and CPU time (this process only: the CPU time is what a busy
machine does not inflate), the number of SQL queries, their total time and the slowest
query, optionally with PostgreSQL's plan of it (`--explain`) or a cProfile of the request
(`--cprofile NAME`). In-process (Django's test client, no HTTP server), one user at a time:
what one request costs, before any queueing.

    .venv/bin/python bench/load/profile_pages.py \\
        --database-url postgres://jixiao:jixiao-test@127.0.0.1:5432/jixiao_load [--explain]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("JIXIAO_LOAD_DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest query")
    parser.add_argument("--cprofile", default="", help="cProfile the request with this label")
    args = parser.parse_args()
    if args.database_url:
        os.environ["JIXIAO_DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jixiao.persistence.models import Project, User
    from jixiao.services.tokens import token_create

    def client(username: str | None) -> tuple[Client, dict[str, str]]:
        c = Client()
        if username is None:
            return c, {}
        user = User.objects.get(username=username)
        c.force_login(user)
        token = token_create(username=username, password="jixiao-demo")
        return c, {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    unit = User.objects.get(username="u00001")
    draft = Project.objects.filter(unit_id=unit.organisation_id, state="draft").first()
    submitted = Project.objects.filter(unit__parent_id=User.objects.get(
        username="d0001").organisation_id, state="submitted").first()
    assert draft is not None and submitted is not None
    cases: list[tuple[str, str | None, str, bool]] = [
        ("unit /projects/", "u00001", "/projects/", False),
        ("unit /projects/?state=draft", "u00001", "/projects/?state=draft", False),
        ("unit /projects/[id]/", "u00001", f"/projects/{draft.pk}/", False),
        ("unit API /api/v1/projects", "u00001", "/api/v1/projects?limit=20", True),
        ("unit API /api/v1/projects/[id]", "u00001", f"/api/v1/projects/{draft.pk}", True),
        ("reviewer /projects/?state=submitted", "d0001", "/projects/?state=submitted", False),
        ("reviewer /projects/[id]/", "d0001", f"/projects/{submitted.pk}/", False),
        ("public /public/reports/?page=1", None, "/public/reports/?page=1", False),
        ("public /public/reports/?page=20", None, "/public/reports/?page=20", False),
        ("public API /api/v1/public/reports", None,
         "/api/v1/public/reports?limit=20&offset=500", False),
        ("finance /projects/", "finance", "/projects/", False),
        ("finance /projects/?page=500", "finance", "/projects/?page=500", False),
        ("finance /projects/?order=score_desc&page=1000", "finance",
         "/projects/?order=score_desc&page=1000", False),
        ("finance API offset 25000", "finance", "/api/v1/projects?limit=50&offset=25000", True),
        ("login page /login/", None, "/login/", False),
    ]
    clients: dict[str | None, tuple[Client, dict[str, str]]] = {}
    print(f"{'request':46s} {'median':>8s} {'CPU ms':>7s} {'queries':>7s} {'SQL ms':>7s}  slowest query")
    for label, username, url, api in cases:
        if username not in clients:
            clients[username] = client(username)
        c, headers = clients[username]
        extra = headers if api else {}
        c.get(url, **extra)  # warm: caches, first-use imports
        times: list[float] = []
        cpu: list[float] = []
        captured: Any = None
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = c.get(url, **extra)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            captured = queries.captured_queries
        sql_ms = sum(float(q["time"]) for q in captured) * 1000
        slowest = max(captured, key=lambda q: float(q["time"])) if captured else None
        text = "" if slowest is None else (
            f"{float(slowest['time']) * 1000:.1f} ms: " + re.sub(r"\s+", " ", slowest["sql"])[:110])
        print(f"{label:46s} {statistics.median(times):7.1f}  {statistics.median(cpu):7.1f} "
              f"{len(captured):>7d} {sql_ms:7.1f}  {text}")
        if args.explain and slowest is not None and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
                for (line,) in cursor.fetchall():
                    print("      " + line)
        if args.cprofile and args.cprofile == label:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                c.get(url, **extra)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    return 0


if __name__ == "__main__":
    sys.exit(main())
