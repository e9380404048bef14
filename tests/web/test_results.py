"""Stored results: every change re-stores the project's score row, lists read the rows
(never re-score), `results_rescore` rebuilds them in chunks, scoped like the projects."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.domain.findings import Severity
from jixiao.domain.scoring import score_evaluation
from jixiao.persistence.mappers import evaluation_document, evaluation_from_project
from jixiao.persistence.models import EvaluationResult, Project
from jixiao.services import evaluations
from jixiao.services.results import result_store, results_rescore
from jixiao.services.workflow import evaluation_transition

pytestmark = pytest.mark.django_db


def live(project: Project):  # type: ignore[no-untyped-def]
    return score_evaluation(evaluation_from_project(Project.objects.get(pk=project.pk)))


def test_every_demo_project_has_a_result_equal_to_its_live_score():
    assert EvaluationResult.objects.count() == Project.objects.count() == 9  # demo (i11: +3)
    for project in Project.objects.select_related("unit__parent"):
        scored = live(project)
        row = project.result
        assert (row.total, row.grade) == (scored.total, scored.grade)
        assert row.errors == sum(f.severity is Severity.ERROR for f in scored.findings)
        assert row.warnings == sum(f.severity is Severity.WARNING for f in scored.findings)
        assert (row.ruleset_name, row.ruleset_version) == (scored.ruleset.name,
                                                           scored.ruleset.version)
        assert row.execution_score == scored.budget_execution.score
        assert row.state == project.state and row.fiscal_year == project.fiscal_year
        assert row.unit_id == project.unit_id
        assert row.department_id == project.unit.parent_id
        assert row.finance_id == project.unit.parent.parent_id
        assert set(row.categories) == set(scored.categories)
        assert row.score_output == scored.categories["产出指标"].score.quantize(Decimal("0.01"))


def test_a_field_edit_restores_the_row(as_persona, projects):
    project = projects["baoshan"]
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") in (">=", ">"))
    target = Decimal(project.document["indicators"][index]["target"])
    before = EvaluationResult.objects.get(pk=project.pk).total
    response = as_persona("unit1").post(
        f"/projects/{project.pk}/field/",
        {"path": f"indicators.{index}.actual", "value": str(target / 2)}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    row = EvaluationResult.objects.get(pk=project.pk)
    assert row.total < before
    assert row.total == live(project).total
    assert row.reason_missing  # half the target and no deviation reason yet
    assert "deviation-reason-missing" in row.finding_codes.split(",")


def test_an_import_and_a_transition_restore_the_row(as_persona, projects, users):
    project = projects["bidding"]
    document = evaluation_document(project)
    document["indicators"][0]["actual"] = "50"
    document["indicators"][0]["deviation_reason"] = "设备老化"
    upload = SimpleUploadedFile("e.yaml", yaml.safe_dump(document, allow_unicode=True).encode())
    as_persona("unit2").post(f"/projects/{project.pk}/import/", {"file": upload})
    row = EvaluationResult.objects.get(pk=project.pk)
    assert row.total == live(project).total
    assert row.score_output is not None and row.score_output < Decimal(50)
    hall = projects["hall"]
    evaluation_transition(actor=users["dept"], project_id=hall.pk, action="approve")
    assert EvaluationResult.objects.get(pk=hall.pk).state == "approved"


def test_an_unscorable_evaluation_is_stored_as_such(projects):
    project = projects["school"]
    Project.objects.filter(pk=project.pk).update(
        document={**project.document, "funds": {"total": {"full_year_budget": "abc",
                                                          "executed": "1"}}})
    row = result_store(Project.objects.select_related("unit__parent").get(pk=project.pk))
    assert not row.scorable and row.total is None and row.grade == ""
    assert "funds.total.full_year_budget" in row.error


def test_lists_read_rows_and_never_rescore(as_persona, monkeypatch):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a list re-scored an evaluation")

    monkeypatch.setattr("jixiao.services.evaluations.score_evaluation", refuse)
    monkeypatch.setattr("jixiao.services.results.score_evaluation", refuse)
    html = as_persona("finance").get("/projects/").content.decode()
    assert "教学楼维修改造项目" in html
    hotline = EvaluationResult.objects.get(project__name__startswith="12345")
    assert f">{hotline.total}<" in html
    key = as_persona("finance")
    from jixiao.services.tokens import token_create

    token = token_create(username="finance", password="jixiao-demo")
    listing = key.get("/api/v1/projects?order=score_desc",
                      HTTP_AUTHORIZATION=f"Bearer {token}").json()
    totals = [Decimal(i["total"]) for i in listing["items"] if i["total"] is not None]
    assert totals == sorted(totals, reverse=True) and len(listing["items"]) == 9
    item = next(i for i in listing["items"] if i["name"].startswith("12345"))
    assert (item["total"], item["grade"]) == (str(hotline.total), hotline.grade)


def test_list_queries_do_not_grow_with_the_projects(as_persona, projects, users):
    finance = as_persona("finance")
    finance.get("/projects/")  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        assert finance.get("/projects/").status_code == 200
    unit = projects["school"].unit
    Project.objects.bulk_create([Project(unit=unit, name=f"批量{i}", fiscal_year=2024,
                                         document=projects["school"].document)
                                 for i in range(30)])
    results_rescore()
    with CaptureQueriesContext(connection) as many:
        assert finance.get("/projects/").status_code == 200
    assert len(many) == len(few)


def test_list_filters_orders_and_pages(as_persona, projects):
    unit = projects["school"].unit
    Project.objects.bulk_create([Project(unit=unit, name=f"分页{i}", fiscal_year=2021,
                                         document=projects["school"].document)
                                 for i in range(60)])
    results_rescore(year=2021)
    finance = as_persona("finance")
    html = finance.get("/projects/?year=2021").content.decode()
    assert "共 60 个项目，第 1 / 2 页" in html
    assert "分页59" not in html or "分页0" not in html
    html2 = finance.get("/projects/?year=2021&page=2").content.decode()
    assert "第 2 / 2 页" in html2
    assert "政务服务" not in finance.get("/projects/?year=2021").content.decode().split(
        "<tbody>")[1]
    grade = EvaluationResult.objects.get(pk=projects["hotline"].pk).grade
    only = finance.get(f"/projects/?grade={grade}&year=2022").content.decode()
    assert "12345政务服务便民热线运行经费" in only
    # a unit sees only its own rows, whatever the filter
    unit2 = as_persona("unit2").get("/projects/?year=2021").content.decode()
    assert "分页" not in unit2


def test_rescore_rebuilds_rows_by_year_and_ruleset(projects):
    project = projects["hall"]
    document = dict(project.document)
    document["funds"] = {"total": {"full_year_budget": "100.00", "executed": "50.00"}}
    Project.objects.filter(pk=project.pk).update(document=document)  # bypasses the services
    stale = EvaluationResult.objects.get(pk=project.pk).execution_score
    assert results_rescore(year=2022).projects == Project.objects.filter(fiscal_year=2022).count()
    assert EvaluationResult.objects.get(pk=project.pk).execution_score == stale  # 2023: untouched
    seen: list[tuple[int, int]] = []
    report = results_rescore(ruleset="national-2020", progress=lambda d, t: seen.append((d, t)),
                             chunk=2)
    assert report.projects == 9 and seen[-1] == (9, 9) and len(seen) == 5
    row = EvaluationResult.objects.get(pk=project.pk)
    assert row.execution_score == Decimal("5.00") and row.execution_rate == Decimal("0.5000")
    assert results_rescore(ruleset="jiangxi").projects == 0
    with pytest.raises(KeyError):
        results_rescore(ruleset="nope")


def test_scoped_result_lists_match_scoped_projects(users):
    for name in ("unit1", "unit2", "dept", "finance"):
        actor = users[name]
        visible = set(evaluations.project_list(actor=actor).values_list("pk", flat=True))
        rows = set(evaluations.project_results(actor=actor).values_list("project_id", flat=True))
        assert rows == visible and rows


def test_rescore_keeps_the_columns_it_does_not_compute(projects):
    """Bulk re-scoring writes the latest 复核 from the recorded reviews (what review_save
    stored), so a missing row is made again with it (on PostgreSQL through COPY, where an
    unlisted NOT NULL column used to fail) and a value no review supports does not stay."""
    project, other = projects["baoshan"], projects["hotline"]
    before = EvaluationResult.objects.get(project=other)
    assert (before.review_total, before.review_grade) == (Decimal("92.00"), "优")  # demo
    EvaluationResult.objects.filter(project=project).update(review_total=Decimal("88.50"),
                                                            review_grade="良")
    EvaluationResult.objects.filter(project=other).delete()
    results_rescore()
    row = EvaluationResult.objects.get(project=project)
    assert (row.review_total, row.review_grade) == (None, "")
    again = EvaluationResult.objects.get(project=other)
    assert (again.review_total, again.review_grade) == (Decimal("92.00"), "优")
    assert again.total == live(other).total
