"""信息公开 (RULES.md §7, CONTRACTS.md §7): the finance bureau publishes an accepted
self-evaluation as an immutable, versioned snapshot — the data, the rendered 自评报告 and
自评表 PDFs and their SHA-256 — corrects it (a new version) or withdraws it (the record
stays and says so); anyone can list, search, read and download what was published.

Rendering is slow (Typst), so it never runs inside a write transaction: `publication_render`
renders a snapshot to bytes with no database access, and the `report_publish` /
`report_correct` use cases render first, then write in one short transaction that re-checks
the project has not changed in between. (`publication_render` is the step a task queue
can take over.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.disclosure import (
    DeadlineStatus,
    index_number,
    org_code_from_number,
    org_code_valid,
    publication_deadline,
    publication_title,
)
from jixiao.domain.errors import InputError
from jixiao.domain.scoring import score_evaluation
from jixiao.persistence import selectors_disclosure as sel
from jixiao.persistence.mappers import evaluation_document, snapshot_sha256
from jixiao.persistence.models import (
    Organisation,
    Project,
    PublicationFile,
    PublishedReport,
    User,
)
from jixiao.persistence.routing import read_alias
from jixiao.persistence.selectors_lists import ordered
from jixiao.services.access import require_role, visible_project, visible_projects
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Gone, Invalid, NotFound

DEFAULT_CATALOGUE = "自评报告"
KINDS = ("report", "table")


def public_report_list(*, q: str = "", year: int | None = None,
                       unit: str = "") -> QuerySet[PublishedReport]:
    """The public portal's list: the current version of every publication (withdrawn ones
    included, marked), newest first, searched (`selectors_disclosure.publication_search`).
    Read from the read replica when one is configured (`persistence.routing.read_alias`):
    the portal is the busiest anonymous page and tolerates a second of lag."""
    return sel.publication_search(q=q, year=year, unit=unit).using(read_alias())


@dataclass(frozen=True)
class RenderedPublication:
    """A snapshot and what was rendered from it, ready to be stored."""

    document: dict[str, Any]
    sha256: str
    total_score: Decimal
    grade: str
    budget: tuple[Decimal | None, Decimal, Decimal]  # approved, adjusted, executed
    files: dict[str, bytes]  # kind → PDF bytes
    text: str


class _Text(HTMLParser):
    """Visible text of an HTML document, one line per block."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag in ("p", "br", "tr", "h1", "h2", "h3", "li", "div", "table"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The readable text of an HTML page (for full-text search and the read page)."""
    parser = _Text()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def publication_render(document: dict[str, Any], label: str = "公开快照") -> RenderedPublication:
    """Score a snapshot and render its 自评报告 and 自评表 PDFs and its text. Touches no
    database, so it can run outside any transaction (or in a task).

    Raises:
        Invalid: the snapshot is not a valid, scorable evaluation.
    """
    from jixiao.ingest.evaluation_file import parse_evaluation
    from jixiao.services.documents import render_scored

    try:
        scored = score_evaluation(parse_evaluation(document, label))
    except InputError as err:
        raise Invalid("自评数据无法计分，不能公开", [{"field": "document", "message": str(err)}]) \
            from None
    total = scored.evaluation.funds.total
    html = render_scored(scored, "report", "html").decode("utf-8")
    return RenderedPublication(
        document=document, sha256=snapshot_sha256(document),
        total_score=scored.total.quantize(Decimal("0.01")), grade=scored.grade,
        budget=(total.initial_budget, total.full_year_budget, total.executed),
        files={kind: render_scored(scored, kind, "pdf") for kind in KINDS},
        text=html_text(html))


def publisher_of(project: Project) -> Organisation:
    """发布机构: the 主管部门 of the project's unit (as on the seed's page), or the unit."""
    return project.unit.parent or project.unit


def _org_code(org: Organisation) -> str:
    return org.code if org_code_valid(org.code) else org_code_from_number(org.pk)


def _next_index_number(org: Organisation, day: dt.date) -> str:
    code = _org_code(org)
    prefix = index_number(code, day, 1)[:-3]
    return index_number(code, day, sel.publication_count_with_prefix(prefix) + 1)


