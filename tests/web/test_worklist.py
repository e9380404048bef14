"""待办 with counts in the navigation and in-app notifications (issue 11 deliverable 3)."""

from __future__ import annotations

import pytest

from jixiao.persistence.models import Notification, User

pytestmark = pytest.mark.django_db


def _queues(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    import re

    html = client.get("/worklist/").content.decode()
    cell = r'<a href="[^"]*">([^<]+)</a></td><td class="num">(?:<span class="flag">)?(\d+)'
    return dict(re.findall(cell, html))


def test_queues_per_role_match_the_data(as_persona, projects):
    dept = _queues(as_persona("dept"))
    assert dept["待审核"] == "1"  # the hall project
    assert dept["整改待确认"] == "1" and dept["逾期整改"] == "1"
    finance = _queues(as_persona("finance"))
    assert finance["待受理"] == "0" and finance["待公开"] == "1" and finance["超期未公开"] == "1"
    unit2 = _queues(as_persona("unit2"))
    assert unit2["退回待修改"] == "1" and unit2["逾期整改"] == "1"
    nav = as_persona("dept").get("/projects/").content.decode()
    assert "待办（3）" in nav  # 1 to review + 1 to confirm + 1 overdue (+0 target changes)
    assert as_persona("sysadmin").get("/worklist/").status_code == 403


def test_notifications_follow_state_changes(as_persona, projects, users):
    hall = projects["hall"]
    as_persona("dept").post(f"/projects/{hall.pk}/transition/",
                            {"action": "return", "comment": "请补充佐证"})
    note = Notification.objects.filter(user=users["unit1"]).first()
    assert note is not None and "被主管部门退回：请补充佐证" in note.text
    assert note.link == f"/projects/{hall.pk}/"
    page = as_persona("unit1").get("/notifications/").content.decode()
    assert "请补充佐证" in page and "[未读]" in page
    assert "通知（" in as_persona("unit1").get("/worklist/").content.decode()
    assert not Notification.objects.filter(user=users["unit2"], text__contains="请补充佐证")
    as_persona("unit1").post("/notifications/read/")
    assert not Notification.objects.filter(user=users["unit1"], read_at__isnull=True).exists()


def test_spot_check_and_rectification_notify_the_unit(as_persona, users):
    import datetime as dt

    from jixiao.services.rectification import rectification_create
    from jixiao.services.review import spot_check_create

    spot_check_create(actor=users["finance"], fiscal_year=2022, size=3, seed="通知")
    texts = list(Notification.objects.filter(user=users["unit2"]).values_list("text", flat=True))
    assert any("被抽中 2022 年度财政抽查复核" in t for t in texts)
    hotline = User.objects.get(username="unit1").organisation.projects.get(name__startswith="12345")
    rectification_create(actor=users["finance"], project_id=hotline.pk, problem="台账不全",
                         deadline=dt.date.today() + dt.timedelta(days=5))
    assert Notification.objects.filter(user=users["unit1"], text__contains="台账不全").exists()


def test_a_regions_waiting_count_is_cached_small_scopes_are_not(users, monkeypatch):
    """Every page's 待办 link counted a region's queues afresh (0.15–0.4 s on 100,000
    projects for a finance user); from CACHE_FROM_ROWS projects on it is remembered for
    CACHE_SECONDS, below that (and for units and departments) it is always fresh."""
    from django.core.cache import cache

    from jixiao.persistence import selectors_results
    from jixiao.services import worklist

    cache.clear()
    calls: list[str] = []
    original = worklist.work_queues
    monkeypatch.setattr(worklist, "work_queues",
                        lambda *, actor: calls.append(actor.username) or original(actor=actor))
    for _ in range(2):
        worklist.work_waiting(actor=users["finance"])
        worklist.work_waiting(actor=users["dept"])
    assert calls == ["finance", "dept", "finance", "dept"]  # 9 projects: fresh each time
    monkeypatch.setattr(selectors_results, "CACHE_FROM_ROWS", 5)
    calls.clear()
    first = worklist.work_waiting(actor=users["finance"])
    assert worklist.work_waiting(actor=users["finance"]) == first
    worklist.work_waiting(actor=users["dept"])
    worklist.work_waiting(actor=users["dept"])
    assert calls == ["finance", "dept", "dept"]
    cache.clear()
