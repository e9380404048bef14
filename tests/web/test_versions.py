"""Optimistic concurrency, CONTRACTS.md §7 (issue 9, seen item 2): a project `version` that
grows with every change; stale API writes get 409 in the error shape and nothing is written;
pages send the version they were rendered from and show a Chinese conflict notice that
offers to reload; a reviewer's 审核通过 on an old page is refused after a resubmission.

Runs on SQLite and again on PostgreSQL (test_postgres.py)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from web.test_api import assert_error_shape, bearer, token

pytestmark = pytest.mark.django_db

ACTUAL = "indicators.0.actual"
REASON = "indicators.0.deviation_reason"


def _api(username: str) -> tuple[Client, dict[str, str]]:
    client = Client()
    return client, bearer(token(client, username).json()["token"])


def _page_version(html: str) -> int:
    match = re.search(r'id="project-version" data-version="(\d+)"', html)
    assert match, "the page carries the version it was rendered from"
    return int(match.group(1))


def test_api_detail_has_a_version_that_grows_with_every_change(projects):
    client, auth = _api("unit1")
    pk = projects["baoshan"].pk
    before = client.get(f"/api/v1/projects/{pk}", **auth).json()["version"]
    assert isinstance(before, int)
    answer = client.post(f"/api/v1/projects/{pk}/fields", {"path": REASON, "value": "原因一"},
                         content_type="application/json", **auth)
    assert answer.status_code == 200 and answer.json()["version"] == before + 1
    answer = client.post(f"/api/v1/projects/{pk}/fields",
                         {"path": REASON, "value": "原因二", "version": before + 1},
                         content_type="application/json", **auth)
    assert answer.status_code == 200 and answer.json()["version"] == before + 2
    assert client.get(f"/api/v1/projects/{pk}", **auth).json()["version"] == before + 2


def test_api_stale_edit_is_refused_and_nothing_written(projects):
    from jixiao.persistence.models import FieldChange, Project

    pk = projects["baoshan"].pk
    a, auth_a = _api("unit1")
    b, auth_b = _api("unit1")
    seen = a.get(f"/api/v1/projects/{pk}", **auth_a).json()["version"]        # A reads
    ok = b.post(f"/api/v1/projects/{pk}/fields", {"path": ACTUAL, "value": "5000", "version": seen},
                content_type="application/json", **auth_b)                      # B saves
    assert ok.status_code == 200
    changes = FieldChange.objects.filter(project_id=pk).count()
    stale = a.post(f"/api/v1/projects/{pk}/fields", {"path": ACTUAL, "value": "1", "version": seen},
                   content_type="application/json", **auth_a)                   # A saves, old copy
    body = assert_error_shape(stale, 409)
    assert "已被他人修改" in body["error"] and body["errors"][0]["field"] == "version"
    project = Project.objects.get(pk=pk)
    assert project.document["indicators"][0]["actual"] == "5000"  # B's value survives
    assert project.version == seen + 1
    assert FieldChange.objects.filter(project_id=pk).count() == changes


def test_api_stale_transition_is_refused(projects):
    from jixiao.persistence.models import Project, Transition

    hall = projects["hall"]  # submitted
    client, auth = _api("dept")
    seen = client.get(f"/api/v1/projects/{hall.pk}", **auth).json()["version"]
    Project.objects.filter(pk=hall.pk).update(version=seen + 1)  # someone changed it meanwhile
    stale = client.post(f"/api/v1/projects/{hall.pk}/transitions",
                        {"action": "approve", "version": seen},
                        content_type="application/json", **auth)
    assert_error_shape(stale, 409)
    assert not Transition.objects.filter(project=hall, action="approve").exists()
    fresh = client.post(f"/api/v1/projects/{hall.pk}/transitions",
                        {"action": "approve", "version": seen + 1},
                        content_type="application/json", **auth)
    assert fresh.status_code == 200
    assert fresh.json()["state"] == "approved" and fresh.json()["version"] == seen + 2


def test_web_stale_edit_shows_a_conflict_and_does_not_overwrite(as_persona, projects):
    from jixiao.persistence.models import Project

    pk = projects["baoshan"].pk
    a, b = as_persona("unit1"), as_persona("unit1")
    seen = _page_version(a.get(f"/projects/{pk}/").content.decode())           # A opens the page
    page_b = _page_version(b.get(f"/projects/{pk}/").content.decode())
    saved = b.post(f"/projects/{pk}/field/", {"path": ACTUAL, "value": "5000", "version": page_b},
                   HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and saved["X-Project-Version"] == str(seen + 1)
    stale = a.post(f"/projects/{pk}/field/", {"path": ACTUAL, "value": "1", "version": seen},
                   HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    assert stale["HX-Retarget"] == "#page-alert"
    text = stale.content.decode()
    assert "已被他人修改" in text and "重新加载页面" in text
    assert Project.objects.get(pk=pk).document["indicators"][0]["actual"] == "5000"


def test_web_own_successive_saves_do_not_conflict(as_persona, projects):
    pk = projects["baoshan"].pk
    client = as_persona("unit1")
    version = _page_version(client.get(f"/projects/{pk}/").content.decode())
    for value in ("原因一", "原因二", "原因三"):
        answer = client.post(f"/projects/{pk}/field/",
                             {"path": REASON, "value": value, "version": version},
                             HTTP_HX_REQUEST="true")
        assert answer.status_code == 200, answer.content.decode()[:300]
        version = int(answer["X-Project-Version"])  # what app.js keeps for the next save


def test_reviewer_approval_on_an_old_page_is_refused_after_resubmission(as_persona, projects):
    """Seen: 审核通过 clicked on an old page approved a later resubmission the reviewer never saw."""
    from jixiao.persistence.models import Project, Transition

    hall = projects["hall"]  # submitted by unit1
    reviewer, colleague, unit = as_persona("dept"), as_persona("dept"), as_persona("unit1")
    old_page = reviewer.get(f"/projects/{hall.pk}/").content.decode()
    seen = _page_version(old_page)
    assert f'name="version" value="{seen}"' in old_page  # the approve form carries it
    # meanwhile: returned by a colleague, changed and resubmitted by the unit
    assert colleague.post(f"/projects/{hall.pk}/transition/",
                          {"action": "return", "comment": "请补充", "version": seen}).status_code == 302
    unit.post(f"/projects/{hall.pk}/field/", {"path": "goals.actual", "value": "补充后的完成情况"},
              HTTP_HX_REQUEST="true")
    assert unit.post(f"/projects/{hall.pk}/transition/", {"action": "submit"}).status_code == 302
    hall.refresh_from_db()
    assert hall.state == Project.State.SUBMITTED and hall.version > seen
    answer = reviewer.post(f"/projects/{hall.pk}/transition/",
                           {"action": "approve", "version": seen}, follow=True)
    assert "已被他人修改" in answer.content.decode()
    hall.refresh_from_db()
    assert hall.state == Project.State.SUBMITTED
    assert not Transition.objects.filter(project=hall, action="approve").exists()


@pytest.mark.parametrize("url, data", [
    ("/projects/{pk}/targets/add/", {"name": "新指标"}),
    ("/projects/{pk}/monitoring/save/", {"as_of": "2022-07-31", "executed": "1000"}),
    ("/projects/{pk}/ledger/line/", {"code": "L9", "name": "测试", "amount": "100"}),
])
def test_every_versioned_form_refuses_a_stale_page(as_persona, projects, url, data):
    from jixiao.persistence.models import Project

    pk = projects["baoshan"].pk
    before = Project.objects.get(pk=pk)
    answer = as_persona("unit1").post(url.format(pk=pk), dict(data, version=before.version - 1),
                                      follow=True)
    assert "已被他人修改" in answer.content.decode()
    after = Project.objects.get(pk=pk)
    assert after.version == before.version and after.document == before.document
    fresh = as_persona("unit1").post(url.format(pk=pk), dict(data, version=before.version),
                                     follow=True)
    assert "已被他人修改" not in fresh.content.decode()
    assert Project.objects.get(pk=pk).version > before.version
