"""Read queries of background jobs (`models_jobs.Job`). Services decide who may see one."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.persistence.models import Project, Transition, User
from jixiao.persistence.models_jobs import Job


def job_by_id(job_id: int) -> Job | None:
    return Job.objects.filter(pk=job_id).first()


def job_with_owner(job_id: int) -> Job:
    """A job with its owner and project joined (raises Job.DoesNotExist)."""
    return Job.objects.select_related("owner", "project").get(pk=job_id)


def jobs_of_owner(user: User) -> QuerySet[Job]:
    """A user's jobs, newest first (the model's order)."""
    return Job.objects.filter(owner=user)


def jobs_of_project(project: Project, kind: str) -> QuerySet[Job]:
    """Jobs of one kind about one project, newest first."""
    return Job.objects.filter(project=project, kind=kind)


def transition_by_id(transition_id: int) -> Transition:
    """One workflow transition (raises Transition.DoesNotExist)."""
    return Transition.objects.get(pk=transition_id)
