"""Background jobs: the user-visible record of work done by the task queue (batch render,
batch audit of a report folder, batch import, re-scoring, batch publication, the figure audit
of a submission), with its progress.

The queue itself is django-tasks with its database backend (`django_tasks_db`: the table
`django_tasks_db_dbtaskresult`); a `Job` row is what pages and the CLI show and poll.
"""

from __future__ import annotations

from django.db import models

from jixiao.persistence.models import Project, User


class Job(models.Model):
    """One piece of background work and how far it got."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField(max_length=40)
    owner = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict)
    #: Output file (under settings.JOBS_DIR), offered for download when done.
    file_name = models.CharField(max_length=200, blank=True)
    #: The django-tasks result id, and which process ran the job ("host:pid").
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("owner", "created_at"), name="job_owner_created"),
                   models.Index(fields=("project", "kind"), name="job_project_kind"))

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 while the total is unknown)."""
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
