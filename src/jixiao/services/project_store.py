"""The one write path of a project's evaluation and workflow state (CONTRACTS.md §7).

Every service that changes `Project.document` or `Project.state` ends in `project_save`,
which stores the change as the next version with a conditional update
(`UPDATE … SET version = version + 1 WHERE id = … AND version = …`): when no row matches,
somebody else saved first and the caller gets `StaleVersion` (409), nothing written.
Callers that were given the version a client saw check it first with `require_version`.
Work that follows every save (stored scores, queued tasks) belongs here, in one place.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from jixiao.persistence.models import Project
from jixiao.services.errors import StaleVersion


def require_version(project: Project, version: int | None) -> None:
    """Raise StaleVersion unless `version` (what the client saw; None = not given) is the
    project's current version."""
    if version is not None and version != project.version:
        raise StaleVersion(project.version, version)


def project_save(project: Project, *, state: bool = False) -> int:
    """Store `project.document` (and `project.state` when `state`) as the next version of
    the project read at `project.version`; returns the new version.

    Raises:
        StaleVersion: the stored project is no longer at `project.version`.
    """
    now = timezone.now()
    values: dict[str, object] = {"document": project.document, "updated_at": now,
                                 "version": F("version") + 1}
    if state:
        values["state"] = project.state
    rows = Project.objects.filter(pk=project.pk, version=project.version).update(**values)
    if rows != 1:
        current = Project.objects.filter(pk=project.pk).values_list("version", flat=True).first()
        raise StaleVersion(current or 0, project.version)
    project.version += 1
    project.updated_at = now
    from jixiao.services.results import result_store  # stored scores follow every save

    result_store(project)
    return project.version
