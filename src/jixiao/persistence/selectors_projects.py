"""Read queries about one project: its history (field changes, workflow transitions),
evidence files, lease, target approval, registration checks, and the indicator library.
Scope is the caller's business: services pass a project they have checked."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.persistence.models import (
    Evidence,
    FieldChange,
    LibraryIndicator,
    Project,
    ProjectLease,
    TargetApproval,
    Transition,
)


def field_changes_of(project: Project) -> QuerySet[FieldChange]:
    """The field history, newest first (the model's order), with the actor joined."""
    return FieldChange.objects.filter(project=project).select_related("actor")


def transitions_of(project: Project) -> QuerySet[Transition]:
    """The workflow history, oldest first (the model's order), with the actor joined."""
    return Transition.objects.filter(project=project).select_related("actor")


def ever_transitioned(project: Project) -> bool:
    """Whether the project ever left its first state (was submitted at least once)."""
    return Transition.objects.filter(project=project).exists()


def evidence_of(project: Project) -> QuerySet[Evidence]:
    return Evidence.objects.filter(project=project).select_related("uploaded_by")


def evidence_count(project: Project) -> int:
    return Evidence.objects.filter(project=project).count()


def evidence_item(project_id: int, evidence_id: int) -> Evidence | None:
    return Evidence.objects.filter(project_id=project_id, pk=evidence_id).first()


def evidence_stored_names(project: Project) -> list[str]:
    return list(Evidence.objects.filter(project=project).values_list("stored_name", flat=True))


def evidence_known(names: list[str]) -> set[str]:
    """Which of the stored file `names` belong to an evidence row."""
    return set(Evidence.objects.filter(stored_name__in=names)
               .values_list("stored_name", flat=True))


def evidence_missing(names: list[str]) -> list[str]:
    """Stored names of evidence rows whose file is not among `names`, sorted."""
    return sorted(set(Evidence.objects.exclude(stored_name__in=names)
                      .values_list("stored_name", flat=True)))


def lease_of(project: Project) -> ProjectLease | None:
    return ProjectLease.objects.filter(project=project).first()


def targets_approved(project: Project) -> bool:
    return TargetApproval.objects.filter(project_id=project.pk).exists()


def project_code_taken(code: str, fiscal_year: int) -> bool:
    """Whether a project of `fiscal_year` already has the 项目编码 `code`."""
    return Project.objects.filter(code=code, fiscal_year=fiscal_year).exists()


def project_name_taken(unit_id: int | None, name: str, fiscal_year: int) -> bool:
    """Whether the unit already registered a project of that name and year."""
    return Project.objects.filter(unit_id=unit_id, name=name, fiscal_year=fiscal_year).exists()


def library_indicators(project_type: str = "") -> QuerySet[LibraryIndicator]:
    """The indicator library, or one project type's part of it."""
    rows = LibraryIndicator.objects.all()
    return rows.filter(project_type=project_type) if project_type else rows


def library_indicator(library_id: int) -> LibraryIndicator | None:
    return LibraryIndicator.objects.filter(pk=library_id).first()
