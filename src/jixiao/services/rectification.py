"""问题整改 and 跟踪检查: the finance bureau records a problem for a project with a deadline;
the owning unit reports what it did (evidence); the department confirms it or returns it.
Overdue tasks (deadline passed, not confirmed) are flagged everywhere they are listed.

Scope: finance sees its region, a department its units, a unit its own tasks; the
administrators see none (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.domain.application import rectification_overdue
from jixiao.persistence import selectors_rectification as sel
from jixiao.persistence.models import Rectification, RectificationStep, User
from jixiao.persistence.selectors_lists import ordered
from jixiao.services.access import (
    require_business_role,
    require_role,
    visible_project,
    visible_projects,
)
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Invalid, NotFound
from jixiao.services.worklist import notify_department, notify_unit

S = Rectification.Status
#: action → (role allowed, states it starts from, state it leads to, label)
ACTIONS = {
    "report": (User.Role.UNIT, (S.OPEN,), S.REPORTED, "报送整改情况"),
    "confirm": (User.Role.DEPARTMENT, (S.REPORTED,), S.CONFIRMED, "确认整改到位"),
    "return": (User.Role.DEPARTMENT, (S.REPORTED,), S.OPEN, "退回重新整改"),
}


def visible_rectifications(actor: User) -> QuerySet[Rectification]:
    """Every rectification the actor may see."""
    return sel.rectifications_of(visible_projects(actor))


def rectification_list(*, actor: User, status: str = "", overdue: bool = False,
                       year: int | None = None, department_id: int | None = None,
                       q: str = "", grade: str | None = None,
                       sort: str = "deadline") -> QuerySet[Rectification]:
    """The actor's rectifications, filtered (status, overdue today, project year,
    department, text, the project's stored grade) and ordered by a column of
    `RECTIFICATION_ORDERS` ("-key" reverses).

    Raises:
        Forbidden: administrators and unassigned accounts (no business data).
    """
    require_business_role(actor)
    rows = sel.rectifications_filtered(
        visible_rectifications(actor), status=status,
        overdue_on=timezone.localdate() if overdue else None, year=year,
        department_id=department_id, q=q, grade=grade)
    return ordered(rows, sel.RECTIFICATION_ORDERS, sort, "deadline")


EXPORT_HEADERS = ("编号", "年度", "项目", "责任单位", "主管部门", "自评等级", "存在的问题",
                  "整改期限", "状态", "是否逾期", "整改情况及佐证", "下达时间")


def rectification_table(rows: QuerySet[Rectification],
                        today: dt.date | None = None) -> Iterator[tuple[object, ...]]:
    """The export rows of a filtered list (`EXPORT_HEADERS`), streamed in chunks."""
    today = today or timezone.localdate()
    for r in rows.iterator(chunk_size=2000):
        result = getattr(r.project, "result", None)
        yield (r.pk, r.project.fiscal_year, r.project.name, r.owner_unit.name,
               r.owner_unit.parent.name if r.owner_unit.parent else "",
               result.grade if result else "", r.problem, r.deadline.isoformat(),
               r.get_status_display(), "逾期" if is_overdue(r, today) else "",
               r.evidence, timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"))


def is_overdue(rect: Rectification, today: dt.date | None = None) -> bool:
    return rectification_overdue(rect.deadline, rect.status == S.CONFIRMED,
                                 today or timezone.localdate())


def rectification_get(*, actor: User, rectification_id: int) -> Rectification:
    try:
        return visible_rectifications(actor).get(pk=int(rectification_id))
    except (Rectification.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def rectification_create(*, actor: User, project_id: int, problem: str,
                         deadline: dt.date | None, ip: str = "") -> Rectification:
    """Record a problem to rectify (finance bureau), owned by the project's unit."""
    project = visible_project(actor, project_id)
    require_role(actor, User.Role.FINANCE)
    problem = problem.strip()
    errors = []
    if not problem or len(problem) > 2000:
        errors.append({"field": "problem", "message": "请填写存在的问题（最多 2000 字）"})
    if deadline is None:
        errors.append({"field": "deadline", "message": "请填写整改期限（如 2024-06-30）"})
    elif deadline < timezone.localdate():
        errors.append({"field": "deadline", "message": "整改期限不能早于今天"})
    if errors:
        raise Invalid("整改任务有误，未保存", errors)
    assert deadline is not None
    with transaction.atomic():
        rect = Rectification.objects.create(project=project, owner_unit=project.unit,
                                            problem=problem, deadline=deadline,
                                            created_by=actor, created_at=timezone.now())
        RectificationStep.objects.create(rectification=rect, action="create", actor=actor,
                                         at=rect.created_at, text=problem)
        notify_unit(project.unit_id,
                    f"整改任务：「{project.name}」{problem[:60]}（期限 {deadline:%Y-%m-%d}）",
                    reverse("rectification_detail", args=[rect.pk]))
        audit_record(kind="rectification_created", actor=actor.username, ip=ip,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"整改 {rect.pk}，期限 {deadline:%Y-%m-%d}")
    return rect


def rectification_act(*, actor: User, rectification_id: int, action: str, text: str = "",
                      ip: str = "") -> Rectification:
    """A step of a rectification: `report` (unit, with evidence), `confirm` or `return`
    (department, a return needs a reason).

    Raises:
        NotFound (out of scope), Forbidden (role), Conflict (wrong state), Invalid.
    """
    with transaction.atomic():
        rect = rectification_get(actor=actor, rectification_id=rectification_id)
        step = ACTIONS.get(action)
        if step is None:
            raise Invalid("未知的整改操作", [{"field": "action",
                                         "message": "应为 report、confirm 或 return"}])
        role, sources, target, label = step
        require_role(actor, role)
        if role == User.Role.UNIT and rect.owner_unit_id != actor.organisation_id:
            raise NotFound()
        rect = Rectification.objects.select_for_update().get(pk=rect.pk)
        if rect.status not in sources:
            raise Conflict(f"当前状态为「{rect.get_status_display()}」，不能{label}")
        text = text.strip()
        if action in ("report", "return") and not text:
            field = "evidence" if action == "report" else "comment"
            raise Invalid("请填写内容", [{"field": field, "message": "请写明整改情况及佐证"
                                      if action == "report" else "请写明退回理由"}])
        if len(text) > 5000:
            raise Invalid("内容过长", [{"field": "text", "message": "最多 5000 字"}])
        now = timezone.now()
        rect.status = target
        if action == "report":
            rect.evidence, rect.reported_at = text, now
        elif action == "confirm":
            rect.confirmed_by, rect.confirmed_at = actor, now
        rect.save()
        RectificationStep.objects.create(rectification=rect, action=action, actor=actor, at=now,
                                         text=text)
        link = reverse("rectification_detail", args=[rect.pk])
        if action == "report":
            notify_department(rect.owner_unit, f"整改待确认：「{rect.project.name}」", link)
        else:
            notify_unit(rect.owner_unit_id, f"整改{label}：「{rect.project.name}」", link)
        audit_record(kind=f"rectification_{action}", actor=actor.username, ip=ip,
                     target=f"项目 {rect.project_id} {rect.project.name}",
                     detail=f"整改 {rect.pk}：{label}")
    return rect


def rectification_counts(actor: User) -> dict[str, int]:
    """Counts for the 跟踪检查 summary: by status and overdue (one query)."""
    return sel.rectification_counts(visible_rectifications(actor), timezone.localdate())
