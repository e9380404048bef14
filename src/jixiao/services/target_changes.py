"""绩效目标批复 and 目标调整: once the department has approved a project's targets, the unit
cannot edit a target or weight directly; it requests a 目标调整 with a reason, the department
approves or rejects it, and the field history shows both values and the approval. Reviewers
see a flag when a target changed after actual values had been entered (RULES.md: the score
compares actual with target, so a lowered target after the fact would buy full marks).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.mappers import snapshot_sha256
from jixiao.persistence.models import Project, TargetApproval, TargetChange, User
from jixiao.services.access import require_role, visible_project
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Forbidden, Invalid, NotFound
from jixiao.services.evaluations import EDITABLE_STATES, apply_change

#: Fields a 目标调整 may change.
CHANGEABLE = {"target": "指标值", "weight": "分值"}


def targets_locked(project: Project) -> bool:
    """Whether the project's targets are approved (direct edits refused)."""
    return psel.targets_approved(project)


def require_targets_open(project: Project) -> None:
    """Raise Conflict when the targets are approved (for the direct target edits)."""
    if targets_locked(project):
        raise Conflict("绩效目标已批复，修改指标值或分值须提交目标调整申请，经主管部门批准后生效")


def _declared(document: dict[str, Any]) -> dict[str, Any]:
    return {"goals": (document.get("goals") or {}).get("expected", ""),
            "indicators": [{k: v for k, v in row.items()
                            if k in ("category", "subcategory", "name", "operator", "target",
                                     "unit_of_measure", "weight")}
                           for row in document.get("indicators", [])]}


def require_same_targets(project: Project, document: dict[str, Any]) -> None:
    """After 绩效目标批复 a whole-file import may not change the declared targets (the
    indicators, their targets and weights): Invalid naming the first difference."""
    if not targets_locked(project):
        return
    before = _declared(project.document)["indicators"]
    after = _declared(document)["indicators"]
    if len(before) != len(after):
        raise Invalid("绩效目标已批复，导入的文件不能增删指标",
                      [{"field": "file", "message": f"原有 {len(before)} 个指标，文件中 {len(after)} 个"}])
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        for key in old.keys() | new.keys():
            if str(old.get(key, "")) != str(new.get(key, "")):
                raise Invalid("绩效目标已批复，导入的文件不能改动申报内容", [{
                    "field": f"indicators.{i}.{key}",
                    "message": f"第 {i + 1} 个指标「{old.get('name', '')}」的{key}由「{old.get(key, '')}」"
                               f"改为「{new.get(key, '')}」：请通过目标调整申请"}])


def targets_approve(*, actor: User, project_id: int, ip: str = "") -> TargetApproval:
    """绩效目标批复 by the project's department."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_role(actor, User.Role.DEPARTMENT)
        if targets_locked(project):
            raise Conflict("绩效目标已经批复")
        if not project.document.get("indicators"):
            raise Invalid("尚未申报绩效指标", [{"field": "indicators", "message": "没有指标可批复"}])
        approval = TargetApproval.objects.create(
            project=project, approved_by=actor, approved_at=timezone.now(),
            targets_sha256=snapshot_sha256(_declared(project.document)))
        audit_record(kind="targets_approved", actor=actor.username, ip=ip,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"sha256={approval.targets_sha256}")
    return approval


def _actuals_entered(document: dict[str, Any]) -> bool:
    return any(str(row.get("actual") or "").strip() or row.get("grade")
               for row in document.get("indicators", []))


def target_change_request(*, actor: User, project_id: int, index: int, field: str, value: str,
                          reason: str, ip: str = "") -> TargetChange:
    """The unit asks to change one indicator's target or weight, with a reason."""
    from jixiao.services.targets import normalise_declared

    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_role(actor, User.Role.UNIT)
        if project.unit_id != actor.organisation_id:
            raise Forbidden("只有本单位可以申请目标调整")
        if not targets_locked(project):
            raise Conflict("绩效目标尚未批复，可直接修改")
        indicators = project.document.get("indicators", [])
        errors = []
        if not 0 <= index < len(indicators):
            raise Invalid("指标不存在", [{"field": "index", "message": "请选择要调整的指标"}])
        if field not in CHANGEABLE:
            errors.append({"field": "field", "message": "只能调整指标值或分值"})
        reason = reason.strip()
        if not reason or len(reason) > 2000:
            errors.append({"field": "reason", "message": "请写明调整理由（最多 2000 字）"})
        if errors:
            raise Invalid("目标调整申请有误，未提交", errors)
        row = indicators[index]
        path = f"indicators.{index}.{field}"
        new = normalise_declared(field, value, row, path)
        old = str(row.get(field, ""))
        if new == old:
            raise Invalid("新值与原值相同", [{"field": "value", "message": "新值与原值相同"}])
        if project.target_changes.filter(path=path, status=TargetChange.Status.PENDING).exists():
            raise Conflict("该指标已有待审批的调整申请")
        change = TargetChange.objects.create(
            project=project, path=path,
            label=f"指标「{row.get('name', '')}」{CHANGEABLE[field]}", old_value=old[:300],
            new_value=new[:300], reason=reason, after_actuals=_actuals_entered(project.document),
            requested_by=actor, requested_at=timezone.now())
        from jixiao.services.worklist import notify_department

        notify_department(project.unit, f"目标调整待审批：「{project.name}」{change.label}",
                          reverse("project_targets", args=[project.pk]))
        audit_record(kind="target_change_requested", actor=actor.username, ip=ip,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"{change.label}：{old} → {new}；理由：{reason}"[:2000])
    return change


