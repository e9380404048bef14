"""Background jobs on the task queue: enqueue (permission-checked, after the request's
transaction commits), run (in a worker process), report progress, show and download.

Kinds (`KINDS`): batch render of documents, batch audit of an uploaded report folder (zip),
batch import of evaluation files (zip), re-scoring, batch publication, and the figure audit
of a submitted report. Each handler takes the `Job` and a `progress(done, total)` callback,
does its work in short transactions of its own (never one long write transaction), and
returns the result shown on the job page. The queue is django-tasks with its database
backend (docs/architecture.md says why); `services.tasks.run_job` is the one task.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.persistence import selectors_jobs as sel
from jixiao.persistence.models import Project, Transition, User
from jixiao.persistence.models_jobs import Job
from jixiao.persistence.selectors_disclosure import unpublished_accepted
from jixiao.services.access import (
    require_business_role,
    require_role,
    visible_project,
    visible_projects,
)
from jixiao.services.errors import Forbidden, Invalid, NotFound, ServiceError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

#: Limits of an uploaded folder (zip): number of files and total uncompressed size.
MAX_FILES = 1000
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
#: Projects one batch render may cover.
MAX_RENDER = 5000


@dataclass(frozen=True)
class Kind:
    """A kind of job: its label, who may start it, and the function that does it."""

    label: str
    roles: tuple[str, ...]
    run: Callable[[Job, Progress], dict[str, Any]]


def jobs_dir() -> Path:
    """Where job inputs and outputs live (shared storage when workers run on other machines)."""
    return Path(settings.JOBS_DIR)


def job_folder(job: Job) -> Path:
    folder = jobs_dir() / str(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------------------------------
# enqueue, show, run


def job_enqueue(*, actor: User | None, kind: str, params: dict[str, Any] | None = None,
                project: Project | None = None, upload: bytes | None = None) -> Job:
    """Record a job and queue it once the current transaction commits (so a worker never
    sees a job whose data is not committed yet). `upload` is stored as the job's input.

    Raises:
        Forbidden: the actor's role may not start this kind of job.
        Invalid: unknown kind.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise Invalid("未知的后台任务", [{"field": "kind", "message": f"应为 {' / '.join(KINDS)} 之一"}])
    if actor is not None and spec.roles:
        require_role(actor, *spec.roles)
    job = Job.objects.create(kind=kind, owner=actor, project=project, params=params or {},
                             created_at=timezone.now(), total=0)
    if upload is not None:
        (job_folder(job) / "input.zip").write_bytes(upload)

    def send() -> None:
        from jixiao.services.tasks import run_job

        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(send)
    return job


def job_get(*, actor: User, job_id: int) -> Job:
    """A job the actor started, or a job about a project the actor may see (the figure
    audit of a submission); NotFound for any other."""
    job = sel.job_by_id(job_id)
    if job is None or not getattr(actor, "is_authenticated", False):
        raise NotFound()
    if job.owner_id != actor.pk:
        if job.project_id is None:
            raise NotFound()
        visible_project(actor, job.project_id)
    return job


def job_list(*, actor: User, limit: int = 30) -> QuerySet[Job]:
    """The actor's latest jobs."""
    require_business_role(actor)
    return sel.jobs_of_owner(actor)[:limit]


def project_jobs(project: Project, kind: str) -> QuerySet[Job]:
    """Jobs of one kind about one project, newest first."""
    return sel.jobs_of_project(project, kind)


def job_file(*, actor: User, job_id: int) -> tuple[str, Path]:
    """(download name, path) of a finished job's output file."""
    job = job_get(actor=actor, job_id=job_id)
    path = jobs_dir() / str(job.pk) / "output"
    if job.status != Job.Status.DONE or not job.file_name or not path.exists():
        raise NotFound()
    return job.file_name, path


def job_run(job_id: int) -> str:
    """Run a queued job (called by the worker through `services.tasks.run_job`): claim it,
    do it, store the outcome. A job is run at most once, whatever the number of workers."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(),
        worker=f"{socket.gethostname()}:{os.getpid()}"[:100])
    if not claimed:
        return "skipped"
    job = sel.job_with_owner(job_id)
    reporter = _Reporter(job.pk)
    try:
        result = KINDS[job.kind].run(job, reporter)
    except (ServiceError, InputError) as err:
        _finish(job.pk, Job.Status.FAILED, str(getattr(err, "message", err))[:300], {})
        return "failed"
    except Exception as err:  # the job page must say it failed, not hang "running"
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job.pk, Job.Status.FAILED, f"内部错误（{type(err).__name__}），请联系管理员", {})
        return "failed"
    reporter.flush()
    _finish(job.pk, Job.Status.DONE, str(result.pop("message", "完成"))[:300], result)
    return "done"


def _finish(job_id: int, status: str, message: str, result: dict[str, Any]) -> None:
    Job.objects.filter(pk=job_id).update(status=status, message=message, result=result,
                                         finished_at=timezone.now())


class _Reporter:
    """`progress(done, total)` that writes to the job row at most twice a second."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.last = 0.0
        self.state = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self.state = (done, total)
        now = time.monotonic()
        if now - self.last >= 0.5 or done >= total:
            self.flush()
            self.last = now

    def flush(self) -> None:
        done, total = self.state
        Job.objects.filter(pk=self.job_id).update(done=done, total=total)


