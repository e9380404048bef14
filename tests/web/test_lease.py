"""场地分摊 for the Baoshan rent project: the demo's lease, exact apportionment, findings,
and filling 年度资金总额 from the city's share."""

from __future__ import annotations

import pytest

from jixiao.persistence.models import FieldChange, Project, ProjectLease

pytestmark = pytest.mark.django_db


def test_demo_lease_apportionment_is_shown(as_persona, projects):
    html = as_persona("dept").get(f"/projects/{projects['baoshan'].pk}/lease/").content.decode()
    assert "永昌传媒中心2号楼" in html
    assert "8477.09" in html and "2,034,501.60" in html  # 市级 area and rent (CONTRACTS.md §3)
    assert "4,272,781.92 元" in html and "<td>租金</td>" in html  # separators, fee names in Chinese
    assert "sum-mismatch" in html  # stated 15415.38 vs floors 16184.78


def test_use_apportioned_amount_as_funds(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    response = unit1.post(f"/projects/{project.pk}/lease/apply/", {"payer": "市级"})
    assert response.status_code == 302
    total = Project.objects.get(pk=project.pk).document["funds"]["total"]
    assert total["full_year_budget"] == "2237951.76"  # rent 2,034,501.60 + fee 203,450.16
    assert FieldChange.objects.filter(project=project, label__contains="分摊：市级").exists()


def test_invalid_lease_is_not_saved(as_persona, projects):
    project = projects["baoshan"]
    before = ProjectLease.objects.get(project=project).text
    html = as_persona("unit1").post(f"/projects/{project.pk}/lease/save/",
                                    {"text": "format: jixiao.lease/1\npremises: x\n"},
                                    follow=True).content.decode()
    assert "分摊文件有误，未保存" in html
    assert ProjectLease.objects.get(project=project).text == before
