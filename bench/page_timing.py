"""What the page-speed benchmarks (`list_speed.py`, `dashboard_speed.py`) share: the database
they run on and the timing of one page."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from typing import Any


def use_database(*, existing: bool, prefix: str, database: str | None = None) -> None:
    """Point jixiao at `database`, at the database of JIXIAO_DATABASE_URL as it is
    (`existing`), or at a new temporary SQLite database; then set Django up."""
    if database:
        os.environ["JIXIAO_DATABASE_URL"] = database
    elif not existing:
        tmp = tempfile.mkdtemp(prefix=prefix)
        os.environ["JIXIAO_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["JIXIAO_EVIDENCE_DIR"] = f"{tmp}/evidence"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from jixiao.cli.serve import _setup_django

    _setup_django()


@dataclass(frozen=True)
class PageTiming:
    """Milliseconds of `repeat` requests of one page after a warm-up, the number of queries
    of one more request, and its size."""

    times: list[float]
    queries: int
    size: int

    def line(self, label: str, width: int) -> str:
        """One printed line: median, slowest, queries."""
        return (f"{label:{width}s} median {statistics.median(self.times):7.1f} ms   max "
                f"{max(self.times):7.1f} ms   queries {self.queries:2d}")


def time_page(client: Any, url: str, repeat: int, label: str) -> PageTiming:
    """Time `repeat` GETs of `url` (each must answer 200) after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (label, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return PageTiming(times, len(queries.captured_queries), len(response.content))