# ---------------------------------------------------------------------------------------
# the kinds


def _owner(job: Job) -> User:
    if job.owner is None:
        raise Forbidden("任务没有发起人")
    return job.owner


def _rescore(job: Job, progress: Progress) -> dict[str, Any]:
    from jixiao.services.results import results_rescore

    params = job.params
    report = results_rescore(year=params.get("year"), ruleset=params.get("ruleset"),
                             progress=progress)
    return {"message": f"已重新计分 {report.projects} 个项目", "projects": report.projects,
            "unscorable": report.unscorable, "seconds": round(report.seconds, 1)}


def _render_batch(job: Job, progress: Progress) -> dict[str, Any]:
    from jixiao.domain.scoring import score_evaluation
    from jixiao.persistence.mappers import evaluation_from_project
    from jixiao.services.documents import DOCUMENT_NAMES, FORMATS, render_scored

    params = job.params
    kind, fmt = params.get("kind", "report"), params.get("fmt", "pdf")
    if kind not in FORMATS or fmt not in FORMATS[kind]:
        raise Invalid("不支持的文书类型或格式")
    projects = visible_projects(_owner(job))
    if params.get("year"):
        projects = projects.filter(fiscal_year=params["year"])
    if params.get("project_ids"):
        projects = projects.filter(pk__in=params["project_ids"])
    chosen = list(projects.order_by("pk")[:MAX_RENDER])
    out = job_folder(job) / "output"
    skipped = []
    method = zipfile.ZIP_STORED if fmt == "pdf" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for i, project in enumerate(chosen, start=1):
            try:
                scored = score_evaluation(evaluation_from_project(project))
            except InputError as err:
                skipped.append({"project": project.pk, "name": project.name, "error": str(err)})
            else:
                archive.writestr(f"{project.fiscal_year}-{project.pk}-{project.name[:60]}-"
                                 f"{DOCUMENT_NAMES[kind]}.{fmt}", render_scored(scored, kind, fmt))
            progress(i, len(chosen))
    job.file_name = f"jixiao-{DOCUMENT_NAMES[kind]}-{job.pk}.zip"
    Job.objects.filter(pk=job.pk).update(file_name=job.file_name)
    rendered = len(chosen) - len(skipped)
    return {"message": f"已生成 {rendered} 份文书", "rendered": rendered, "skipped": skipped}


def unpack_upload(job: Job, suffixes: tuple[str, ...]) -> list[tuple[str, Path]]:
    """The job's uploaded zip, checked (member count, sizes, names) and unpacked into the
    job folder under safe numbered names: [(name in the zip, path)], in zip order.

    Raises:
        Invalid: not a zip, too many or too large files, or no file with one of `suffixes`.
    """
    source = job_folder(job) / "input.zip"
    target = job_folder(job) / "input"
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise Invalid("上传的文件不是有效的 zip 压缩包") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise Invalid(f"压缩包内文件过多（{len(members)} 个，最多 {MAX_FILES} 个）")
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise Invalid("压缩包解压后过大（最多 300 MB）")
        wanted = [m for m in members
                  if PurePosixPath(m.filename).suffix.lower() in suffixes
                  and not PurePosixPath(m.filename).name.startswith((".", "~$"))]
        if not wanted:
            raise Invalid(f"压缩包内没有 {' / '.join(suffixes)} 文件")
        target.mkdir(exist_ok=True)
        out = []
        for i, member in enumerate(wanted):
            name = member.filename.encode("cp437").decode("gbk", "replace") \
                if not member.flag_bits & 0x800 else member.filename  # Windows zips: GBK names
            path = target / f"{i:04d}{PurePosixPath(member.filename).suffix.lower()}"
            with archive.open(member) as src, path.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            out.append((name, path))
    return out


