"""Web request latencies on the demo data (Django test client, in-process, SQLite in a temp
folder): project list, evaluation page, one htmx field edit with re-scoring, API list.

    .venv/bin/python bench/web_requests.py [N]

Prints the median and 95th percentile in milliseconds per request kind. Not a test: speed
goals live here, not in the test suite.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable


def latencies(call: Callable[[int], object], n: int) -> tuple[float, float]:
    """(median, p95) in milliseconds of `n` calls of `call(i)`; each must answer 200."""
    times = []
    for i in range(n):
        start = time.perf_counter()
        response = call(i)
        times.append((time.perf_counter() - start) * 1000)
        status = getattr(response, "status_code", 200)
        assert status == 200, status
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    tmp = tempfile.mkdtemp(prefix="jixiao-bench-")
    os.environ["JIXIAO_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["JIXIAO_EVIDENCE_DIR"] = f"{tmp}/evidence"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from jixiao.cli.serve import _setup_django, prepare_demo

    _setup_django()
    prepare_demo()
    from django.test import Client

    from jixiao.persistence.models import Project, User
    from jixiao.services.tokens import token_create

    client = Client()
    client.force_login(User.objects.get(username="unit1"))
    project = Project.objects.get(name="房租及物业补助经费项目")
    token = token_create(username="unit1", password="jixiao-demo")
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    kinds = {
        "GET /projects/": lambda i: client.get("/projects/"),
        "GET /projects/<id>/": lambda i: client.get(f"/projects/{project.pk}/"),
        "POST field (htmx, re-score)": lambda i: client.post(
            f"/projects/{project.pk}/field/",
            {"path": "indicators.0.actual", "value": str(5000 + i)}, HTTP_HX_REQUEST="true"),
        "GET /api/v1/projects": lambda i: client.get("/api/v1/projects", **api),
    }
    for name, call in kinds.items():
        median, p95 = latencies(call, n)
        print(f"{name:32s} median {median:7.1f} ms   p95 {p95:7.1f} ms   (n={n})")


if __name__ == "__main__":
    main()
