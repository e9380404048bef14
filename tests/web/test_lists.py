"""Lists that scale (issue 11 deliverable 2) for 抽查, 问题整改, 公开管理 (published reports)
and 结果应用: server-side pages, search and filters, sortable columns, xlsx export of the
filtered list, permissions, and a number of queries that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jixiao.persistence.models import (
    Organisation,
    Project,
    PublishedReport,
    Rectification,
    Review,
    SpotCheck,
    SpotCheckItem,
)
from jixiao.persistence.models_results import EvaluationResult

pytestmark = pytest.mark.django_db

NAME = re.compile(r"批量项目(\d{3})")


def _grade(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def _make(users, start: int, n: int, check: SpotCheck | None = None) -> SpotCheck:  # type: ignore[no-untyped-def]
    """`n` accepted projects 批量项目{start…}: even ones in 保山市公共资源交易中心 (the demo
    department), odd ones in 保山市第一中学 (the other department), years 2022/2023
    alternating in pairs, stored results with spread totals, one rectification, one
    publication and one spot check item each, a 复核 on every third item."""
    finance_user = users["finance"]
    units = [Organisation.objects.get(name="保山市公共资源交易中心"),
             Organisation.objects.get(name="保山市第一中学")]
    now = timezone.now()
    today = timezone.localdate()
    made = Project.objects.bulk_create(
        Project(unit=units[i % 2], name=f"批量项目{i:03d}", fiscal_year=2022 + (i // 2) % 2,
                state="accepted", document={"funds": {"total": {
                    "full_year_budget": f"{1000 + i}.10", "executed": f"{900 + i}.05"}}})
        for i in range(start, start + n))
    EvaluationResult.objects.bulk_create(
        EvaluationResult(project=p, fiscal_year=p.fiscal_year, unit=p.unit,
                         department_id=p.unit.parent_id, finance_id=p.unit.parent.parent_id,
                         state="accepted", scorable=True,
                         total=Decimal(55 + (i * 7) % 45) + Decimal("0.25"),
                         grade=_grade(Decimal(55 + (i * 7) % 45) + Decimal("0.25")),
                         score_key=Decimal(55 + (i * 7) % 45) + Decimal("0.25"),
                         execution_rate=Decimal("0.9") , scored_at=now)
        for i, p in zip(range(start, start + n), made, strict=True))
    statuses = ("open", "reported", "confirmed")
    Rectification.objects.bulk_create(
        Rectification(project=p, owner_unit=p.unit, problem=f"问题{i:03d}", status=statuses[i % 3],
                      deadline=today + dt.timedelta(days=(i % 4) - 2), created_by=finance_user,
                      created_at=now)
        for i, p in zip(range(start, start + n), made, strict=True))
    PublishedReport.objects.bulk_create(
        PublishedReport(project=p, index_number=f"T-{i:05d}", publisher=p.unit.name,
                        catalogue="绩效自评", published_on=dt.date(2024, 1, 1)
                        + dt.timedelta(days=i), title=f"批量项目{i:03d}绩效自评报告",
                        project_name=p.name, unit_name=p.unit.name,
                        department_name=p.unit.parent.name, fiscal_year=p.fiscal_year,
                        total_score=Decimal(60 + i % 40), grade=_grade(Decimal(60 + i % 40)),
                        withdrawn_at=now if i % 10 == 0 else None)
        for i, p in zip(range(start, start + n), made, strict=True))
    if check is None:
        check = SpotCheck.objects.create(finance_id=units[0].parent.parent_id, fiscal_year=2022,
                                         size=n, seed="t", created_by=finance_user,
                                         created_at=now)
    items = SpotCheckItem.objects.bulk_create(
        SpotCheckItem(spot_check=check, project=p, stratum=f"层{i % 3}")
        for i, p in zip(range(start, start + n), made, strict=True))
    Review.objects.bulk_create(
        Review(item=it, reviewer=finance_user, reviewed_at=now, self_total=Decimal("90.00"),
               review_total=Decimal(70 + i % 25), self_grade="优",
               review_grade=_grade(Decimal(70 + i % 25)),
               flags=["复核与自评相差超过 5 分"] if i % 2 == 0 else [], snapshot_sha256="0" * 64)
        for i, it in zip(range(start, start + n), items, strict=True) if i % 3 == 0)
    for i, p in zip(range(start, start + n), made, strict=True):  # as review_save stores it
        if i % 3 == 0:
            EvaluationResult.objects.filter(project=p).update(
                review_total=Decimal(70 + i % 25), review_grade=_grade(Decimal(70 + i % 25)))
    return check


@pytest.fixture
def many(users):  # type: ignore[no-untyped-def]
    return _make(users, 0, 120)


def _urls(check: SpotCheck) -> dict[str, str]:
    return {"spot_check": f"/spot-checks/{check.pk}/", "rectifications": "/rectifications/",
            "publications": "/disclosure/", "application": "/results/"}


LISTS = ("spot_check", "rectifications", "publications", "application")


def _names(html: str) -> list[int]:
    """The 批量项目 numbers in the order the page lists them (first mention of each)."""
    seen: list[int] = []
    body = html.split("<tbody>", 1)[-1] if "<tbody>" in html else html
    if "已公开</h2>" in html:  # 公开管理: the second table is the published list
        body = html.split("已公开</h2>", 1)[1]
    for m in NAME.finditer(body):
        if int(m.group(1)) not in seen:
            seen.append(int(m.group(1)))
    return seen


@pytest.mark.parametrize("kind", LISTS)
def test_pages_are_cut_in_the_database_with_bounds(kind, many, as_persona):
    url = _urls(many)[kind]
    client = as_persona("finance")
    first = _names(client.get(url, {"q": "批量项目"}).content.decode())
    assert len(first) == 50
    page3 = client.get(url, {"q": "批量项目", "page": "3"}).content.decode()
    assert len(_names(page3)) == 20 and "第 3 / 3 页" in page3 and "共 120 条" in page3
    assert not set(_names(page3)) & set(first)
    # past the end → the last page; nonsense → the first; "last" → the last
    assert _names(client.get(url, {"q": "批量项目", "page": "99"}).content.decode()) \
        == _names(page3)
    assert _names(client.get(url, {"q": "批量项目", "page": "x"}).content.decode()) == first
    assert _names(client.get(url, {"q": "批量项目", "page": "last"}).content.decode()) \
        == _names(page3)
    # the pager keeps the filters
    assert "q=%E6%89%B9%E9%87%8F%E9%A1%B9%E7%9B%AE&amp;page=2" in client.get(
        url, {"q": "批量项目"}).content.decode()


@pytest.mark.parametrize("kind", LISTS)
def test_search_year_department_and_grade_filters(kind, many, as_persona):
    url = _urls(many)[kind]
    client = as_persona("finance")
    assert _names(client.get(url, {"q": "批量项目007"}).content.decode()) == [7]
    other = Organisation.objects.get(name="保山市教育体育局")
    dept = _names(client.get(url, {"q": "批量项目", "department": other.pk}).content.decode())
    assert dept and all(n % 2 == 1 for n in dept)
    if kind != "spot_check":  # a spot check is of one year
        year = client.get(url, {"q": "批量项目", "year": "2023", "sort": "project"})
        numbers = _names(year.content.decode())
        assert numbers and all((n // 2) % 2 == 1 for n in numbers)
    grade = "中" if kind != "publications" else "良"
    graded = _names(client.get(url, {"q": "批量项目", "grade": grade}).content.decode())
    expected = sorted(i for i in range(120) if _grade(
        Decimal(60 + i % 40) if kind == "publications"
        else Decimal(55 + (i * 7) % 45) + Decimal("0.25")) == grade)
    assert expected and set(graded) <= set(expected) and len(graded) == min(50, len(expected))


def test_list_specific_filters(many, as_persona):
    client = as_persona("finance")
    urls = _urls(many)
    late = client.get(urls["rectifications"], {"q": "批量项目", "overdue": "1"}).content.decode()
    expected = {i for i in range(120) if i % 3 != 2 and i % 4 in (0, 1)}  # deadline passed
    assert f"共 {len(expected)} 条" in late and set(_names(late)) <= expected
    confirmed = _names(client.get(urls["rectifications"],
                                  {"q": "批量项目", "status": "confirmed"}).content.decode())
    assert confirmed and all(i % 3 == 2 for i in confirmed)
    withdrawn = _names(client.get(urls["publications"], {"q": "批量项目", "status": "withdrawn"})
                       .content.decode())
    assert sorted(withdrawn) == list(range(0, 120, 10))
    flagged = _names(client.get(urls["spot_check"], {"status": "flagged"}).content.decode())
    assert sorted(flagged) == [i for i in range(120) if i % 6 == 0]
    pending = client.get(urls["spot_check"], {"status": "pending"}).content.decode()
    assert "共 80 条" in pending
    # 结果应用: the 复核 grade decides; every reviewed project under 80 is a candidate
    cut = client.get(urls["application"], {"q": "批量项目", "treatment": "candidate_cut",
                                           "page": "last"}).content.decode()
    expected = [i for i in range(120) if (_grade(Decimal(70 + i % 25)) if i % 3 == 0 else _grade(
        Decimal(55 + (i * 7) % 45) + Decimal("0.25"))) in ("中", "差")]
    assert f"共 {len(expected)} 条" in cut


@pytest.mark.parametrize("kind,column", [("spot_check", "project"), ("rectifications", "project"),
                                         ("publications", "title"), ("application", "project")])
def test_sortable_columns_both_ways(kind, column, many, as_persona):
    url = _urls(many)[kind]
    client = as_persona("finance")
    up = client.get(url, {"q": "批量项目", "sort": column}).content.decode()
    down = _names(client.get(url, {"q": "批量项目", "sort": "-" + column}).content.decode())
    assert _names(up) == list(range(50)) and down == list(range(119, 69, -1))
    assert ('aria-sort="ascending"><a href="?q=%E6%89%B9%E9%87%8F%E9%A1%B9%E7%9B%AE'
            f'&amp;sort=-{column}"') in up
    # an unknown column falls back to the list's default order (no error, no SQL injection)
    assert client.get(url, {"q": "批量项目", "sort": "name;drop"}).status_code == 200


def test_sort_by_score_reads_stored_results(many, as_persona):
    client = as_persona("finance")
    urls = _urls(many)
    best = _names(client.get(urls["application"], {"q": "批量项目", "sort": "-self"})
                  .content.decode())
    totals = {i: Decimal(55 + (i * 7) % 45) for i in range(120)}
    assert [totals[i] for i in best] == sorted(totals.values(), reverse=True)[:50]
    gaps = client.get(urls["spot_check"], {"sort": "-gap"}).content.decode()
    first = _names(gaps)[0]
    assert first % 3 == 0 and 70 + first % 25 == 70  # the largest |90 − 复核|: 复核 70


def _sheet(response):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active
            .iter_rows(values_only=True)]


@pytest.mark.parametrize("kind,header", [("spot_check", "抽查编号"), ("rectifications", "编号"),
                                         ("publications", "索引号"), ("application", "年度")])
def test_export_is_the_filtered_list_with_exact_numbers(kind, header, many, as_persona):
    url = _urls(many)[kind]
    client = as_persona("finance")
    other = Organisation.objects.get(name="保山市教育体育局")
    rows = _sheet(client.get(url, {"q": "批量项目", "department": other.pk, "format": "xlsx"}))
    assert rows[0][0] == header
    text = [" ".join(str(c) for c in r if c is not None) for r in rows[1:]]
    numbers = sorted({int(m.group(1)) for t in text for m in [NAME.search(t)] if m})
    assert numbers == list(range(1, 120, 2)) and len(rows) - 1 == 60  # all pages, filtered
    if kind == "application":
        row = next(r for r in rows[1:] if r[1] == "批量项目001")
        assert str(row[4]) == "1001.1" and str(row[5]) == "901.05"  # budget, executed
        assert str(row[7]) == "62.25" and row[8] == "中"  # stored total and grade
    if kind == "publications":
        row = next(r for r in rows[1:] if r[3] == "批量项目001")
        assert row[11] == "公开中" and Decimal(str(row[12])) == 61


@pytest.mark.parametrize("kind", LISTS)
def test_queries_do_not_grow_with_the_rows(kind, many, users, as_persona):
    url = _urls(many)[kind]
    client = as_persona("finance")

    def count(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    count({})  # the session's first page writes its activity time (at most once a minute)
    before = [count({}), count({"q": "批量", "sort": "-project", "page": "2"})]
    _make(users, 120, 200, check=many)
    assert [count({}), count({"q": "批量", "sort": "-project", "page": "2"})] == before


@pytest.mark.parametrize("kind", LISTS)
def test_finance_lists_are_not_for_other_roles(kind, many, as_persona):
    url = _urls(many)[kind]
    for persona in ("unit1", "sysadmin", "auditadmin"):
        for params in ({}, {"format": "xlsx"}):
            response = as_persona(persona).get(url, params)
            if kind == "rectifications" and persona == "unit1":
                assert response.status_code == 200
                if not params:
                    assert not _names(response.content.decode())  # not its unit's tasks
            else:
                assert response.status_code in (403, 404), (persona, response.status_code)


def test_department_sees_only_its_own_rectifications(many, as_persona):
    client = as_persona("dept")
    page = client.get("/rectifications/", {"q": "批量项目", "page": "last"}).content.decode()
    assert "共 60 条" in page and all(n % 2 == 0 for n in _names(page))
    rows = _sheet(client.get("/rectifications/", {"format": "xlsx"}))
    assert {r[4] for r in rows[1:]} == {"保山市政务服务管理局"}
    # a department has no department filter (it is one)
    assert 'name="department"' not in page


def test_public_portal_list_reads_from_the_read_replica(settings, client):
    """The portal's list lost its `read_alias` routing in a merge: it read the primary."""
    from django.utils.connection import ConnectionDoesNotExist

    from jixiao.services import public

    settings.READ_DATABASE = "replica"
    assert public.public_report_list(q="报告", year=2022).db == "replica"
    settings.READ_DATABASE = "default"
    assert client.get("/public/reports/").status_code == 200
    # an alias no database answers to: a page that reads through it cannot be served
    settings.READ_DATABASE = "nowhere"
    for url in ("/public/reports/", "/api/v1/public/reports"):
        with pytest.raises(ConnectionDoesNotExist):
            client.get(url)