def _audit_folder(job: Job, progress: Progress) -> dict[str, Any]:
    from jixiao.services.figure_audit import audit_each

    files = unpack_upload(job, (".docx", ".pdf", ".html", ".htm", ".txt"))
    rows = []
    findings = 0
    for i, (name, path) in enumerate(files, start=1):
        audit = audit_each([path])[0]
        findings += len(audit.findings)
        rows.append({"file": name, "error": audit.error,
                     "findings": [json.loads(json.dumps(f.to_json(), default=str))
                                  for f in audit.findings]})
        progress(i, len(files))
    out = job_folder(job) / "output"
    out.write_text(json.dumps({"files": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    job.file_name = f"jixiao-audit-{job.pk}.json"
    Job.objects.filter(pk=job.pk).update(file_name=job.file_name)
    return {"message": f"已核查 {len(files)} 个文件，发现 {findings} 处问题", "files": rows,
            "findings": findings}


def _import_batch(job: Job, progress: Progress) -> dict[str, Any]:
    """Each file `project-<id>….yaml|json` (the export's name) replaces that project's
    evaluation, each in its own transaction (all or nothing per file)."""
    import re

    from jixiao.services.evaluations import evaluation_import

    actor = _owner(job)
    files = unpack_upload(job, (".yaml", ".yml", ".json"))
    rows = []
    for i, (name, path) in enumerate(files, start=1):
        match = re.search(r"project-(\d+)", PurePosixPath(name).name)
        if match is None:
            rows.append({"file": name, "ok": False,
                         "message": "文件名应以 project-<项目编号> 开头（与导出的文件名相同）"})
        else:
            try:
                text = path.read_bytes().decode("utf-8-sig")
                evaluation_import(actor=actor, project_id=int(match.group(1)), text=text)
                rows.append({"file": name, "ok": True, "message": "已导入"})
            except UnicodeDecodeError:
                rows.append({"file": name, "ok": False, "message": "不是 UTF-8 编码的文本"})
            except ServiceError as err:
                detail = "；".join(e.get("message", "") for e in err.errors)
                rows.append({"file": name, "ok": False,
                             "message": err.message + (f"：{detail}" if detail else "")})
        progress(i, len(files))
    ok = sum(1 for r in rows if r["ok"])
    return {"message": f"已导入 {ok} 个文件，{len(rows) - ok} 个未导入", "files": rows}


def _publish_batch(job: Job, progress: Progress) -> dict[str, Any]:
    from jixiao.services.public import report_publish

    actor = _owner(job)
    projects = unpublished_accepted(visible_projects(actor))
    if job.params.get("year"):
        projects = projects.filter(fiscal_year=job.params["year"])
    ids = list(projects.order_by("pk").values_list("pk", flat=True)[:MAX_RENDER])
    errors = []
    for i, pk in enumerate(ids, start=1):
        try:
            report_publish(actor=actor, project_id=pk, ip="job")
        except ServiceError as err:
            errors.append({"project": pk, "message": err.message})
        progress(i, len(ids))
    return {"message": f"已公开 {len(ids) - len(errors)} 份自评报告", "published": len(ids) - len(errors),
            "errors": errors}


def _submission_audit(job: Job, progress: Progress) -> dict[str, Any]:
    """The figure audit of the report as submitted (rendered from the transition's
    snapshot), stored with the transition."""
    from jixiao.domain.scoring import score_evaluation
    from jixiao.ingest.evaluation_file import parse_evaluation
    from jixiao.services.documents import report_figure_audit

    transition = sel.transition_by_id(job.params["transition_id"])
    progress(0, 1)
    try:
        scored = score_evaluation(parse_evaluation(transition.snapshot, f"项目 {job.project_id}"))
        found: list[dict[str, Any]] = [json.loads(json.dumps(f.to_json(), default=str))
                                       for f in report_figure_audit(scored)]
    except Exception as err:  # fonts or engines missing: record it, never block anything
        found = [{"code": "audit-unavailable", "severity": "info",
                  "message": f"报告数字核查未能运行：{type(err).__name__}"}]
    Transition.objects.filter(pk=transition.pk).update(audit_findings=found)
    progress(1, 1)
    return {"message": f"报告数字核查完成：{len(found)} 处发现", "findings": len(found)}


KINDS: dict[str, Kind] = {
    "rescore": Kind("重新计分", (User.Role.FINANCE,), _rescore),
    "render_batch": Kind("批量生成文书", (User.Role.UNIT, User.Role.DEPARTMENT, User.Role.FINANCE),
                         _render_batch),
    "audit_folder": Kind("报告文件夹数字核查", (User.Role.UNIT, User.Role.DEPARTMENT,
                                                User.Role.FINANCE), _audit_folder),
    "import_batch": Kind("批量导入自评文件", (User.Role.UNIT,), _import_batch),
    "publish_batch": Kind("批量公开自评报告", (User.Role.FINANCE,), _publish_batch),
    "submission_audit": Kind("提交时的报告数字核查", (), _submission_audit),
}
