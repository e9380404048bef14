"""统计分析 (issue 11 deliverable 7): each chart's numbers against a direct computation from
the evaluations themselves (scored live here, not read from stored rows), xlsx per chart."""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pytest

from jixiao.domain.money import round_half_up
from jixiao.domain.scoring import score_evaluation
from jixiao.persistence.mappers import evaluation_from_project
from jixiao.persistence.models import Project, Review
from jixiao.services.dashboard import dashboard

pytestmark = pytest.mark.django_db


def _live(projects):  # type: ignore[no-untyped-def]
    out = {}
    for p in projects:
        try:
            out[p.pk] = (p, score_evaluation(evaluation_from_project(p)))
        except Exception:
            continue
    return out


def test_charts_equal_a_direct_computation(users):
    live = _live(Project.objects.select_related("unit__parent"))
    charts = dashboard(actor=users["finance"])
    grades = Counter(s.grade for _, s in live.values())
    assert dict(charts["grades"].rows) == {g: grades.get(g, 0) for g in ("优", "良", "中", "差")}
    bands = Counter()
    for _, s in live.values():
        rate = s.budget_execution.rate
        if rate is None:
            continue
        label = ("低于60%" if rate < Decimal("0.6") else "60%–80%" if rate < Decimal("0.8")
                 else "80%–90%" if rate < Decimal("0.9") else "90%–100%" if rate < 1
                 else "100%及以上")
        bands[label] += 1
    assert {k: v for k, v in charts["execution"].rows if v} == dict(bands)
    by_year: dict[int, list[Decimal]] = {}
    for p, s in live.values():
        by_year.setdefault(p.fiscal_year, []).append(s.total.quantize(Decimal("0.01")))
    expected = [(y, len(v), round_half_up(sum(v) / len(v), 2)) for y, v in sorted(by_year.items())]
    assert charts["years"].rows == expected
    top = sorted(live.values(), key=lambda ps: (-ps[1].total, ps[0].pk))[0]
    assert charts["ranking"].rows[0][0] == top[0].name
    reviews = {r.item.project.name: r for r in Review.objects.select_related("item__project")}
    assert {row[0] for row in charts["review"].rows} == set(reviews)
    for name, self_total, review_total, diff in charts["review"].rows:
        assert diff == review_total - self_total == reviews[name].review_total - reviews[
            name].self_total


def test_department_scope_and_year_filter(users):
    dept = dashboard(actor=users["dept"])
    assert sum(n for _, n in dept["grades"].rows) == Project.objects.filter(
        unit__parent__name="保山市政务服务管理局").count()
    y2023 = dashboard(actor=users["finance"], year=2023)
    assert sum(n for _, n in y2023["grades"].rows) == Project.objects.filter(
        fiscal_year=2023).count()


def test_page_and_xlsx_per_chart(as_persona, users):
    from openpyxl import load_workbook

    page = as_persona("finance").get("/dashboard/")
    html = page.content.decode()
    assert page.status_code == 200 and "vendor/echarts.min.js" in html and "等级分布" in html
    charts = dashboard(actor=users["finance"])
    for name, chart in charts.items():
        response = as_persona("finance").get(f"/dashboard/?chart={name}&format=xlsx")
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[0] == chart.headers and len(rows) - 1 == len(chart.rows)
        def norm(value):  # type: ignore[no-untyped-def]
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                return Decimal(str(value)).normalize()
            return "" if value is None else value

        for got, want in zip(rows[1:], chart.rows, strict=True):
            assert [norm(g) for g in got] == [norm(w) for w in want]
    assert as_persona("finance").get("/dashboard/?chart=nope&format=xlsx").status_code == 404
    assert as_persona("unit1").get("/dashboard/").status_code == 403
