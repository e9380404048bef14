"""The task-queue entry points (django-tasks, database backend). One task runs any `Job`;
what a job does lives in `services.jobs`."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    """Run the background job `job_id` (see `services.jobs.job_run`)."""
    from jixiao.services.jobs import job_run

    return job_run(job_id)
