"""信息公开: the finance bureau publishes an accepted self-evaluation; anyone can list the
published reports and download a published report, rendered from the immutable snapshot
taken at publication (its SHA-256 is shown beside it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.scoring import score_evaluation
from jixiao.persistence.mappers import evaluation_document, snapshot_sha256
from jixiao.persistence.models import Project, PublishedReport, User
from jixiao.services.access import require_role, visible_project
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Invalid, NotFound


def public_report_list() -> QuerySet[PublishedReport]:
    """Every published report, newest first."""
    return PublishedReport.objects.all()


def report_publish(*, actor: User, project_id: int, document_number: str = "",
                   catalogue: str = "财政预决算 / 绩效自评", ip: str = "",
                   published_on: dt.date | None = None) -> PublishedReport:
    """Publish the self-evaluation report of an accepted project (finance bureau only).
    `published_on` defaults to today (the demo data sets a historical date)."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_role(actor, User.Role.FINANCE)
        if project.state != Project.State.ACCEPTED:
            raise Conflict("只有财政已受理的项目才能公开")
        if PublishedReport.objects.filter(project=project).exists():
            raise Conflict("该项目的自评报告已经公开")
        if len(document_number) > 100 or len(catalogue) > 200:
            raise Invalid("内容过长", [{"field": "document_number", "message": "文号最多 100 字"}])
        document = evaluation_document(project)
        today = published_on or timezone.localdate()
        report = PublishedReport.objects.create(
            project=project, index_number=f"JX-{project.fiscal_year}-{project.pk:06d}",
            publisher=project.unit.name, catalogue=catalogue.strip() or "财政预决算 / 绩效自评",
            published_on=today, document_number=document_number.strip(),
            title=f"{project.fiscal_year}年度{project.name}项目支出绩效自评报告",
            snapshot=document, snapshot_sha256=snapshot_sha256(document))
        audit_record(kind="report_published", actor=actor.username, ip=ip,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"{report.index_number}; sha256={report.snapshot_sha256}")
    return report


def public_report_render(*, report_id: int, fmt: str = "pdf") -> tuple[PublishedReport, str, bytes]:
    """A published report rendered from its snapshot: (report, content type, bytes)."""
    from jixiao.ingest.evaluation_file import parse_evaluation
    from jixiao.services.documents import FORMATS, render_scored

    report = PublishedReport.objects.filter(pk=report_id).first()
    if report is None or not report.snapshot or fmt not in FORMATS["report"]:
        raise NotFound()
    try:
        scored = score_evaluation(parse_evaluation(report.snapshot, report.index_number))
    except InputError:
        raise NotFound("公开快照无法读取") from None
    return report, FORMATS["report"][fmt], render_scored(scored, "report", fmt)
