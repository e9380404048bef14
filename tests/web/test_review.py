"""抽查, 复核 and 重点评价 (issue 11 deliverable 5, CONTRACTS.md §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from jixiao.persistence.models import AuditEvent, KeyEvaluation, Review, SpotCheck, SpotCheckItem

pytestmark = pytest.mark.django_db


def _token(username: str) -> dict[str, str]:
    key = Client().post("/api/v1/auth/token", {"username": username, "password": "jixiao-demo"},
                        content_type="application/json").json()["token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _create(persona: str, **body):  # type: ignore[no-untyped-def]
    return Client().post("/api/v1/spot-checks", body, content_type="application/json",
                         **_token(persona))


def test_finance_draws_a_recorded_reproducible_sample(projects):
    first = _create("finance", fiscal_year=2022, size=2, seed="复现-1")
    assert first.status_code == 201
    body = first.json()
    assert {"id", "seed", "projects"} <= set(body) and body["seed"] == "复现-1"
    accepted_2022 = {projects[k].pk for k in ("hotline", "witness", "experts")}
    assert len(body["projects"]) == 2 and set(body["projects"]) <= accepted_2022
    again = _create("finance", fiscal_year=2022, size=2, seed="复现-1").json()
    assert again["projects"] == body["projects"] and again["id"] != body["id"]
    stored = SpotCheck.objects.get(pk=body["id"])
    assert stored.seed == "复现-1" and sorted(stored.population) == sorted(accepted_2022)
    assert AuditEvent.objects.filter(kind="spot_check_created").exists()
    # no seed given: a random one is made and stored
    random_seed = _create("finance", fiscal_year=2022, size=1).json()
    assert random_seed["seed"] and SpotCheck.objects.get(pk=random_seed["id"]).seed == \
        random_seed["seed"]


@pytest.mark.parametrize("persona", ["unit1", "unit2", "dept", "sysadmin", "secadmin",
                                     "auditadmin"])
def test_others_get_404(persona):
    response = _create(persona, fiscal_year=2022, size=2, seed="x")
    assert response.status_code == 404 and response.json()["status"] == 404
    assert not SpotCheck.objects.filter(seed="x").exists()


def test_bad_requests_are_explained():
    empty_year = _create("finance", fiscal_year=2031, size=2).json()
    assert empty_year["status"] == 422 and "没有" in empty_year["error"]
    bad = _create("finance", fiscal_year=2022, size=0).json()
    assert bad["status"] == 422 and bad["errors"][0]["field"] == "size"


def _item(project) -> SpotCheckItem:  # type: ignore[no-untyped-def]
    check = _create("finance", fiscal_year=2022, size=3, seed="全部").json()
    return SpotCheckItem.objects.get(spot_check_id=check["id"], project=project)


def test_rescoring_beside_self_score_with_reasons_and_flags(projects, as_persona):
    item = _item(projects["witness"])
    finance = as_persona("finance")
    page = finance.get(f"/spot-checks/items/{item.pk}/review/").content.decode()
    assert "见证交易项目数" in page and "自评得分" in page
    # a different score without a reason is refused, nothing saved
    refused = finance.post(f"/spot-checks/items/{item.pk}/review/", {"score-0": "18"},
                           follow=True).content.decode()
    assert "复核得分与自评不同，请写明理由" in refused and not Review.objects.filter(item=item)
    too_high = finance.post(f"/spot-checks/items/{item.pk}/review/",
                            {"score-0": "26", "reason-0": "x"}, follow=True).content.decode()
    assert "应在 0–25 之间" in too_high
    saved = finance.post(f"/spot-checks/items/{item.pk}/review/",
                         {"score-0": "18", "reason-0": "见证记录缺 80 份", "score-2": ""},
                         follow=True).content.decode()
    review = Review.objects.get(item=item)
    assert review.review_total == review.self_total - 7
    assert any("相差 7" in f for f in review.flags)
    assert "复核已保存" in saved and "相差 7" in saved
    scores = {s.indicator_index: s for s in review.scores.all()}
    assert scores[0].self_score == 25 and scores[0].review_score == 18
    assert scores[0].reason == "见证记录缺 80 份" and scores[1].review_score == scores[1].self_score
    detail = finance.get(f"/spot-checks/{item.spot_check_id}/").content.decode()
    assert str(review.review_total) in detail and "相差 7" in detail


def test_rescoring_via_api_and_grade_change(projects):
    item = _item(projects["experts"])
    answer = Client().post(f"/api/v1/spot-checks/items/{item.pk}/review",
                           {"scores": {"0": "20", "2": "25"},
                            "reasons": {"0": "人次虚报", "2": "部分评标延期"}},
                           content_type="application/json", **_token("finance")).json()
    assert answer["ok"] is True
    assert answer["self_grade"] != answer["review_grade"] or answer["flags"]
    assert any("等级由" in f or "相差" in f for f in answer["flags"])
    other = Client().post(f"/api/v1/spot-checks/items/{item.pk}/review", {"scores": {}},
                          content_type="application/json", **_token("dept"))
    assert other.status_code == 404


def test_key_evaluation_assignment(projects, as_persona):
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    project = projects["witness"]
    missing = as_persona("finance").post(f"/projects/{project.pk}/key-evaluation/",
                                         {"evaluator": "", "kind": "x"}, follow=True)
    assert "请填写评价人" in missing.content.decode()
    as_persona("finance").post(f"/projects/{project.pk}/key-evaluation/",
                               {"evaluator": "某会计师事务所", "kind": "third_party",
                                "deadline": deadline})
    key = KeyEvaluation.objects.get(project=project, evaluator="某会计师事务所")
    assert key.deadline.isoformat() == deadline and key.get_kind_display() == "第三方机构"
    listing = as_persona("finance").get("/spot-checks/").content.decode()
    assert "某会计师事务所" in listing
    api = Client().post(f"/api/v1/projects/{project.pk}/key-evaluations",
                        {"evaluator": "财政局评价组", "kind": "in_house", "deadline": deadline},
                        content_type="application/json", **_token("finance"))
    assert api.status_code == 201 and api.json()["kind"] == "in_house"


def test_demo_has_a_spot_check_with_a_flagged_review():
    check = SpotCheck.objects.get(seed="baoshan-2022")
    assert check.items.count() == 2
    assert Review.objects.filter(item__spot_check=check).exclude(flags=[]).exists()
