"""Lists at region scale: every page of the project list and of the API list shows each row
exactly once in every order, ties in the sort key included (the page's rows are found
through the index first, `selectors_results.results_slice`); the synthetic region
(`jixiao demo --projects N`) fills every column the ORM would."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.persistence.models import EvaluationResult, Project, PublishedReport
from jixiao.persistence.selectors_results import results_ordered, results_slice
from jixiao.services.access import visible_results
from jixiao.services.results import results_rescore

pytestmark = pytest.mark.django_db

#: Order name → sort key of a row, written out here independently of `ORDERS`.
EXPECTED_KEYS: dict[str, Any] = {
    "year": lambda r: (-r.fiscal_year, r.project_id),
    "score_desc": lambda r: (-r.score_key, r.project_id),
    "score_asc": lambda r: (r.score_key, -r.project_id),
    "findings": lambda r: (-r.errors, -r.warnings, r.project_id),
}


@pytest.fixture
def many_ties(projects):  # type: ignore[no-untyped-def]
    """130 more projects: 110 copies of one document (same year, total and findings: one
    long tie in every order) and 20 copies of another in another year."""
    school, hall = projects["school"], projects["hall"]
    Project.objects.bulk_create(
        [Project(unit=school.unit, name=f"并列{i}", fiscal_year=2021, document=school.document)
         for i in range(110)]
        + [Project(unit=hall.unit, name=f"另一年{i}", fiscal_year=2020, document=hall.document)
           for i in range(20)])
    results_rescore()
    assert EvaluationResult.objects.count() == Project.objects.count() == 139


def _expected(users: dict, order: str) -> list[int]:  # type: ignore[type-arg]
    rows = list(visible_results(users["finance"]))
    return [r.project_id for r in sorted(rows, key=EXPECTED_KEYS[order])]


@pytest.mark.parametrize("order", sorted(EXPECTED_KEYS))
def test_html_pages_show_every_row_once_in_order(as_persona, users, many_ties, order):
    finance = as_persona("finance")
    expected = _expected(users, order)
    seen: list[int] = []
    pages = -(-len(expected) // 50)
    for page in range(1, pages + 1):
        html = finance.get(f"/projects/?order={order}&page={page}").content.decode()
        body = html.split("<tbody>")[1].split("</tbody>")[0]
        seen += [int(pk) for pk in re.findall(r'href="/projects/(\d+)/"', body)]
        # the pager keeps its numbered links, with the order kept
        assert f"第 {page} / {pages} 页" in html
        if page < pages:
            assert f"order={order}&amp;page={page + 1}\">下一页" in html
        if page > 1:
            assert f"order={order}&amp;page={page - 1}\">上一页" in html
    assert seen == expected
    assert len(set(seen)) == len(seen) == 139


@pytest.mark.parametrize("order", sorted(EXPECTED_KEYS))
def test_api_offsets_show_every_row_once_in_order(as_persona, users, many_ties, order):
    from jixiao.services.tokens import token_create

    token = token_create(username="finance", password="jixiao-demo")
    client = as_persona("anonymous")
    seen: list[int] = []
    for offset in range(0, 139, 17):  # a page size that cuts through the ties
        body = client.get(f"/api/v1/projects?order={order}&limit=17&offset={offset}",
                          HTTP_AUTHORIZATION=f"Bearer {token}").json()
        assert body["count"] == 139
        seen += [item["id"] for item in body["items"]]
    assert seen == _expected(users, order)


def test_slice_equals_the_one_query_slice(users, many_ties):
    ordered = results_ordered(visible_results(users["finance"]), "score_desc")
    for start, stop in ((0, 50), (45, 95), (100, 150), (138, 200), (500, 550)):
        assert [r.pk for r in results_slice(ordered, start, stop)] == \
            [r.pk for r in ordered[start:stop]]
    # the rows come with their joins: no query per row when a page is shown
    page = results_slice(ordered, 50, 100)
    with CaptureQueriesContext(connection) as queries:
        names = [(r.project.name, r.project.unit.name, r.project.unit.parent.name) for r in page]
    assert len(names) == 50 and len(queries) == 0


def test_a_deep_page_costs_the_same_queries_as_the_first(as_persona, many_ties):
    finance = as_persona("finance")
    finance.get("/projects/")  # warm up (session, caches)
    with CaptureQueriesContext(connection) as first:
        finance.get("/projects/?page=1")
    with CaptureQueriesContext(connection) as last:
        finance.get("/projects/?page=3")
    assert len(last) == len(first)


def test_demo_region_fills_every_column_the_orm_would():
    """`jixiao demo --projects N` writes with COPY on PostgreSQL, which leaves out columns
    it is not given; Django keeps defaults in Python, so they came out NULL and the demo
    failed (seen: NOT NULL violation on persistence_project.code)."""
    from jixiao.services.demo_region import demo_region

    made = demo_region(projects=40)
    assert made["projects"] == 40
    region = Project.objects.filter(name__contains="模拟")
    assert region.count() == 40
    assert set(region.values_list("version", "code").distinct()) == {(1, "")}
    reports = PublishedReport.objects.filter(project__in=region)
    assert reports.exists()
    for report in reports:
        assert report.project_name and report.unit_name and report.fiscal_year
        assert report.version == 1 and report.withdrawn_by == "" and report.published_at
    assert EvaluationResult.objects.filter(project__in=region).count() == 40


def test_public_api_list_shapes_only_the_page(monkeypatch, as_persona):
    """The public list shaped every publication of the region and then cut the page (1.4 s
    with 14,000 publications); now only the page's rows are read and shaped."""
    from jixiao.web import api

    shaped: list[int] = []
    original = api._report
    monkeypatch.setattr(api, "_report", lambda request, r: shaped.append(r.pk) or original(request, r))
    everything = as_persona("anonymous").get("/api/v1/public/reports?limit=100").json()
    assert everything["count"] >= 2
    shaped.clear()
    page = as_persona("anonymous").get("/api/v1/public/reports?limit=1&offset=1").json()
    assert page["count"] == everything["count"]
    assert [i["id"] for i in page["items"]] == [everything["items"][1]["id"]] == shaped


def test_warm_up_compiles_every_template_before_the_workers_fork():
    """`jixiao serve --workers N` warms the application once in gunicorn's master
    (`wsgi.warm_up`), so no worker's first requests pay the imports and template parsing."""
    from django.template import engines

    from jixiao.web.wsgi import warm_up

    warm_up()
    loader = engines["django"].engine.template_loaders[0]
    cached = {key.split("-")[0] for key in getattr(loader, "get_template_cache", {})}
    assert {"jixiao/project_list.html", "jixiao/public_reports.html", "jixiao/login.html"} <= cached


def test_stopping_the_single_process_server_stops_its_task_workers(tmp_path):
    """`jixiao serve` (waitress) starts a task worker; SIGTERM used to end the server
    without its `finally`, leaving the worker running with nobody to stop it."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from web.live import free_port, wait_until_answering

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env["JIXIAO_DATABASE_URL"] = f"sqlite:///{tmp_path}/serve.sqlite3"
    server = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--demo", "--port",
                               str(port), "--task-workers", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1]
                                                .split()[1]) == server.pid:
                    found.append(int(entry.name))
            except (OSError, ValueError):
                continue
        return found

    try:
        wait_until_answering(f"http://127.0.0.1:{port}/login/", server)
        workers = children()
        assert workers, "the server started no task worker"
        server.terminate()
        server.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() for pid in workers):
            assert time.monotonic() < deadline, f"task workers {workers} outlived the server"
            time.sleep(0.3)
    finally:
        if server.poll() is None:
            server.kill()
