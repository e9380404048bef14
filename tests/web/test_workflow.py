"""The unit's year through the web pages: live score, field history, deviation reasons,
locking, and the workflow 提交 → 退回 → 再提交 → 审核通过 → 受理 with snapshot hashes."""

from __future__ import annotations

import re

import pytest

from jixiao.persistence.mappers import evaluation_document, snapshot_sha256
from jixiao.persistence.models import AuditEvent, FieldChange, Project, Transition

pytestmark = pytest.mark.django_db


def total_of(html: str) -> str:
    match = re.search(r'id="total-score">([^<]*)<', html)
    assert match, "no total score on the page"
    return match.group(1)


def edit(client, project, path, value):  # type: ignore[no-untyped-def]
    return client.post(f"/projects/{project.pk}/field/", {"path": path, "value": value},
                       HTTP_HX_REQUEST="true")


def test_unit1_sees_baoshan_score_and_findings(as_persona, projects):
    page = as_persona("unit1").get(f"/projects/{projects['baoshan'].pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "房租及物业补助经费项目" in html
    assert re.fullmatch(r"\d+\.\d\d", total_of(html))
    assert "核查发现" in html


def test_editing_an_actual_changes_the_live_score_and_is_recorded(as_persona, projects, users):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    before = total_of(unit1.get(f"/projects/{project.pk}/").content.decode())
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") in (">=", ">"))
    old = project.document["indicators"][index]["actual"]
    target = project.document["indicators"][index]["target"]
    response = edit(unit1, project, f"indicators.{index}.actual", str(int(float(target) / 2)))
    assert response.status_code == 200
    after = total_of(response.content.decode())
    assert after != before
    assert float(after) < float(before)
    change = FieldChange.objects.get(project=project, path__startswith="indicators")
    assert change.path == f"indicators.{index}.actual"
    assert (change.old_value, change.actor) == (str(old), users["unit1"])
    assert "实际完成值" in change.label
    history = unit1.get(f"/projects/{project.pk}/history/").content.decode()
    assert change.label in history and str(old) in history


def test_a_score_below_weight_demands_a_deviation_reason_before_submission(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") in (">=", ">"))
    html = edit(unit1, project, f"indicators.{index}.actual", "1").content.decode()
    assert "deviation-reason-missing" in html
    assert f'id="ind-flag-{index}"' in html and "须填写偏差原因" in html
    refused = unit1.post(f"/projects/{project.pk}/transition/", {"action": "submit"}, follow=True)
    assert "不能提交" in refused.content.decode()
    assert Project.objects.get(pk=project.pk).state == Project.State.DRAFT
    edit(unit1, project, f"indicators.{index}.deviation_reason", "租赁面积调整，已重新签约。")
    unit1.post(f"/projects/{project.pk}/transition/", {"action": "submit"})
    assert Project.objects.get(pk=project.pk).state == Project.State.SUBMITTED


def test_invalid_number_is_refused_with_a_chinese_field_error(as_persona, projects):
    project = projects["baoshan"]
    response = edit(as_persona("unit1"), project, "indicators.0.actual", "很多")
    assert response.status_code == 422
    assert "不是数字" in response.content.decode()
    assert response["HX-Retarget"] == "#err-indicators-0-actual"
    assert not FieldChange.objects.filter(project=project, path__startswith="indicators").exists()


def test_submit_return_resubmit_approve_accept(as_persona, projects):
    unit1, dept, finance = as_persona("unit1"), as_persona("dept"), as_persona("finance")
    project = projects["baoshan"]
    url = f"/projects/{project.pk}/transition/"

    unit1.post(url, {"action": "submit"})
    project.refresh_from_db()
    assert project.state == Project.State.SUBMITTED
    # Locked: the unit can no longer edit.
    assert edit(unit1, project, "goals.actual", "改").status_code == 409
    submitted = Transition.objects.filter(project=project).last()
    assert submitted.snapshot_sha256 == snapshot_sha256(evaluation_document(project))

    # Returning needs a comment.
    dept.post(url, {"action": "return", "comment": "  "})
    project.refresh_from_db()
    assert project.state == Project.State.SUBMITTED
    dept.post(url, {"action": "return", "comment": "请补充<b>租金</b>说明"})
    project.refresh_from_db()
    assert project.state == Project.State.RETURNED
    page = unit1.get(f"/projects/{project.pk}/").content.decode()
    assert "请补充&lt;b&gt;租金&lt;/b&gt;说明" in page

    assert edit(unit1, project, "goals.actual", "已补充说明。").status_code == 200
    unit1.post(url, {"action": "submit"})
    dept.post(url, {"action": "approve", "comment": "同意"})
    finance.post(url, {"action": "accept"})
    project.refresh_from_db()
    assert project.state == Project.State.ACCEPTED
    steps = list(Transition.objects.filter(project=project).values_list("action", "actor__username"))
    assert steps == [("submit", "unit1"), ("return", "dept"), ("submit", "unit1"),
                     ("approve", "dept"), ("accept", "finance")]
    hashes = list(Transition.objects.filter(project=project).values_list("snapshot_sha256", flat=True))
    assert hashes[0] != hashes[2], "the resubmitted snapshot differs from the first"
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    kinds = set(AuditEvent.objects.filter(kind__startswith="workflow_").values_list("kind", flat=True))
    assert {"workflow_submit", "workflow_return", "workflow_approve", "workflow_accept"} <= kinds


def test_wrong_role_or_state_cannot_move_the_workflow(as_persona, projects):
    hall = projects["hall"]  # submitted
    assert as_persona("unit1").post(f"/projects/{hall.pk}/transition/",
                                     {"action": "approve"}).status_code == 403
    assert as_persona("finance").post(f"/projects/{hall.pk}/transition/",
                                       {"action": "accept"}).status_code == 302
    hall.refresh_from_db()
    assert hall.state == Project.State.SUBMITTED


def test_export_then_import_round_trip(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    exported = unit1.get(f"/projects/{project.pk}/export/")
    assert exported.status_code == 200
    text = exported.content.decode().replace("房租", "房租")  # unchanged content
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("e.yaml", text.encode("utf-8"))
    unit1.post(f"/projects/{project.pk}/import/", {"file": upload})
    assert FieldChange.objects.filter(project=project, path="*").exists()
    broken = SimpleUploadedFile("e.yaml", b"format: jixiao.evaluation/1\nindicators: []\n")
    before = Project.objects.get(pk=project.pk).document
    page = unit1.post(f"/projects/{project.pk}/import/", {"file": broken}, follow=True)
    assert "未导入任何数据" in page.content.decode()
    assert Project.objects.get(pk=project.pk).document == before


@pytest.mark.parametrize("kind, fmt, magic", [("table", "xlsx", b"PK"), ("report", "docx", b"PK"),
                                              ("report", "pdf", b"%PDF")])
def test_documents_download_for_those_who_may_see(as_persona, projects, kind, fmt, magic):
    url = f"/projects/{projects['baoshan'].pk}/document/?kind={kind}&format={fmt}"
    response = as_persona("dept").get(url)
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment;" in response["Content-Disposition"]
    assert as_persona("unit2").get(url).status_code == 404


def test_submission_runs_the_figure_audit_and_stores_it(as_persona, projects):
    project = projects["baoshan"]
    as_persona("unit1").post(f"/projects/{project.pk}/transition/", {"action": "submit"})
    transition = Transition.objects.filter(project=project, action="submit").get()
    assert isinstance(transition.audit_findings, list)
    assert all({"code", "severity", "message"} <= set(f) for f in transition.audit_findings)
    assert not any(f["code"] == "audit-unavailable" for f in transition.audit_findings)
    page = as_persona("dept").get(f"/projects/{project.pk}/").content.decode()
    assert "提交时的报告数字核查" in page


def test_over_completion_demands_an_explanation(as_persona, projects):
    """RULES.md §3.6 / §10 A6: actual ≥ 130 % of target → explain before submitting."""
    unit1, project = as_persona("unit1"), projects["baoshan"]
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") in (">=", ">") and float(ind["target"]) > 0)
    target = float(project.document["indicators"][index]["target"])
    html = edit(unit1, project, f"indicators.{index}.actual", str(int(target * 2))).content.decode()
    assert "over-completion" in html and "须填写偏差原因" in html
    refused = unit1.post(f"/projects/{project.pk}/transition/", {"action": "submit"}, follow=True)
    assert "不能提交" in refused.content.decode()
    edit(unit1, project, f"indicators.{index}.deviation_reason", "年初指标值定得偏低，次年调整。")
    unit1.post(f"/projects/{project.pk}/transition/", {"action": "submit"})
    assert Project.objects.get(pk=project.pk).state == Project.State.SUBMITTED


def test_manual_score_override_needs_a_reason(as_persona, projects):
    """RULES.md §10 A7: the system computes the score; a manual change needs a reason."""
    unit1, project = as_persona("unit1"), projects["baoshan"]
    index = next(i for i, ind in enumerate(project.document["indicators"])
                 if ind.get("operator") != "qualitative")
    html = edit(unit1, project, f"indicators.{index}.score", "1").content.decode()
    assert "override-reason-missing" in html
    page = unit1.get(f"/projects/{project.pk}/").content.decode()
    assert f'data-path="indicators.{index}.override_reason"' in page and "（必填）" in page
    refused = unit1.post(f"/projects/{project.pk}/transition/", {"action": "submit"}, follow=True)
    assert "不能提交" in refused.content.decode()
