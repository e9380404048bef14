"""Read queries of the disclosure portal (信息公开). No permission checks here: the
public portal is public; services decide who may act."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from jixiao.persistence.models import Project, PublicationFile, PublishedReport, Transition
from jixiao.persistence.selectors_lists import Orders

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class AcceptedAt(TypedDict):
    """What `unpublished_by_urgency` adds to each project: its latest 财政受理, if any."""

    accepted_at: dt.datetime | None


def current_publications() -> QuerySet[PublishedReport]:
    """The newest version of every publication (withdrawn ones included), newest first.
    The binary snapshot and text stay unloaded: list pages do not need them."""
    # NOT EXISTS (not the reverse join Django writes for `superseded_by__isnull`): an anti
    # join PostgreSQL runs along the `report_published_order` index, reading only the
    # page's rows (1 ms for a page of 14,000 publications; the join read them all: 68 ms)
    newer = PublishedReport.objects.filter(supersedes=OuterRef("pk"))
    return (PublishedReport.objects.filter(~Exists(newer))
            .defer("snapshot", "text").order_by("-published_on", "-id"))


def publication_search(*, q: str = "", year: int | None = None, unit: str = "",
                       include_withdrawn: bool = True) -> QuerySet[PublishedReport]:
    """Current publications whose title, unit, project, 索引号 or full text contains `q`,
    of fiscal year `year`, of a unit whose name contains `unit`."""
    rows = publications_filtered(current_publications(), q=q, year=year)
    if unit:
        rows = rows.filter(unit_name__icontains=unit)
    if not include_withdrawn:
        rows = rows.filter(withdrawn_at__isnull=True)
    return rows


#: Sortable columns of the finance bureau's list of publications (ascending).
PUBLICATION_ORDERS: Orders = {
    "published": ("published_on",),
    "index": ("index_number",),
    "year": ("fiscal_year",),
    "title": ("title",),
    "unit": ("unit_name",),
    "department": ("department_name",),
    "score": ("total_score",),
    "version": ("version",),
}
#: Status filter of that list: 公开中, 已撤回, 已更正 (a version after the first).
PUBLICATION_STATUSES = {"public": "公开中", "withdrawn": "已撤回", "corrected": "已更正"}


def publications_filtered(rows: QuerySet[PublishedReport], *, q: str = "",
                          year: int | None = None, department_id: int | None = None,
                          status: str = "", grade: str | None = None,
                          ) -> QuerySet[PublishedReport]:
    """`rows` narrowed by text (title, unit, project, 索引号, full text), fiscal year, the
    project's department, status (`PUBLICATION_STATUSES`) and published grade."""
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(unit_name__icontains=q)
                           | Q(project_name__icontains=q) | Q(text__icontains=q)
                           | Q(index_number__icontains=q))
    if year:
        rows = rows.filter(fiscal_year=year)
    if department_id:
        rows = rows.filter(project__unit__parent_id=department_id)
    if status == "public":
        rows = rows.filter(withdrawn_at__isnull=True)
    elif status == "withdrawn":
        rows = rows.filter(withdrawn_at__isnull=False)
    elif status == "corrected":
        rows = rows.filter(version__gt=1)
    if grade is not None:
        rows = rows.filter(grade=grade)
    return rows


def publication_get(report_id: int) -> PublishedReport | None:
    """One version of a publication, or None."""
    try:
        return PublishedReport.objects.filter(pk=int(report_id)).first()
    except (TypeError, ValueError):
        return None


def publication_versions(report: PublishedReport) -> list[PublishedReport]:
    """Every version of the publication `report` belongs to, oldest first."""
    chain = [report]
    while chain[0].supersedes_id is not None:
        chain.insert(0, PublishedReport.objects.defer("snapshot", "text")
                     .get(pk=chain[0].supersedes_id))
    current = report
    while True:
        nxt = PublishedReport.objects.defer("snapshot", "text").filter(
            supersedes_id=current.pk).first()
        if nxt is None:
            break
        chain.append(nxt)
        current = nxt
    return chain


def publication_file(report_id: int, kind: str) -> PublicationFile | None:
    """The stored PDF of a publication version, or None."""
    return PublicationFile.objects.select_related("report").filter(
        report_id=report_id, kind=kind).first()


def current_publication_of(project_id: int) -> PublishedReport | None:
    """The newest version of a project's publication, or None when never published."""
    return (PublishedReport.objects.defer("snapshot", "text")
            .filter(project_id=project_id, superseded_by__isnull=True).first())


def publication_count_with_prefix(prefix: str) -> int:
    """How many 索引号 start with `prefix` (the day's sequence of one publisher)."""
    return PublishedReport.objects.filter(index_number__startswith=prefix).count()


def acceptance_dates(projects: QuerySet[Project]) -> dict[int, dt.date]:
    """Project id → the date of its latest 财政受理 (accept) transition."""
    out: dict[int, dt.date] = {}
    rows = (Transition.objects.filter(project__in=projects, action="accept")
            .order_by("project_id", "at").values_list("project_id", "at"))
    for project_id, at in rows:
        out[project_id] = timezone.localtime(at).date()
    return out


def unpublished_accepted(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Accepted projects (of the given scope) that have never been published."""
    published = PublishedReport.objects.filter(project_id__isnull=False).values("project_id")
    return projects.filter(state=Project.State.ACCEPTED).exclude(pk__in=published)


def unpublished_by_urgency(projects: QuerySet[Project]
                           ) -> QuerySet[WithAnnotations[Project, AcceptedAt]]:
    """`unpublished_accepted(projects)` with `accepted_at` (their latest 财政受理), the
    earliest accepted — the nearest publication deadline — first; never accepted last."""
    latest = (Transition.objects.filter(project_id=OuterRef("pk"), action="accept")
              .order_by("-at").values("at")[:1])
    return (unpublished_accepted(projects).annotate(accepted_at=Subquery(latest))
            .order_by(F("accepted_at").asc(nulls_last=True), "pk"))


def late_acceptances(projects: QuerySet[Project], accepted_before: dt.date) -> int:
    """How many of `projects` were last accepted before `accepted_before` (one query)."""
    return (Transition.objects.filter(project__in=projects, action="accept")
            .values("project_id").annotate(last=Max("at"))
            .filter(last__date__lt=accepted_before).count())
