"""目标调整 under control (issue 11 deliverable 4). What was seen: a unit could lower a target
after the fact and gain full marks with no trace for the reviewer."""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.persistence.mappers import evaluation_document
from jixiao.persistence.models import AuditEvent, FieldChange, Project, TargetChange

pytestmark = pytest.mark.django_db


def _target_path(project: Project) -> tuple[int, str]:
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") in (">=", ">"))
    return index, f"indicators.{index}.target"


def test_after_approval_a_target_cannot_be_lowered_directly(as_persona, projects):
    project = projects["baoshan"]
    index, path = _target_path(project)
    original = project.document["indicators"][index]["target"]
    assert as_persona("unit1").post(f"/projects/{project.pk}/targets/approve/").status_code == 403
    as_persona("dept").post(f"/projects/{project.pk}/targets/approve/")
    response = as_persona("unit1").post(f"/projects/{project.pk}/targets/field/",
                                        {"path": path, "value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "目标调整申请" in response.content.decode()
    project.refresh_from_db()
    assert project.document["indicators"][index]["target"] == original
    # nor through a whole-file import
    document = evaluation_document(project)
    document["indicators"][index]["target"] = "1"
    upload = SimpleUploadedFile("e.yaml", yaml.safe_dump(document, allow_unicode=True).encode())
    page = as_persona("unit1").post(f"/projects/{project.pk}/import/", {"file": upload},
                                    follow=True).content.decode()
    assert "不能改动申报内容" in page
    project.refresh_from_db()
    assert project.document["indicators"][index]["target"] == original


def test_change_request_approved_with_history_and_reviewer_flag(as_persona, projects):
    project = projects["baoshan"]  # actual values are already entered
    index, path = _target_path(project)
    original = project.document["indicators"][index]["target"]
    as_persona("dept").post(f"/projects/{project.pk}/targets/approve/")
    unit1 = as_persona("unit1")
    missing = unit1.post(f"/projects/{project.pk}/targets/changes/",
                         {"index": index, "field": "target", "value": "1", "reason": ""},
                         follow=True).content.decode()
    assert "请写明调整理由" in missing
    unit1.post(f"/projects/{project.pk}/targets/changes/",
               {"index": index, "field": "target", "value": "1", "reason": "面积核减"})
    change = TargetChange.objects.get(project=project)
    assert change.status == "pending" and change.after_actuals is True
    assert change.old_value == original and change.new_value == "1"
    project.refresh_from_db()
    assert project.document["indicators"][index]["target"] == original  # not yet
    assert as_persona("finance").post(
        f"/projects/{project.pk}/targets/changes/{change.pk}/",
        {"decision": "approve"}).status_code == 403
    as_persona("dept").post(f"/projects/{project.pk}/targets/changes/{change.pk}/",
                            {"decision": "approve", "comment": "同意"})
    project.refresh_from_db()
    change.refresh_from_db()
    assert project.document["indicators"][index]["target"] == "1"
    assert change.status == "approved" and change.decided_by.username == "dept"
    history = FieldChange.objects.get(project=project, path=path)
    assert (history.old_value, history.new_value) == (original, "1")
    assert "目标调整（已批准" in history.label
    for reviewer in ("dept", "finance"):
        page = as_persona(reviewer).get(f"/projects/{project.pk}/").content.decode()
        assert "绩效目标在录入实际值之后经批准调整过" in page and f"{original} → 1" in page
    assert AuditEvent.objects.filter(kind="target_change_approved").exists()


def test_rejection_needs_a_reason_and_changes_nothing(as_persona, projects):
    project = projects["baoshan"]
    index, _ = _target_path(project)
    original = project.document["indicators"][index]["weight"]
    as_persona("dept").post(f"/projects/{project.pk}/targets/approve/")
    as_persona("unit1").post(f"/projects/{project.pk}/targets/changes/",
                             {"index": index, "field": "weight", "value": "1", "reason": "x"})
    change = TargetChange.objects.get(project=project)
    dept = as_persona("dept")
    page = dept.post(f"/projects/{project.pk}/targets/changes/{change.pk}/",
                     {"decision": "reject"}, follow=True).content.decode()
    assert "请写明不批准的理由" in page
    dept.post(f"/projects/{project.pk}/targets/changes/{change.pk}/",
              {"decision": "reject", "comment": "理由不充分"})
    change.refresh_from_db()
    project.refresh_from_db()
    assert change.status == "rejected"
    assert project.document["indicators"][index]["weight"] == original
    targets_page = as_persona("unit1").get(f"/projects/{project.pk}/targets/").content.decode()
    assert "未批准" in targets_page and "理由不充分" in targets_page