def test_publication_queue_shows_the_most_urgent_and_the_count(projects, as_persona):
    """The 公开管理 page listed every unpublished accepted project (3 MB at 20,000)."""
    unit = projects["ca"].unit
    Project.objects.bulk_create(Project(unit=unit, name=f"待公开{i:03d}", fiscal_year=2023,
                                        state="accepted") for i in range(70))
    page = as_persona("finance").get("/disclosure/").content.decode()
    queue = page.split("已公开</h2>", 1)[0]
    assert "共 71 个待公开，下表列出期限最近的 50 个" in queue
    assert len(re.findall(r"待公开\d{3}", queue)) == 49
    # the one with an acceptance (a deadline) comes first; never-accepted ones after it
    assert queue.index(projects["ca"].name) < queue.index("待公开000")


def test_rescore_rebuilds_the_stored_review(projects):
    """A result row rebuilt by `jixiao rescore` (or for a database that had none) keeps the
    latest 复核, as `review_save` wrote it."""
    from django.test import Client

    from jixiao.services.results import results_rescore

    hotline = EvaluationResult.objects.get(project=projects["hotline"])
    assert (hotline.review_total, hotline.review_grade) == (Decimal("92.00"), "优")  # demo
    EvaluationResult.objects.all().delete()
    results_rescore()
    hotline = EvaluationResult.objects.get(project=projects["hotline"])
    assert (hotline.review_total, hotline.review_grade) == (Decimal("92.00"), "优")
    assert Client().get("/public/reports/").status_code == 200