def _check_meta(document_number: str, keywords: str, catalogue: str) -> None:
    errors = []
    if len(document_number) > 100:
        errors.append({"field": "document_number", "message": "文号最多 100 字"})
    if len(keywords) > 200:
        errors.append({"field": "keywords", "message": "主题词最多 200 字"})
    if len(catalogue) > 200:
        errors.append({"field": "catalogue", "message": "公开目录最多 200 字"})
    if errors:
        raise Invalid("内容过长", errors)


def _accepted_on(project: Project) -> dt.date | None:
    return sel.acceptance_dates(Project.objects.filter(pk=project.pk)).get(project.pk)


def _write(*, actor: User, project_id: int, rendered: RenderedPublication,
           previous: PublishedReport | None, document_number: str, keywords: str,
           catalogue: str, note: str, published_on: dt.date | None,
           ip: str) -> PublishedReport:
    """Store a rendered publication (one transaction, after re-checking the project)."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        if project.state != Project.State.ACCEPTED:
            raise Conflict("只有财政已受理的项目才能公开")
        if snapshot_sha256(evaluation_document(project)) != rendered.sha256:
            raise Conflict("生成文书期间项目数据有变化，请重新公开")
        current = sel.current_publication_of(project.pk)
        if (current.pk if current else None) != (previous.pk if previous else None):
            raise Conflict("该项目的自评报告已经公开" if previous is None
                           else "该报告已有更新的版本，请刷新后再更正")
        day = published_on or timezone.localdate()
        publisher = publisher_of(project)
        report = PublishedReport.objects.create(
            project=project, index_number=_next_index_number(publisher, day),
            publisher=publisher.name, catalogue=catalogue, published_on=day,
            document_number=document_number, keywords=keywords,
            title=publication_title(project.unit.name, project.fiscal_year, project.name),
            snapshot=rendered.document, snapshot_sha256=rendered.sha256,
            version=(previous.version + 1) if previous else 1, supersedes=previous,
            correction_note=note, project_name=project.name, unit_name=project.unit.name,
            department_name=project.unit.parent.name if project.unit.parent else "",
            fiscal_year=project.fiscal_year, total_score=rendered.total_score,
            grade=rendered.grade, budget_approved=rendered.budget[0],
            budget_adjusted=rendered.budget[1], budget_executed=rendered.budget[2],
            text=rendered.text, accepted_on=_accepted_on(project),
            published_at=timezone.now(), published_by=actor.username)
        for kind, data in rendered.files.items():
            PublicationFile.objects.create(report=report, kind=kind, data=data, size=len(data),
                                           sha256=hashlib.sha256(data).hexdigest())
        audit_record(kind="report_corrected" if previous else "report_published",
                     actor=actor.username, ip=ip, target=f"项目 {project.pk} {project.name}",
                     detail=f"{report.index_number} 第{report.version}版; "
                            f"sha256={report.snapshot_sha256}")
    return report


def _prepare(actor: User, project_id: int) -> dict[str, Any]:
    project = visible_project(actor, project_id)
    require_role(actor, User.Role.FINANCE)
    if project.state != Project.State.ACCEPTED:
        raise Conflict("只有财政已受理的项目才能公开")
    return evaluation_document(project)


def report_publish(*, actor: User, project_id: int, document_number: str = "",
                   keywords: str = "", catalogue: str = DEFAULT_CATALOGUE, ip: str = "",
                   published_on: dt.date | None = None) -> PublishedReport:
    """Publish the self-evaluation of an accepted project (finance bureau only): render
    the snapshot, then store it as version 1. `published_on` defaults to today.

    Raises:
        NotFound (outside scope), Forbidden (not finance), Conflict (not accepted, already
        published, changed while rendering), Invalid (metadata too long, unscorable data).
    """
    document_number, keywords = document_number.strip(), keywords.strip()
    catalogue = catalogue.strip() or DEFAULT_CATALOGUE
    _check_meta(document_number, keywords, catalogue)
    document = _prepare(actor, project_id)
    if sel.current_publication_of(project_id) is not None:
        raise Conflict("该项目的自评报告已经公开")
    rendered = publication_render(document, f"项目 {project_id}")
    return _write(actor=actor, project_id=project_id, rendered=rendered, previous=None,
                  document_number=document_number, keywords=keywords, catalogue=catalogue,
                  note="", published_on=published_on, ip=ip)


def _managed_report(actor: User, report_id: int) -> PublishedReport:
    """A current, not withdrawn publication of a project in the finance actor's scope."""
    report = sel.publication_get(report_id)
    if report is None or report.project_id is None:
        raise NotFound()
    visible_project(actor, report.project_id)
    require_role(actor, User.Role.FINANCE)
    if sel.current_publication_of(report.project_id) != report:
        raise Conflict("这不是该报告的最新版本，请在最新版本上操作")
    if report.withdrawn_at is not None:
        raise Conflict("该报告已撤回")
    return report


