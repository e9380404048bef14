"""Project registration with 项目编码 and budget, deleting a mistaken draft, and 撤回 before
the department opened the submission (issue 11 deliverable 1)."""

from __future__ import annotations

import pytest

from jixiao.persistence.models import AuditEvent, Project

pytestmark = pytest.mark.django_db


def test_registration_takes_code_and_budget(as_persona):
    unit1 = as_persona("unit1")
    unit1.post("/projects/new/", {"name": "档案数字化经费", "fiscal_year": "2024",
                                  "code": "53050024-0001", "budget": "1,250,000.50"})
    project = Project.objects.get(name="档案数字化经费")
    assert project.code == "53050024-0001"
    total = project.document["funds"]["total"]
    assert total["initial_budget"] == total["full_year_budget"] == "1250000.50"
    bad = unit1.post("/projects/new/", {"name": "另一个", "fiscal_year": "2024",
                                        "code": "53050024-0001", "budget": "约一百万"},
                     follow=True).content.decode()
    assert "已有项目编码「53050024-0001」" in bad and "不是有效的预算金额" in bad
    assert not Project.objects.filter(name="另一个").exists()
    assert "项目编码 53050024-0001" in unit1.get(f"/projects/{project.pk}/").content.decode()


def test_unit_deletes_its_own_mistaken_draft(as_persona, projects):
    unit1 = as_persona("unit1")
    unit1.post("/projects/new/", {"name": "误登记项目", "fiscal_year": "2024"})
    project = Project.objects.get(name="误登记项目")
    assert "删除此项目（误登记）" in unit1.get(f"/projects/{project.pk}/").content.decode()
    assert as_persona("unit2").post(f"/projects/{project.pk}/delete/").status_code == 404
    assert as_persona("dept").post(f"/projects/{project.pk}/delete/").status_code == 403
    unconfirmed = unit1.post(f"/projects/{project.pk}/delete/", follow=True).content.decode()
    assert "请确认删除" in unconfirmed and Project.objects.filter(pk=project.pk).exists()
    unit1.post(f"/projects/{project.pk}/delete/", {"confirm": "1"})
    assert not Project.objects.filter(pk=project.pk).exists()
    assert AuditEvent.objects.filter(kind="project_deleted").exists()
    # a project that was ever submitted cannot be deleted
    hall = projects["hall"]
    page = unit1.post(f"/projects/{hall.pk}/delete/", {"confirm": "1"},
                      follow=True).content.decode()
    assert "只能删除从未提交过的填报中项目" in page and Project.objects.filter(pk=hall.pk).exists()


def test_withdraw_until_the_department_opens_it(as_persona, projects):
    hall = projects["hall"]  # submitted, not yet opened by the department
    unit1 = as_persona("unit1")
    assert "主管部门尚未打开，可以撤回" in unit1.get(f"/projects/{hall.pk}/").content.decode()
    unit1.post(f"/projects/{hall.pk}/transition/", {"action": "withdraw"})
    hall.refresh_from_db()
    assert hall.state == "draft"
    unit1.post(f"/projects/{hall.pk}/transition/", {"action": "submit"})
    hall.refresh_from_db()
    assert hall.state == "submitted" and hall.department_opened_at is None
    as_persona("dept").get(f"/projects/{hall.pk}/")  # the department opens it
    hall.refresh_from_db()
    assert hall.department_opened_at is not None
    page = unit1.get(f"/projects/{hall.pk}/").content.decode()
    assert "不能撤回" in page and 'value="withdraw"' not in page
    refused = unit1.post(f"/projects/{hall.pk}/transition/", {"action": "withdraw"},
                         follow=True).content.decode()
    assert "主管部门已开始审核" in refused
    hall.refresh_from_db()
    assert hall.state == "submitted"


def test_unit_account_without_a_unit_cannot_register(users):
    """A 预算单位 account whose unit was never set (made outside the role form, which
    always sets one) is refused in plain words; it used to reach the database and fail
    there (NOT NULL constraint on the project's unit: an error page)."""
    from jixiao.persistence.models import User
    from jixiao.services.errors import Forbidden
    from jixiao.services.targets import project_create

    orphan = User.objects.create_user("orphan-unit", password="x", role=User.Role.UNIT)
    with pytest.raises(Forbidden, match="未关联预算单位"):
        project_create(actor=orphan, name="无单位项目", fiscal_year=2024)
    assert not Project.objects.filter(name="无单位项目").exists()
