"""Evidence attachments (佐证材料): upload with size and type limits (the content is sniffed,
not just the extension), safe storage under random names, safe display names, download for
whoever may see the project, delete while the evaluation is editable."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

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


def _path(stored_name: str) -> Path:
    return Path(settings.EVIDENCE_DIR) / stored_name[:2] / stored_name


def evidence_list(*, actor: User, project_id: int) -> QuerySet[Evidence]:
    """The attachments of a visible project."""
    project = visible_project(actor, project_id)
    return Evidence.objects.filter(project=project).select_related("uploaded_by")


def evidence_upload(*, actor: User, project_id: int, name: str, data: bytes,
                    indicator_index: int | None = None) -> Evidence:
    """Store one attachment (own unit, editable state)."""
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
        if Evidence.objects.filter(project=project).count() >= MAX_FILES_PER_PROJECT:
            errors.append({"field": "file", "message": f"每个项目最多 {MAX_FILES_PER_PROJECT} 个附件"})
        if errors:
            raise Invalid("附件未上传", errors)
        stored = secrets.token_hex(16) + ext
        path = _path(stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        try:
            evidence = Evidence.objects.create(
                project=project, indicator_index=indicator_index, original_name=display,
                stored_name=stored, content_type=ALLOWED[ext][0], size=len(data),
                sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor,
                uploaded_at=timezone.now())
            FieldChange.objects.create(project=project, path="evidence",
                                       label=f"上传佐证材料「{display}」", new_value=evidence.sha256,
                                       actor=actor, at=timezone.now())
        except Exception:
            path.unlink(missing_ok=True)
            raise
        return evidence


def _evidence(project_id: int, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.filter(project_id=project_id, pk=evidence_id).first()
    if evidence is None:
        raise NotFound()
    return evidence


def evidence_open(*, actor: User, project_id: int, evidence_id: int) -> tuple[Evidence, bytes]:
    """An attachment of a visible project and its bytes."""
    visible_project(actor, project_id)
    evidence = _evidence(project_id, evidence_id)
    try:
        return evidence, _path(evidence.stored_name).read_bytes()
    except OSError:
        raise NotFound("附件文件缺失") from None


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
