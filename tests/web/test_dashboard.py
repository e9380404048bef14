"""统计分析 (dashboards): every chart's numbers against a direct computation over the same
stored rows, scope, filters, xlsx downloads and a query count that does not grow with the
number of projects."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jixiao.domain.dashboard import EXECUTION_BANDS, Ranked, ranking
from jixiao.persistence.models import EvaluationResult, Organisation, Project, Review, User
from jixiao.services.dashboard import CHARTS, Filters, dashboard_get

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def avg(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, ROUND_HALF_UP)


@pytest.fixture
def lights(projects):  # type: ignore[no-untyped-def]
    """Monitoring lights on some stored rows (as `result_store` writes them)."""
    for key, light in (("baoshan", "red"), ("hall", "green"), ("platform", "yellow"),
                       ("bidding", "red"), ("school", "green")):
        EvaluationResult.objects.filter(project=projects[key]).update(monitoring_light=light)


def scoped_rows(actor: User, **where: object) -> list[EvaluationResult]:
    """The stored rows an actor may see, read directly (the expected side)."""
    scope = {"unit": {"unit_id": actor.organisation_id},
             "department": {"department_id": actor.organisation_id},
             "finance": {"finance_id": actor.organisation_id}}[actor.role]
    return list(EvaluationResult.objects.filter(**scope, **where))


def names() -> dict[int | None, str]:
    return dict(Organisation.objects.values_list("pk", "name"))


def expected_tables(actor: User, rows: list[EvaluationResult], all_years: list[EvaluationResult],
                    by: str) -> dict[str, list[tuple[object, ...]]]:
    """Each chart's rows computed directly, one project at a time."""
    n = names()
    key = (lambda r: r.department_id) if by == "department" else (lambda r: r.unit_id)
    out: dict[str, list[tuple[object, ...]]] = {}
    grades: dict[object, Counter[str]] = defaultdict(Counter)
    for r in rows:
        grades[key(r)][r.grade if r.grade in ("优", "良", "中", "差") else ""] += 1
    total = Counter[str]()
    out["grades"] = []
    for org in sorted(grades, key=lambda o: n[o]):
        c = grades[org]
        total.update(c)
        out["grades"].append((n[org], c["优"], c["良"], c["中"], c["差"], c[""], sum(c.values())))
    out["grades"].append(("合计", total["优"], total["良"], total["中"], total["差"], total[""],
                          sum(total.values())))
    bands = Counter[str]()
    for r in rows:
        if r.execution_rate is None:
            bands["无法计算"] += 1
        else:
            bands[next(b.label for b in EXECUTION_BANDS if b.holds(r.execution_rate))] += 1
    out["execution"] = [(b, bands[b], (Decimal(bands[b] * 100) / len(rows)).quantize(
        CENT, ROUND_HALF_UP) if rows else Decimal("0.00"))
        for b in [*(b.label for b in EXECUTION_BANDS), "无法计算"]]
    monitored: dict[object, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r.monitoring_light:
            monitored[key(r)][r.monitoring_light] += 1
    out["monitoring"] = [(n[o], c["red"], c["yellow"], c["green"], c["not-judged"],
                          sum(c.values())) for o, c in sorted(monitored.items(),
                                                              key=lambda i: n[i[0]])]
    totals: dict[object, list[Decimal]] = defaultdict(list)
    for r in rows:
        if r.total is not None:
            totals[key(r)].append(r.total)
    means = sorted(((avg(v), n[o], len(v)) for o, v in totals.items()),
                   key=lambda t: (-t[0], t[1]))
    out["ranking"] = [(1 + sum(1 for m in means if m[0] > mean), name, mean, count)
                      for mean, name, count in means]
    reviews: dict[object, list[Review]] = defaultdict(list)
    ids = {r.project_id: r for r in rows}
    for review in Review.objects.select_related("item"):
        if review.item.project_id in ids:
            reviews[key(ids[review.item.project_id])].append(review)
    out["review"] = []
    for org in sorted(reviews, key=lambda o: n[o]):
        rs = reviews[org]
        s, q = avg([r.self_total for r in rs]), avg([r.review_total for r in rs])
        out["review"].append((n[org], len(rs), s, q, q - s,
                              sum(1 for r in rs if r.self_grade != r.review_grade)))
    years: dict[int, list[EvaluationResult]] = defaultdict(list)
    for r in all_years:
        years[r.fiscal_year].append(r)
    out["years"] = []
    for year in sorted(years):
        yr = years[year]
        scored = [r for r in yr if r.total is not None]
        out["years"].append((year, len(yr), len(scored),
                             avg([r.total for r in scored]) if scored else Decimal("0.00"),
                             (Decimal(sum(1 for r in scored if r.grade == "优") * 100)
                              / len(scored)).quantize(CENT, ROUND_HALF_UP)
                             if scored else Decimal("0.00")))
    return out


@pytest.mark.parametrize("persona", ["finance", "dept", "unit1", "unit2"])
def test_every_chart_matches_a_direct_computation(persona, users, lights):
    actor = users[persona]
    rows = scoped_rows(actor)
    board = dashboard_get(actor=actor, filters=Filters())
    expected = expected_tables(actor, rows, rows,
                               "department" if persona == "finance" else "unit")
    for chart in CHARTS:
        assert [tuple(r) for r in board.tables[chart].rows] == expected[chart], chart
    assert board.projects == len(rows) > 0


def test_filters_narrow_every_chart(users, projects, lights):
    actor = users["finance"]
    department = projects["hotline"].unit.parent_id
    board = dashboard_get(actor=actor, filters=Filters(year=2022, department_id=department,
                                                       state="accepted"))
    rows = scoped_rows(actor, fiscal_year=2022, department_id=department, state="accepted")
    all_years = scoped_rows(actor, department_id=department, state="accepted")
    expected = expected_tables(actor, rows, all_years, "unit")
    for chart in CHARTS:
        assert [tuple(r) for r in board.tables[chart].rows] == expected[chart], chart
    assert board.projects == len(rows) > 0
    # a department's view names its units in the unit filter
    assert {name for _, name in board.units} >= {projects["hotline"].unit.name}


def test_ties_share_a_rank(users, projects):
    """Two units with the same average share a rank; the next rank skips (1, 1, 3)."""
    for key in ("hotline", "hall", "baoshan"):
        EvaluationResult.objects.filter(project=projects[key]).update(total=Decimal("88.50"))
    for key in ("platform", "bidding", "witness", "experts", "ca"):
        EvaluationResult.objects.filter(project=projects[key]).update(total=Decimal("88.50"))
    EvaluationResult.objects.filter(project=projects["school"]).update(total=Decimal("70.00"))
    board = dashboard_get(actor=users["finance"], filters=Filters(
        department_id=projects["hotline"].unit.parent_id))
    ranks = [(r[0], r[2]) for r in board.tables["ranking"].rows]
    assert ranks == [(1, Decimal("88.50")), (1, Decimal("88.50"))]
    # pure function: ties by name, the next rank skips
    got = ranking([(1, Decimal("171"), 2), (2, Decimal("85.5"), 1), (3, Decimal("90"), 1),
                   (4, None, 0)], {1: "乙", 2: "甲", 3: "丙"})
    assert got == [Ranked(1, "丙", Decimal("90.00"), 1), Ranked(2, "乙", Decimal("85.50"), 2),
                   Ranked(2, "甲", Decimal("85.50"), 1)]


def test_empty_scope_and_department_without_results(users):
    finance = users["finance"]
    empty_department = Organisation.objects.create(name="空部门", kind="department",
                                                   parent_id=finance.organisation_id)
    lonely_unit = Organisation.objects.create(name="无项目单位", kind="unit",
                                              parent=empty_department)
    board = dashboard_get(actor=finance, filters=Filters(department_id=empty_department.pk))
    assert board.projects == 0
    assert board.tables["grades"].rows == (("合计", 0, 0, 0, 0, 0, 0),)
    assert [r[1] for r in board.tables["execution"].rows] == [0] * 6
    for chart in ("monitoring", "ranking", "review", "years"):
        assert board.tables[chart].rows == (), chart
    # the bureau-wide ranking does not list the department without results
    ranked = {r[1] for r in dashboard_get(actor=finance, filters=Filters()).tables["ranking"].rows}
    assert "空部门" not in ranked and ranked
    # a unit account with no projects: every chart empty, the page says so
    user = User.objects.create_user("lonely", password="x", role="unit", organisation=lonely_unit)
    assert dashboard_get(actor=user, filters=Filters()).projects == 0
    from django.test import Client

    client = Client()
    client.force_login(user)
    html = client.get("/dashboard/").content.decode()
    assert html.count("当前范围内暂无数据") == len(CHARTS)


def test_out_of_scope_filters_are_not_found(as_persona, projects):
    other_department = projects["school"].unit.parent_id
    unit1 = projects["baoshan"].unit_id
    assert as_persona("dept").get(f"/dashboard/?department={other_department}").status_code == 404
    assert as_persona("dept").get(
        f"/dashboard/?unit={projects['school'].unit_id}&download=grades").status_code == 404
    assert as_persona("unit2").get(f"/dashboard/?unit={unit1}").status_code == 404
    assert as_persona("unit1").get(f"/dashboard/?unit={unit1}").status_code == 200
    assert as_persona("finance").get(f"/dashboard/?department={other_department}"
                                     ).status_code == 200
    assert as_persona("finance").get("/dashboard/?download=nothing").status_code == 404
    # the department never sees the other department's projects in any number
    html = as_persona("dept").get("/dashboard/").content.decode()
    assert projects["school"].unit.name not in html


def test_page_passes_data_without_inline_script(as_persona, lights):
    html = as_persona("finance").get("/dashboard/").content.decode()
    assert 'id="dashboard-data" type="application/json"' in html
    assert "/static/jixiao/dashboard.js" in html and "/static/vendor/echarts.min.js" in html
    # no inline script, and nothing loaded from another host (a CSRF token may contain "cdn")
    assert "<script>" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    for chart in CHARTS:
        assert f'data-chart="{chart}"' in html


def test_xlsx_download_has_the_charts_numbers(as_persona, users, projects, lights):
    from openpyxl import load_workbook

    Organisation.objects.filter(pk=projects["hall"].unit_id).update(name="=SUM(1,2)单位")
    board = dashboard_get(actor=users["dept"], filters=Filters(year=2022))
    for chart in CHARTS:
        response = as_persona("dept").get(f"/dashboard/?year=2022&download={chart}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = load_workbook(io.BytesIO(response.content)).active
        assert ws.cell(1, 1).value == board.tables[chart].title
        assert ws.cell(2, 1).value.startswith("年度：2022")
        header = [c.value for c in ws[3]]
        assert header == list(board.tables[chart].headers)
        got = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
        want = board.tables[chart].rows
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            for gc, wc in zip(g, w, strict=True):
                if isinstance(wc, Decimal):
                    assert Decimal(str(gc)) == wc
                else:
                    assert gc == wc
    # the formula-like unit name stays text in the sheet XML
    import zipfile

    response = as_persona("dept").get("/dashboard/?year=2022&download=ranking")
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b'inlineStr"><is><t>=SUM(1,2)' in sheet


def _more_projects(count: int, unit: Organisation) -> None:
    """`count` projects with stored rows (as the bulk demo writes them)."""
    made = Project.objects.bulk_create(
        Project(unit=unit, name=f"批量项目{i}", fiscal_year=2021 + i % 3, state="accepted")
        for i in range(count))
    now = timezone.now()
    EvaluationResult.objects.bulk_create(
        EvaluationResult(project=p, fiscal_year=p.fiscal_year, unit=unit,
                         department_id=unit.parent_id, finance_id=unit.parent.parent_id,
                         state="accepted", scorable=True, total=Decimal(60 + i % 40),
                         grade="优" if i % 40 >= 30 else "良", scored_at=now,
                         execution_rate=Decimal(i % 120) / 100,
                         monitoring_light=("red", "yellow", "green", "")[i % 4])
        for i, p in enumerate(made))


def test_query_count_does_not_grow_with_projects(as_persona, projects):
    client = as_persona("finance")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/dashboard/?state=accepted").status_code == 200
        return len(ctx.captured_queries)

    queries()  # the session's first page writes its activity time (at most once a minute)
    before = queries()
    _more_projects(300, projects["hotline"].unit)
    after = queries()
    assert after == before
    assert before <= 40  # session, user, navigation, one grouped query per chart, names


def test_monitoring_light_is_stored_with_the_result(as_persona, projects):
    project = projects["baoshan"]
    names = [ind["name"] for ind in project.document["indicators"]]
    data = {"as_of": "2022-07-31", "executed": "300000", "expected_full_year": "2225038.16",
            "goal_progress": "1-7月按合同支付。", "name": names}
    as_persona("unit1").post(f"/projects/{project.pk}/monitoring/save/", data)
    assert EvaluationResult.objects.get(project=project).monitoring_light == "red"
    data["executed"] = "1,668,778.62"
    as_persona("unit1").post(f"/projects/{project.pk}/monitoring/save/", data)
    assert EvaluationResult.objects.get(project=project).monitoring_light == "green"
    # bulk re-scoring (`jixiao rescore`) writes the same column
    from jixiao.services.results import results_rescore

    EvaluationResult.objects.filter(project=project).update(monitoring_light="")
    results_rescore()
    assert EvaluationResult.objects.get(project=project).monitoring_light == "green"
    assert EvaluationResult.objects.get(project=projects["hotline"]).monitoring_light == ""


def test_stored_rows_agree_with_live_scoring(users, as_persona):
    """The grade and year charts read stored rows; scoring every evaluation live gives the
    same grades (the stored rows are not stale), and the earlier link form still works."""
    from jixiao.domain.errors import InputError
    from jixiao.domain.scoring import score_evaluation
    from jixiao.persistence.mappers import evaluation_from_project

    live: Counter[str] = Counter()
    for project in Project.objects.select_related("unit__parent"):
        try:
            live[score_evaluation(evaluation_from_project(project)).grade] += 1
        except InputError:
            live[""] += 1
    total = dashboard_get(actor=users["finance"], filters=Filters()).tables["grades"].rows[-1]
    assert total == ("合计", live["优"], live["良"], live["中"], live["差"], live[""],
                     sum(live.values()))
    response = as_persona("finance").get("/dashboard/?chart=years&format=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats")
