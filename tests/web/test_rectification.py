"""结果应用 and 问题整改 / 跟踪检查 (issue 11 deliverable 6)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client

from jixiao.persistence.models import AuditEvent, Rectification, SpotCheckItem

pytestmark = pytest.mark.django_db


def _token(username: str) -> dict[str, str]:
    key = Client().post("/api/v1/auth/token", {"username": username, "password": "jixiao-demo"},
                        content_type="application/json").json()["token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_application_list_has_the_figures_and_no_cut_amount(projects, as_persona):
    items = Client().get("/api/v1/result-application", **_token("finance")).json()["items"]
    by_id = {i["project"]: i for i in items}
    accepted = {projects[k].pk for k in ("hotline", "witness", "experts", "ca")}
    assert set(by_id) == accepted
    experts = by_id[projects["experts"].pk]
    funds = projects["experts"].document["funds"]["total"]
    assert Decimal(experts["budget"]) == Decimal(funds["full_year_budget"])
    assert Decimal(experts["executed"]) == Decimal(funds["executed"])
    assert experts["execution_rate"] == "72.00"
    assert experts["treatment"] == "support" and experts["self_grade"] == "优"
    # figures only: no reduction amount or ratio is invented (RULES.md §8)
    assert set(experts) == {"project", "project_name", "fiscal_year", "unit", "department",
                            "budget", "executed", "execution_rate", "self_total", "self_grade",
                            "review_total", "review_grade", "treatment", "treatment_label",
                            "open_rectifications", "overdue_rectifications"}
    page = as_persona("finance").get("/results/").content.decode()
    assert "规则没有给出得分到削减额的换算公式" in page and "予以支持" in page
    for persona in ("unit1", "dept"):
        assert as_persona(persona).get("/results/").status_code == 403


def test_review_grade_decides_and_poor_grades_become_candidates(projects):
    finance = _token("finance")
    check = Client().post("/api/v1/spot-checks", {"fiscal_year": 2022, "size": 3, "seed": "z"},
                          content_type="application/json", **finance).json()
    item = SpotCheckItem.objects.get(spot_check_id=check["id"], project=projects["experts"])
    Client().post(f"/api/v1/spot-checks/items/{item.pk}/review",
                  {"scores": {"0": "5", "1": "5", "2": "10"},
                   "reasons": {"0": "虚报", "1": "延期", "2": "未开展"}},
                  content_type="application/json", **finance)
    items = Client().get("/api/v1/result-application?year=2022", **finance).json()["items"]
    row = next(i for i in items if i["project"] == projects["experts"].pk)
    assert row["self_grade"] == "优" and row["review_grade"] in ("中", "差")
    assert row["treatment"] == "candidate_cut"
    assert items[0]["project"] == projects["experts"].pk  # candidates listed first


def test_xlsx_export_matches_the_list(as_persona):
    from openpyxl import load_workbook

    response = as_persona("finance").get("/results/?format=xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    items = Client().get("/api/v1/result-application", **_token("finance")).json()["items"]
    assert rows[0][:3] == ("年度", "项目", "实施单位") and len(rows) - 1 == len(items)
    first = {r[1]: r for r in rows[1:]}
    for item in items:
        assert Decimal(str(first[item["project_name"]][4])) == Decimal(item["budget"])


def test_rectification_from_creation_to_confirmation(projects, as_persona):
    deadline = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    project = projects["hotline"]
    finance = as_persona("finance")
    finance.post("/rectifications/", {"project": project.pk, "problem": "满意度调查样本不足",
                                      "deadline": deadline})
    rect = Rectification.objects.get(problem="满意度调查样本不足")
    assert rect.owner_unit == project.unit and rect.status == "open"
    url = f"/rectifications/{rect.pk}/"
    assert as_persona("unit2").get(url).status_code == 404
    assert as_persona("sysadmin").get(url).status_code == 404
    assert as_persona("dept").post(url, {"action": "report", "text": "x"}).status_code == 403
    unit1 = as_persona("unit1")
    empty = unit1.post(url, {"action": "report", "text": ""}, follow=True).content.decode()
    assert "请写明整改情况及佐证" in empty
    unit1.post(url, {"action": "report", "text": "补充调查 300 份"})
    dept = as_persona("dept")
    assert "请写明退回理由" in dept.post(url, {"action": "return"}, follow=True).content.decode()
    dept.post(url, {"action": "return", "text": "缺调查问卷原件"})
    rect.refresh_from_db()
    assert rect.status == "open"
    unit1.post(url, {"action": "report", "text": "补充调查 300 份，附问卷原件扫描件"})
    assert as_persona("finance").post(url, {"action": "confirm"}).status_code == 403
    dept.post(url, {"action": "confirm", "text": "确认"})
    rect.refresh_from_db()
    assert rect.status == "confirmed" and rect.confirmed_by.username == "dept"
    assert rect.evidence == "补充调查 300 份，附问卷原件扫描件"
    assert [s.action for s in rect.steps.all()] == ["create", "report", "return", "report",
                                                    "confirm"]
    page = unit1.get(url).content.decode()
    assert "确认整改到位" in page and "缺调查问卷原件" in page
    again = dept.post(url, {"action": "confirm"}, follow=True).content.decode()
    assert "不能确认整改到位" in again
    assert AuditEvent.objects.filter(kind="rectification_confirm").exists()


def test_bad_deadline_and_problem_are_refused(projects, as_persona):
    page = as_persona("finance").post("/rectifications/", {"project": projects["hotline"].pk,
                                                           "problem": "", "deadline": "2000-01-01"},
                                      follow=True).content.decode()
    assert "请填写存在的问题" in page and "整改期限不能早于今天" in page


def test_overdue_is_flagged_in_the_tracking_view(as_persona):
    late = Rectification.objects.get(problem__startswith="预算执行率 72%")
    for persona in ("finance", "dept", "unit2"):
        page = as_persona(persona).get("/rectifications/").content.decode()
        assert "已逾期" in page and late.problem[:20] in page
    assert "已逾期" not in as_persona("unit1").get("/rectifications/").content.decode()
    only = as_persona("finance").get("/rectifications/?overdue=1").content.decode()
    assert late.problem[:20] in only and "见证资料归档清单" not in only
    api = Client().get("/api/v1/rectifications?overdue=true", **_token("dept")).json()
    assert [i["id"] for i in api["items"]] == [late.pk] and api["items"][0]["overdue"] is True
    listing = as_persona("finance").get("/results/").content.decode()
    assert "1 项逾期" in listing
