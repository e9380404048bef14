"""Project registry, target declaration from the indicator library, live weight validation."""

from __future__ import annotations

import re

import pytest

from jixiao.persistence.library_seed import DEFAULT_LIBRARY
from jixiao.persistence.models import FieldChange, LibraryIndicator, Project

pytestmark = pytest.mark.django_db


def weights_status(html: str) -> str:
    return re.search(r'id="weights-status">([^<]*)<', html).group(1)


def test_library_is_seeded_by_migration_with_the_baoshan_indicators():
    assert LibraryIndicator.objects.count() == len(DEFAULT_LIBRARY)
    baoshan = set(LibraryIndicator.objects.filter(project_type="房租物业").values_list("name", flat=True))
    assert {"行政审批服务办公场所面积", "房租及物业费支出", "服务对象满意度"} <= baoshan


def test_declare_targets_from_the_library_with_live_weight_check(as_persona):
    unit1 = as_persona("unit1")
    response = unit1.post("/projects/new/", {"name": "2024年政务大厅改造", "fiscal_year": "2024"})
    project = Project.objects.get(name="2024年政务大厅改造")
    assert response["Location"] == f"/projects/{project.pk}/targets/"
    page = unit1.get(f"/projects/{project.pk}/targets/").content.decode()
    assert "✗" in weights_status(page)

    general = LibraryIndicator.objects.filter(project_type="通用").order_by("id")
    for entry in general:
        unit1.post(f"/projects/{project.pk}/targets/add/", {"library": entry.pk})
    project.refresh_from_db()
    assert len(project.document["indicators"]) == general.count()
    page = unit1.get(f"/projects/{project.pk}/targets/").content.decode()
    assert weights_status(page) == "✓ 分值正确"  # the 通用 set adds up to 50/30/10

    # Live: raise one weight → the panel (htmx answer) reports the mismatch at once.
    answer = unit1.post(f"/projects/{project.pk}/targets/field/",
                        {"path": "indicators.0.weight", "value": "20"}).content.decode()
    assert "✗" in weights_status(answer)
    assert re.search(r'id="weight-total">95<', answer)
    change = FieldChange.objects.filter(project=project, path="indicators.0.weight").get()
    assert (change.old_value, change.new_value) == ("15", "20")


@pytest.mark.parametrize("path, value, message", [
    ("indicators.0.operator", "约等于", "未知的指标性质"),
    ("indicators.0.weight", "十", "不是有效的数值"),
    ("indicators.0.weight", "150", "0–100"),
    ("indicators.0.category", "其他指标", "可用"),
    ("indicators.0.subcategory", "社会效益指标", "可用"),
    ("indicators.0.actual", "5", "不可编辑"),
])
def test_declared_fields_are_validated_in_chinese(as_persona, projects, path, value, message):
    response = as_persona("unit1").post(f"/projects/{projects['baoshan'].pk}/targets/field/",
                                        {"path": path, "value": value})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_remove_and_free_indicator(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    count = len(project.document["indicators"])
    unit1.post(f"/projects/{project.pk}/targets/add/", {"name": "自定义<指标>"})
    project.refresh_from_db()
    assert project.document["indicators"][-1]["name"] == "自定义<指标>"
    unit1.post(f"/projects/{project.pk}/targets/remove/", {"index": str(count)})
    project.refresh_from_db()
    assert len(project.document["indicators"]) == count
    page = unit1.get(f"/projects/{project.pk}/history/").content.decode()
    assert "删除指标「自定义&lt;指标&gt;」" in page


def test_locked_project_cannot_be_redeclared(as_persona, projects):
    hall = projects["hall"]  # submitted
    response = as_persona("unit1").post(f"/projects/{hall.pk}/targets/field/",
                                        {"path": "indicators.0.weight", "value": "1"})
    assert response.status_code == 409