def report_correct(*, actor: User, report_id: int, note: str, document_number: str | None = None,
                   keywords: str | None = None, ip: str = "",
                   published_on: dt.date | None = None) -> PublishedReport:
    """Publish a corrected version (更正) from the project's current accepted evaluation:
    a new immutable version that supersedes `report`; the old one stays readable.

    Raises:
        Invalid: no reason given. Conflict: not the current version, withdrawn, project not
        accepted. NotFound / Forbidden as for publishing.
    """
    note = note.strip()
    report = _managed_report(actor, report_id)
    if not note:
        raise Invalid("请填写更正说明", [{"field": "note", "message": "更正说明不能为空"}])
    number = report.document_number if document_number is None else document_number.strip()
    words = report.keywords if keywords is None else keywords.strip()
    _check_meta(number, words, report.catalogue)
    if len(note) > 2000:
        raise Invalid("内容过长", [{"field": "note", "message": "更正说明最多 2000 字"}])
    assert report.project_id is not None
    document = _prepare(actor, report.project_id)
    rendered = publication_render(document, f"项目 {report.project_id}")
    return _write(actor=actor, project_id=report.project_id, rendered=rendered, previous=report,
                  document_number=number, keywords=words, catalogue=report.catalogue,
                  note=note, published_on=published_on, ip=ip)


def report_withdraw(*, actor: User, report_id: int, reason: str, ip: str = "") -> PublishedReport:
    """Withdraw a publication (撤回): the record stays on the portal and says when and why;
    its documents are no longer served.

    Raises:
        Invalid: no reason. Conflict: already withdrawn or not the current version.
    """
    reason = reason.strip()
    _managed_report(actor, report_id)  # scope and role before input checks
    if not reason:
        raise Invalid("请填写撤回原因", [{"field": "reason", "message": "撤回原因不能为空"}])
    if len(reason) > 2000:
        raise Invalid("内容过长", [{"field": "reason", "message": "撤回原因最多 2000 字"}])
    with transaction.atomic():
        report = _managed_report(actor, report_id)
        PublishedReport.objects.filter(pk=report.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor.username, withdrawal_reason=reason)
        report.refresh_from_db()
        audit_record(kind="report_withdrawn", actor=actor.username, ip=ip,
                     target=f"项目 {report.project_id} {report.project_name}",
                     detail=f"{report.index_number} 第{report.version}版; 原因：{reason}")
    return report


def public_report_get(*, report_id: int) -> tuple[PublishedReport, list[PublishedReport]]:
    """A publication version for the public read page and all versions of its series."""
    report = sel.publication_get(report_id)
    if report is None:
        raise NotFound()
    return report, sel.publication_versions(report)


def public_report_file(*, report_id: int, kind: str) -> PublicationFile:
    """The stored PDF (`kind` report or table) of a publication version.

    Raises:
        NotFound: no such version or kind. Gone: the publication was withdrawn.
    """
    if kind not in KINDS:
        raise NotFound()
    stored = sel.publication_file(report_id, kind)
    if stored is None:
        raise NotFound()
    if stored.report.withdrawn_at is not None:
        raise Gone("该报告已撤回，文件不再提供")
    return stored