@pytest.mark.parametrize("kind", LISTS)
def test_each_export_is_written_to_the_audit_log(kind, many, as_persona):
    """Who exported which list, with which filters, and how many rows went out (a page view
    is not an export; a refused export writes nothing)."""
    from jixiao.persistence.models import AuditEvent

    url = _urls(many)[kind]
    other = Organisation.objects.get(name="保山市教育体育局")
    exports = AuditEvent.objects.filter(kind="list_exported")
    as_persona("finance").get(url, {"q": "批量项目"})
    as_persona("sysadmin").get(url, {"format": "xlsx"})
    assert not exports.exists()
    rows = _sheet(as_persona("finance").get(url, {"q": "批量项目", "department": other.pk,
                                                  "sort": "-year", "page": "2",
                                                  "format": "xlsx"}))
    assert exports.count() == 1
    event = exports.get()
    assert event.actor == "finance"
    assert event.target == {"spot_check": f"抽查{many.pk}", "rectifications": "问题整改",
                            "publications": "已公开报告", "application": "结果应用"}[kind]
    assert len(rows) - 1 == 60 and event.detail.startswith("60 行；")
    assert f"q=批量项目&department={other.pk}&sort=-year" in event.detail
    assert "format" not in event.detail and "page" not in event.detail  # all pages went out
