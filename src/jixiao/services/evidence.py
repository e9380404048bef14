"""Evidence attachments (佐证材料): upload with size and type limits (the content is sniffed,
not just the extension), safe storage under random names, safe display names, download for
whoever may see the project, delete while the evaluation is editable."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.models import Evidence, FieldChange, User
from jixiao.services.access import visible_project
from jixiao.services.errors import Invalid, NotFound
from jixiao.services.evaluations import require_edit

#: extension → (content type, check of the first bytes)
ALLOWED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
}
MAX_FILES_PER_PROJECT = 50


def safe_name(name: str) -> str:
    """A display name without paths, control characters or markup-significant characters:
    letters (incl. Chinese), digits, space and ``._-（）()`` only; at most 100 characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isalnum() or c in " ._-（）()")
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > 100:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 100 - len(ext) - 1] + dot + ext) if dot else name[:100]
    return name or "附件"


#: Folder (inside EVIDENCE_DIR) for files whose database row is not committed yet.
INCOMING = ".incoming"


def _path(stored_name: str) -> Path:
    return Path(settings.EVIDENCE_DIR) / stored_name[:2] / stored_name


def _incoming(stored_name: str) -> Path:
    return Path(settings.EVIDENCE_DIR) / INCOMING / stored_name


def _write_incoming(stored_name: str, data: bytes) -> Path:
    """Write the bytes under their final name in the incoming folder, flushed to disk: a
    file is either here (not committed yet) or in its final place, never anywhere else."""
    path = _incoming(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path


def _move_into_place(stored_name: str) -> None:
    """After the commit: the incoming file becomes the stored file (one atomic rename)."""
    final = _path(stored_name)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_incoming(stored_name), final)


def evidence_list(*, actor: User, project_id: int) -> QuerySet[Evidence]:
    """The attachments of a visible project."""
    project = visible_project(actor, project_id)
    return psel.evidence_of(project)


def evidence_upload(*, actor: User, project_id: int, name: str, data: bytes,
                    indicator_index: int | None = None) -> Evidence:
    """Store one attachment (own unit, editable state).

    Atomic with the database: the file waits in the incoming folder and is moved into place
    only when the row is committed (`transaction.on_commit`); if anything fails before the
    commit it is removed. A crash in between leaves an incoming file that
    `evidence_orphans` removes (no row) or moves into place (row committed).
    """
    written: list[Path] = []
    try:
        with transaction.atomic():
            project = visible_project(actor, project_id, for_update=True)
            require_edit(actor, project)
            display = safe_name(name)
            ext = Path(display).suffix.lower()
            errors = []
            if ext not in ALLOWED:
                errors.append({"field": "file",
                               "message": "只接受 PDF、PNG、JPG、Word（.docx）、Excel（.xlsx）文件"})
            elif not data.startswith(ALLOWED[ext][1]):
                errors.append({"field": "file", "message": f"文件内容与扩展名 {ext} 不符"})
            if not data:
                errors.append({"field": "file", "message": "文件为空"})
            if len(data) > settings.EVIDENCE_MAX_BYTES:
                errors.append({"field": "file", "message":
                               f"文件超过 {settings.EVIDENCE_MAX_BYTES // (1024 * 1024)} MB"})
            count = len(project.document.get("indicators", []))
            if indicator_index is not None and not 0 <= indicator_index < count:
                errors.append({"field": "indicator", "message": "指标序号无效"})
            if psel.evidence_count(project) >= MAX_FILES_PER_PROJECT:
                errors.append({"field": "file",
                               "message": f"每个项目最多 {MAX_FILES_PER_PROJECT} 个附件"})
            if errors:
                raise Invalid("附件未上传", errors)
            stored = secrets.token_hex(16) + ext
            written.append(_write_incoming(stored, data))
            evidence = Evidence.objects.create(
                project=project, indicator_index=indicator_index, original_name=display,
                stored_name=stored, content_type=ALLOWED[ext][0], size=len(data),
                sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor,
                uploaded_at=timezone.now())
            FieldChange.objects.create(project=project, path="evidence",
                                       label=f"上传佐证材料「{display}」", new_value=evidence.sha256,
                                       actor=actor, at=timezone.now())
            # robust: a failed move after the commit must not undo the upload in the
            # caller's eyes; the file stays incoming and evidence_open still finds it
            transaction.on_commit(lambda: _move_into_place(stored), robust=True)
    except BaseException:
        for path in written:  # rolled back: the file must not outlive its row
            path.unlink(missing_ok=True)
        raise
    return evidence


