"""The review workflow of a self-evaluation.

填报 (draft/returned) → 提交 submit (unit; locks the data) → 主管部门 审核通过 approve /
退回 return (department) → 财政 受理 accept / 退回 return (finance bureau).
Every transition stores who, when, the comment and the SHA-256 of the evaluation document
at that moment, and goes into the audit log. Submission is refused while the evaluation
has error findings or a deviation reason the rules demand is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.findings import Severity
from jixiao.domain.scoring import ScoredEvaluation
from jixiao.domain.text import normalise_text
from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.mappers import evaluation_document, snapshot_sha256
from jixiao.persistence.models import Project, Transition, User
from jixiao.services.access import visible_project
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Forbidden, Invalid
from jixiao.services.evaluations import evaluation_view
from jixiao.services.jobs import job_enqueue
from jixiao.services.project_store import project_save, require_version
from jixiao.services.results import REASON_DEMANDED

S = Project.State



@dataclass(frozen=True)
class Step:
    """One allowed transition."""

    action: str
    label: str
    role: str
    sources: tuple[str, ...]
    target: str
    comment_required: bool


STEPS: dict[str, Step] = {
    s.action: s
    for s in (
        Step("submit", "提交", User.Role.UNIT, (S.DRAFT, S.RETURNED), S.SUBMITTED, False),
        Step("approve", "审核通过", User.Role.DEPARTMENT, (S.SUBMITTED,), S.APPROVED, False),
        Step("return", "退回", User.Role.DEPARTMENT, (S.SUBMITTED,), S.RETURNED, True),
        Step("accept", "受理", User.Role.FINANCE, (S.APPROVED,), S.ACCEPTED, False),
        Step("finance_return", "退回", User.Role.FINANCE, (S.APPROVED,), S.RETURNED, True),
        Step("withdraw", "撤回", User.Role.UNIT, (S.SUBMITTED,), S.DRAFT, False),
    )
}


def available_steps(actor: User, project: Project) -> list[Step]:
    """The transitions the actor may take on this (visible) project now."""
    return [s for s in STEPS.values() if s.role == actor.role and project.state in s.sources
            and not (s.action == "withdraw" and project.department_opened_at is not None)]


def evaluation_transition(*, actor: User, project_id: int, action: str, comment: str = "",
                          ip: str = "", version: int | None = None) -> Transition:
    """Move a visible project along the workflow.

    `version` is the project version the actor saw (CONTRACTS.md §7): a reviewer's
    审核通过 clicked on an old page is refused when the project changed meanwhile.

    On submission the report's figure audit is queued as a background job (rendering takes
    seconds: neither the request nor the write transaction waits for it); the job audits
    the submitted snapshot and stores the findings with the transition.

    Raises:
        NotFound: the project is outside the actor's scope.
        Forbidden: the actor's role may not take this step.
        Conflict: the project is not in a state this step starts from.
        StaleVersion: `version` is given and is no longer the current one.
        Invalid: unknown action, a comment is required, or (on submit) the evaluation has
            blocking findings.
    """
    step = STEPS.get(action)
    comment = normalise_text(comment).strip()
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        if step is None:  # not a workflow action at all: bad input, not a permission matter
            raise Invalid("未知的流程操作", [{"field": "action", "message":
                          f"应为 {' / '.join(STEPS)} 之一"}])
        _check_step(actor, project, step, comment)
        require_version(project, version)
        if action == "submit":
            _check_submittable(project)
        document = evaluation_document(project)
        transition = Transition.objects.create(
            project=project, action=action, from_state=project.state, to_state=step.target,
            actor=actor, at=timezone.now(), comment=comment,
            snapshot_sha256=snapshot_sha256(document), snapshot=document,
        )
        if action == "submit":
            # rendering and auditing the report takes seconds: a background job, queued when
            # this transaction commits, renders the snapshot and stores its findings here
            job_enqueue(actor=None, kind="submission_audit", project=project,
                        params={"transition_id": transition.pk})
        project.state = step.target
        if action == "submit":  # a new submission may be withdrawn until opened again
            project.department_opened_at = None
            Project.objects.filter(pk=project.pk).update(department_opened_at=None)
        project_save(project, state=True)
        _notify(project, action, comment)
        audit_record(kind=f"workflow_{action}", actor=actor.username,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"{transition.from_state} → {transition.to_state}; "
                            f"sha256={transition.snapshot_sha256}; {comment}"[:2000], ip=ip)
    return transition


def _check_step(actor: User, project: Project, step: Step, comment: str) -> None:
    """Role, scope, state and comment checks of one step on a visible project."""
    if step.role != actor.role:
        raise Forbidden("当前角色不能执行此操作")
    if step.role == User.Role.UNIT and project.unit_id != actor.organisation_id:
        raise Forbidden("只有本单位可以提交")
    if project.state not in step.sources:
        raise Conflict(f"项目当前状态为「{project.get_state_display()}」，不能{step.label}")
    if step.action == "withdraw" and project.department_opened_at is not None:
        raise Conflict("主管部门已开始审核（已打开该自评），不能撤回；如需修改请联系主管部门退回")
    if step.comment_required and not comment:
        raise Invalid("请填写退回意见", [{"field": "comment", "message": "退回时必须填写意见"}])
    if len(comment) > 2000:
        raise Invalid("意见过长", [{"field": "comment", "message": "最多 2000 个字符"}])


_NOTICES = {"submit": "待审核：「{name}」已提交", "approve": "「{name}」主管部门审核通过",
            "return": "「{name}」被主管部门退回：{comment}", "accept": "「{name}」财政已受理",
            "finance_return": "「{name}」被财政退回：{comment}"}


def _notify(project: Project, action: str, comment: str) -> None:
    """In-app notifications: the unit hears of every decision, the department of a
    submission."""
    from django.urls import reverse

    from jixiao.services.worklist import notify_department, notify_unit

    text = _NOTICES.get(action)
    if text is None:
        return
    link = reverse("project_detail", args=[project.pk])
    message = text.format(name=project.name, comment=comment)
    if action == "submit":
        notify_department(project.unit, message, link)
    else:
        notify_unit(project.unit_id, message, link)



def _check_submittable(project: Project) -> ScoredEvaluation:
    view = evaluation_view(project)
    if view.scored is None:
        raise Invalid("自评数据不完整，不能提交", [{"field": "document", "message": view.error}])
    blocking = [
        f for f in view.scored.findings
        if f.severity is Severity.ERROR
        or (f.code in REASON_DEMANDED and f.severity is not Severity.INFO)
    ]
    if blocking:
        raise Invalid(
            "存在须处理的问题，不能提交",
            [{"field": f.location, "message": f.message} for f in blocking],
        )
    return view.scored


def department_opened(*, actor: User, project: Project) -> None:
    """Record that the department opened a submitted evaluation (from then on the unit can
    no longer 撤回 it)."""
    if (actor.role == User.Role.DEPARTMENT and project.state == S.SUBMITTED
            and project.department_opened_at is None):
        now = timezone.now()
        Project.objects.filter(pk=project.pk, department_opened_at__isnull=True).update(
            department_opened_at=now)
        project.department_opened_at = now


def evaluation_submit(*, actor: User, project_id: int, ip: str = "",
                      version: int | None = None) -> Transition:
    """提交 (unit)."""
    return evaluation_transition(actor=actor, project_id=project_id, action="submit", ip=ip,
                                 version=version)


def transition_list(*, actor: User, project_id: int) -> QuerySet[Transition]:
    """The workflow history of a visible project, oldest first."""
    project = visible_project(actor, project_id)
    return psel.transitions_of(project)