def target_change_decide(*, actor: User, project_id: int, change_id: int, approve: bool,
                         comment: str = "", ip: str = "") -> TargetChange:
    """The department approves (the new value is written, with field history) or rejects."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_role(actor, User.Role.DEPARTMENT)
        change = project.target_changes.select_for_update().filter(pk=change_id).first()
        if change is None:
            raise NotFound()
        if change.status != TargetChange.Status.PENDING:
            raise Conflict("该申请已经处理")
        comment = comment.strip()
        if not approve and not comment:
            raise Invalid("请写明不批准的理由", [{"field": "comment", "message": "不批准时必须写明理由"}])
        if approve:
            if project.state not in EDITABLE_STATES:
                raise Conflict("自评已提交，数据已锁定；退回后才能调整目标")
            index, field = change.path.split(".")[1:]
            document = dict(project.document)
            current = str(document["indicators"][int(index)].get(field, ""))
            if current != change.old_value:
                raise Conflict("该指标在申请后已有变化，请单位重新申请")
            apply_change(project, actor, document, ["indicators", int(index), field],
                         change.new_value, change.path,
                         f"目标调整（已批准，申请 {change.pk}）：{change.label}")
        change.status = (TargetChange.Status.APPROVED if approve
                         else TargetChange.Status.REJECTED)
        change.decided_by, change.decided_at = actor, timezone.now()
        change.decision_comment = comment[:2000]
        change.save()
        from jixiao.services.worklist import notify_unit

        notify_unit(project.unit_id, f"目标调整{change.get_status_display()}：「{project.name}」"
                    f"{change.label}", reverse("project_targets", args=[project.pk]))
        audit_record(kind="target_change_" + ("approved" if approve else "rejected"),
                     actor=actor.username, ip=ip, target=f"项目 {project.pk} {project.name}",
                     detail=f"申请 {change.pk} {change.label}：{change.old_value} → "
                            f"{change.new_value}")
    return change


def target_change_list(*, actor: User, project_id: int) -> QuerySet[TargetChange]:
    project = visible_project(actor, project_id)
    return project.target_changes.select_related("requested_by", "decided_by")


def changed_after_actuals(project: Project) -> list[TargetChange]:
    """Approved target changes requested after actual values were entered: the reviewer's
    flag."""
    return list(project.target_changes.filter(status=TargetChange.Status.APPROVED,
                                              after_actuals=True))


def may_approve_targets(actor: User, *, locked: bool, declared: bool) -> bool:
    """The department approves (绩效目标批复) declared targets that are not yet approved."""
    return actor.role == User.Role.DEPARTMENT and not locked and declared


def may_decide_change(actor: User) -> bool:
    """The department decides 目标调整 requests."""
    return actor.role == User.Role.DEPARTMENT