def _evidence(project_id: int, evidence_id: int) -> Evidence:
    evidence = psel.evidence_item(project_id, evidence_id)
    if evidence is None:
        raise NotFound()
    return evidence


def evidence_open(*, actor: User, project_id: int, evidence_id: int) -> tuple[Evidence, bytes]:
    """An attachment of a visible project and its bytes."""
    visible_project(actor, project_id)
    evidence = _evidence(project_id, evidence_id)
    for path in (_path(evidence.stored_name), _incoming(evidence.stored_name)):
        # (just committed: the move into place may not have run yet)
        try:
            return evidence, path.read_bytes()
        except OSError:
            continue
    raise NotFound("附件文件缺失")


def evidence_delete(*, actor: User, project_id: int, evidence_id: int) -> None:
    """Delete an attachment (own unit, editable state)."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        evidence = _evidence(project.pk, evidence_id)
        FieldChange.objects.create(project=project, path="evidence",
                                   label=f"删除佐证材料「{evidence.original_name}」",
                                   old_value=evidence.sha256, actor=actor, at=timezone.now())
        evidence.delete()
        stored = evidence.stored_name
        transaction.on_commit(lambda: _path(stored).unlink(missing_ok=True))


@dataclass(frozen=True, slots=True)
class OrphanReport:
    """What `evidence_orphans` found (and did, when applied): stored names."""

    orphans: tuple[str, ...]  # files without a row (removed when applied)
    completed: tuple[str, ...]  # committed rows whose file was still incoming (moved)
    missing: tuple[str, ...]  # rows without any file (reported only: a person must decide)
    recent: tuple[str, ...]  # incoming files younger than the grace period (left alone)
    applied: bool

    def to_json(self) -> dict[str, object]:
        return {"applied": self.applied, "orphans": list(self.orphans),
                "completed": list(self.completed), "missing": list(self.missing),
                "recent": list(self.recent)}


def evidence_orphans(*, apply: bool = False, grace_seconds: float = 600) -> OrphanReport:
    """Compare the evidence folder with the database (a maintenance task, no actor).

    Every file is either in its final place (``xx/<name>``) or incoming (``.incoming/<name>``).
    A file without a row is an orphan; an incoming file younger than `grace_seconds` may
    belong to an upload still in progress and is left alone. With `apply`, orphans are
    removed and committed incoming files are moved into place; without it nothing changes.
    """
    root = Path(settings.EVIDENCE_DIR)
    files: dict[str, list[Path]] = {}
    if root.is_dir():
        for path in root.glob("*/*"):
            if path.is_file():
                files.setdefault(path.name, []).append(path)
    known = psel.evidence_known(list(files))
    now = time.time()
    orphans, completed, recent = [], [], []
    for name, paths in sorted(files.items()):
        for path in paths:
            incoming = path.parent.name == INCOMING
            if name in known:
                if incoming and not _path(name).exists():
                    completed.append(name)
                    if apply:
                        _move_into_place(name)
                elif incoming:  # a stale copy beside the stored file
                    orphans.append(name)
                    if apply:
                        path.unlink(missing_ok=True)
                continue
            if incoming and now - path.stat().st_mtime < grace_seconds:
                recent.append(name)
                continue
            orphans.append(name)
            if apply:
                path.unlink(missing_ok=True)
    missing = psel.evidence_missing(list(files))
    return OrphanReport(tuple(orphans), tuple(completed), tuple(missing), tuple(recent), apply)