def public_report_render(*, report_id: int, fmt: str = "pdf") -> tuple[PublishedReport, str, bytes]:
    """A published report rendered from its snapshot in another format (Word, HTML)."""
    from jixiao.ingest.evaluation_file import parse_evaluation
    from jixiao.services.documents import FORMATS, render_scored

    report = sel.publication_get(report_id)
    if report is None or not report.snapshot or fmt not in FORMATS["report"]:
        raise NotFound()
    if report.withdrawn_at is not None:
        raise Gone("该报告已撤回，文件不再提供")
    try:
        scored = score_evaluation(parse_evaluation(report.snapshot, report.index_number))
    except InputError:
        raise NotFound("公开快照无法读取") from None
    return report, FORMATS["report"][fmt], render_scored(scored, "report", fmt)


@dataclass(frozen=True)
class PendingPublication:
    """An accepted project not yet published, with its 20-day deadline."""

    project: Project
    accepted_on: dt.date | None
    status: DeadlineStatus | None


def publication_queue(*, actor: User, today: dt.date | None = None,
                      limit: int = 50) -> tuple[list[PendingPublication], int]:
    """The finance bureau's accepted, unpublished projects, most urgent first: the first
    `limit` of them and how many there are (two queries at any size of region)."""
    require_role(actor, User.Role.FINANCE)
    today = today or timezone.localdate()
    pending = sel.unpublished_by_urgency(visible_projects(actor))
    out = []
    for p in pending[:limit]:
        accepted = timezone.localtime(p.accepted_at).date() if p.accepted_at else None
        out.append(PendingPublication(p, accepted, publication_deadline(accepted, today)
                                      if accepted else None))
    return out, pending.count() if len(out) == limit else len(out)


def may_publish(actor: User, project: Project) -> bool:
    """The publish rule: the finance bureau publishes accepted evaluations (a published
    one again as a correction, from the 公开管理 page)."""
    return actor.role == User.Role.FINANCE and project.state == Project.State.ACCEPTED


def publication_status(*, actor: User, project: Project,
                       today: dt.date | None = None) -> tuple[PublishedReport | None,
                                                              DeadlineStatus | None]:
    """A project's current publication, or (when accepted and unpublished) its deadline."""
    current = sel.current_publication_of(project.pk)
    if current is not None or project.state != Project.State.ACCEPTED:
        return current, None
    accepted = _accepted_on(project)
    if accepted is None:
        return None, None
    return None, publication_deadline(accepted, today or timezone.localdate())


def managed_publications(*, actor: User, q: str = "", year: int | None = None,
                         department_id: int | None = None, status: str = "",
                         grade: str | None = None,
                         sort: str = "-published") -> QuerySet[PublishedReport]:
    """Current publications of projects in the finance actor's scope, filtered (text,
    year, department, status, published grade) and ordered by a column of
    `PUBLICATION_ORDERS` ("-key" reverses)."""
    require_role(actor, User.Role.FINANCE)
    rows = sel.publications_filtered(
        sel.current_publications().filter(project__in=visible_projects(actor)), q=q, year=year,
        department_id=department_id, status=status, grade=grade)
    return ordered(rows, sel.PUBLICATION_ORDERS, sort, "-published")


PUBLICATION_HEADERS = ("索引号", "标题", "年度", "项目", "实施单位", "主管部门", "发布机构",
                       "发布日期", "文号", "主题词", "版本", "状态", "自评得分", "等级",
                       "全年预算数（元）", "全年执行数（元）")


def publication_table(rows: QuerySet[PublishedReport]) -> Iterator[tuple[object, ...]]:
    """The export rows of a filtered list (`PUBLICATION_HEADERS`), streamed in chunks."""
    for r in rows.iterator(chunk_size=2000):
        status = "已撤回" if r.withdrawn_at else "公开中"
        yield (r.index_number, r.title, r.fiscal_year, r.project_name, r.unit_name,
               r.department_name, r.publisher, r.published_on.isoformat(), r.document_number,
               r.keywords, r.version, status, r.total_score, r.grade, r.budget_adjusted,
               r.budget_executed)
