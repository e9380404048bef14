"""Background jobs on the task queue (django-tasks, database backend): the submission's
figure audit leaves the request, batch work runs in a worker with progress, pages poll it,
outputs are downloadable by their owner only."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django_tasks_db.models import DBTaskResult

from jixiao.persistence.models import Job, Project, PublishedReport, Transition
from jixiao.services import jobs
from jixiao.services.workflow import evaluation_transition

pytestmark = pytest.mark.django_db


def test_submission_queues_the_figure_audit_instead_of_running_it(
        users, projects, monkeypatch, run_worker, django_capture_on_commit_callbacks):
    ran = []
    monkeypatch.setattr("jixiao.services.documents.report_figure_audit",
                        lambda scored: ran.append(scored) or ())
    project = projects["bidding"]
    Project.objects.filter(pk=project.pk).update(document={
        **project.document, "indicators": [
            {**ind, "deviation_reason": "设备老化"} for ind in project.document["indicators"]]})
    with django_capture_on_commit_callbacks(execute=True):
        transition = evaluation_transition(actor=users["unit2"], project_id=project.pk,
                                           action="submit")
    assert not ran, "the report was rendered inside the submission"
    job = Job.objects.get(kind="submission_audit", project=project)
    assert job.status == "queued" and job.params == {"transition_id": transition.pk}
    assert DBTaskResult.objects.filter(id=job.task_id or None).exists()
    page = project_page(users, project)
    assert "报告数字核查在后台进行" in page and f"/jobs/{job.pk}/status/?refresh=1" in page
    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and job.worker
    assert [s.evaluation.project.name for s in ran].count(project.name) == 1
    assert Transition.objects.get(pk=transition.pk).audit_findings == []
    assert "报告中的数字相互一致" in project_page(users, project)


def project_page(users, project) -> str:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(users["unit2"])
    return client.get(f"/projects/{project.pk}/").content.decode()


def test_real_figure_audit_job_stores_findings(users, projects):
    project = projects["hotline"]
    transition = Transition.objects.filter(project=project, action="submit").first()
    Transition.objects.filter(pk=transition.pk).update(audit_findings=[])
    job = jobs.job_enqueue(actor=None, kind="submission_audit", project=project,
                           params={"transition_id": transition.pk})
    assert jobs.job_run(job.pk) == "done"
    assert jobs.job_run(job.pk) == "skipped"  # never twice
    findings = Transition.objects.get(pk=transition.pk).audit_findings
    assert isinstance(findings, list)
    assert not any(f["code"] == "audit-unavailable" for f in findings)


def test_batch_render_runs_in_the_worker_with_progress_and_download(
        as_persona, run_worker, django_capture_on_commit_callbacks, settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    client = as_persona("unit1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/jobs/start/", {"kind": "render_batch", "doc": "report",
                                                "fmt": "html", "year": "2022"})
    job = Job.objects.get(kind="render_batch")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    status = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "排队中" in status and 'hx-trigger="every 1s"' in status
    run_worker()
    job.refresh_from_db()
    unit1_2022 = Project.objects.filter(unit__name="保山市政务服务中心", fiscal_year=2022)
    assert job.status == "done" and job.done == job.total == unit1_2022.count() == 2
    status = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "已完成" in status and "hx-trigger" not in status  # polling stops
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len(names) == 2 and all(n.endswith("-自评报告.html") for n in names)
    for other in ("unit2", "dept", "finance"):
        assert as_persona(other).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_folder_audit_reports_each_file(as_persona, run_worker, django_capture_on_commit_callbacks,
                                        settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("报告/一.txt", "租用总建筑面积为100.00平方米,分别是:第一层30.00平方米,"
                         "为办税大厅使用;第二层50.00平方米,为服务中心使用。\n")
        archive.writestr("报告/二.txt", "全年完成培训12期，共计培训360人次。\n")
        archive.writestr("readme.md", "ignored")
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        as_persona("dept").post("/jobs/start/", {
            "kind": "audit_folder",
            "file": SimpleUploadedFile("reports.zip", buffer.getvalue())})
    run_worker()
    job = Job.objects.get(kind="audit_folder")
    assert job.status == "done", job.message
    files = {f["file"]: f for f in job.result["files"]}
    assert set(files) == {"报告/一.txt", "报告/二.txt"}
    assert any(f["code"] == "sum-mismatch" for f in files["报告/一.txt"]["findings"])
    report = json.loads((tmp_path / str(job.pk) / "output").read_text(encoding="utf-8"))
    assert len(report["files"]) == 2


def test_a_broken_upload_fails_with_a_message_not_a_hang(as_persona, run_worker, settings, tmp_path,
                                                        django_capture_on_commit_callbacks):
    settings.JOBS_DIR = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        as_persona("unit1").post("/jobs/start/", {
            "kind": "import_batch", "file": SimpleUploadedFile("x.zip", b"not a zip")})
    run_worker()
    job = Job.objects.get(kind="import_batch")
    assert job.status == "failed" and "zip" in job.message


def test_roles_decide_who_may_start_what(as_persona):
    assert as_persona("unit1").post("/jobs/start/", {"kind": "rescore"}).status_code == 403
    assert as_persona("dept").post("/jobs/start/", {"kind": "publish_batch"}).status_code == 403
    assert as_persona("sysadmin").post("/jobs/start/", {"kind": "render_batch"}).status_code == 403
    assert not Job.objects.filter(kind__in=("rescore", "publish_batch", "render_batch")).exists()


def test_rescore_and_publish_jobs(users, projects, settings, tmp_path):
    settings.JOBS_DIR = tmp_path
    finance = users["finance"]
    job = jobs.job_enqueue(actor=finance, kind="rescore", params={"year": 2023})
    assert jobs.job_run(job.pk) == "done"
    job.refresh_from_db()
    assert job.result["projects"] == Project.objects.filter(fiscal_year=2023).count()
    assert job.done == job.total == job.result["projects"]
    def unpublished():
        return Project.objects.filter(state=Project.State.ACCEPTED).exclude(
            pk__in=PublishedReport.objects.filter(project__isnull=False).values("project_id"))

    waiting = unpublished().count()
    job = jobs.job_enqueue(actor=finance, kind="publish_batch", params={})
    jobs.job_run(job.pk)
    job.refresh_from_db()
    # every accepted project that was not yet public is published, and only those
    assert job.status == "done" and job.result["published"] == waiting
    assert not unpublished().exists()
