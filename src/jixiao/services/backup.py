"""Backup and restore of the whole installation: database rows and evidence files.

Archive format ``jixiao.backup/1``: a gzip-compressed tar with

- ``manifest.json`` — format, jixiao version, time, source database vendor, the applied
  migrations, row counts per model, and the SHA-256 and size of every other member;
- ``data.json`` — every row of the application's tables and the accounts (Django's
  serialisation, natural keys for content types and permissions), read in one
  transaction (REPEATABLE READ on PostgreSQL, one read transaction on SQLite), so the
  rows are consistent with each other;
- ``evidence/<stored name>`` — the file of every evidence row in `data.json`.

The archive is written under a temporary name and renamed when complete. Restoring
checks the archive first (members, hashes, each evidence file against its row's SHA-256,
migrations known to this version), then loads the rows in one transaction into a migrated
database that must be empty unless `force`; evidence files are staged beside the evidence
folder and moved into place only after the commit (removed on failure). A backup taken on
SQLite restores into PostgreSQL and back.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from jixiao import __version__
from jixiao.domain.errors import InputError

FORMAT = "jixiao.backup/1"
#: What is backed up: the application's tables and the accounts' groups. Content types and
#: permissions are made by `migrate` (referenced by natural key); sessions are not kept.
DUMPED = ("persistence", "auth.group")
_NAME = re.compile(r"evidence/[0-9a-f]{32}\.[a-z]{3,4}")
#: Largest member accepted when restoring (the data of 100 000 projects is ~1 GB).
MAX_MEMBER_BYTES = 4 * 1024 ** 3


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds (from its manifest)."""

    path: str
    created_at: str
    vendor: str
    counts: dict[str, int]
    evidence_files: int

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "format": FORMAT, "created_at": self.created_at,
                "database": self.vendor, "counts": self.counts,
                "evidence_files": self.evidence_files}


def _models(*, with_links: bool = False) -> list[Any]:
    """The backed-up models; `with_links` adds the many-to-many link tables (accounts ↔
    groups and permissions), which are saved inside their rows but deleted on their own."""
    found = list(apps.get_app_config("persistence").get_models(include_auto_created=with_links))
    found.append(apps.get_model("auth", "Group"))
    return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _evidence_file(stored_name: str) -> Path:
    from jixiao.services.evidence import _incoming, _path

    final = _path(stored_name)
    return final if final.exists() else _incoming(stored_name)


def backup_write(out: Path) -> BackupSummary:
    """Write a backup of the configured database and the evidence files to `out`.

    Raises:
        InputError: `out` exists, or an evidence file of a row is missing.
    """
    if out.exists():
        raise InputError("目标文件已存在，请换一个文件名 / output exists", file=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":  # one snapshot for every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # exact_json keeps microseconds (Django's json format drops all below a millisecond)
        call_command("dumpdata", *DUMPED, format="exact_json", natural_foreign=True,
                     indent=None, stdout=data, verbosity=0)
        counts = {m._meta.label: m._base_manager.count() for m in _models()}
        migrations = sorted(f"{app}.{name}" for app, name in
                            MigrationRecorder(connection).applied_migrations())
    payload = data.getvalue().encode("utf-8")
    rows = json.loads(payload)
    evidence = {r["fields"]["stored_name"]: r["fields"]["sha256"] for r in rows
                if r["model"] == "persistence.evidence"}
    members: dict[str, dict[str, object]] = {
        "data.json": {"sha256": _sha256(payload), "size": len(payload)}}
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tarfile.open(tmp, "w:gz") as tar:
            _add(tar, "data.json", payload)
            for name, digest in sorted(evidence.items()):
                path = _evidence_file(name)
                try:
                    content = path.read_bytes()
                except OSError:
                    raise InputError(f"佐证材料文件缺失：{name}（请先运行 jixiao evidence orphans）"
                                     " / evidence file missing", file=str(path)) from None
                if _sha256(content) != digest:
                    raise InputError(f"佐证材料文件与记录的哈希不符：{name} / evidence file "
                                     "does not match its row", file=str(path))
                members[f"evidence/{name}"] = {"sha256": digest, "size": len(content)}
                _add(tar, f"evidence/{name}", content)
            manifest = {"format": FORMAT, "jixiao": __version__,
                        "created_at": timezone.now().isoformat(), "database": connection.vendor,
                        "migrations": migrations, "counts": counts, "members": members}
            _add(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1)
                 .encode("utf-8"))
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return BackupSummary(str(out), str(manifest["created_at"]), connection.vendor, counts,
                         len(evidence))


def _add(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


class _Archive:
    """A backup archive opened for reading; every member checked against the manifest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        source = str(path)
        try:
            self.tar = tarfile.open(path, "r:gz")  # noqa: SIM115  (closed by close())
            self.infos = {i.name: i for i in self.tar.getmembers()}
        except FileNotFoundError:
            raise InputError("备份文件不存在 / backup not found", file=source) from None
        except (tarfile.TarError, OSError, EOFError) as err:
            raise InputError(f"不是有效的 jixiao 备份文件（{type(err).__name__}）"
                             " / not a jixiao backup", file=source) from None
        try:
            self.manifest = json.loads(self.read("manifest.json", check=False))
        except ValueError:
            raise InputError("备份清单（manifest.json）已损坏 / damaged manifest",
                             file=source) from None
        if not isinstance(self.manifest, dict) or self.manifest.get("format") != FORMAT:
            raise InputError(f"备份格式不符（应为 {FORMAT}）/ unknown backup format",
                             file=source)
        members = self.manifest.get("members", {})
        extra = set(self.infos) - set(members) - {"manifest.json"}
        if extra:
            raise InputError(f"备份中有清单之外的文件：{sorted(extra)[:3]} / unexpected members",
                             file=source)
        for name in members:
            if name != "data.json" and not _NAME.fullmatch(name):
                raise InputError(f"备份中的文件名不合规：{name[:80]!r} / bad member name",
                                 file=source)
            if name not in self.infos:
                raise InputError(f"备份不完整：缺少 {name} / member missing", file=source)

    def read(self, name: str, *, check: bool = True) -> bytes:
        info = self.infos.get(name)
        if info is None or not info.isfile():
            raise InputError(f"备份不完整：缺少 {name} / member missing", file=str(self.path))
        if info.size > MAX_MEMBER_BYTES:
            raise InputError(f"备份成员过大：{name} / member too large", file=str(self.path))
        handle = self.tar.extractfile(info)
        assert handle is not None
        content = handle.read()
        if check:
            expected = self.manifest["members"][name]
            if _sha256(content) != expected.get("sha256") or len(content) != expected.get("size"):
                raise InputError(f"备份已损坏：{name} 的校验和不符 / checksum mismatch",
                                 file=str(self.path))
        return content

    def evidence(self) -> Iterator[tuple[str, bytes]]:
        for name in self.manifest["members"]:
            if name.startswith("evidence/"):
                yield name.removeprefix("evidence/"), self.read(name)

    def close(self) -> None:
        self.tar.close()


def backup_verify(archive: Path) -> BackupSummary:
    """Check an archive completely without restoring it (see the module docstring).

    Raises:
        InputError: what is wrong with it, in plain words.
    """
    backup = _Archive(archive)
    try:
        rows = json.loads(backup.read("data.json"))
        _check_evidence(backup, rows)
        _check_migrations(backup)
        return _summary(backup)
    finally:
        backup.close()


def _summary(backup: _Archive) -> BackupSummary:
    m = backup.manifest
    files = sum(1 for n in m["members"] if n.startswith("evidence/"))
    return BackupSummary(str(backup.path), str(m.get("created_at", "")),
                         str(m.get("database", "")), dict(m.get("counts", {})), files)


def _check_evidence(backup: _Archive, rows: list[dict[str, Any]]) -> dict[str, bytes]:
    wanted = {r["fields"]["stored_name"]: r["fields"]["sha256"] for r in rows
              if r.get("model") == "persistence.evidence"}
    files = dict(backup.evidence())
    for name, digest in wanted.items():
        if name not in files:
            raise InputError(f"备份缺少佐证材料文件 {name} / evidence file missing",
                             file=str(backup.path))
        if _sha256(files[name]) != digest:
            raise InputError(f"佐证材料文件 {name} 与记录不符 / evidence file mismatch",
                             file=str(backup.path))
    return files


def _check_migrations(backup: _Archive) -> None:
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(backup.manifest.get("migrations", [])) - known)
    if unknown:
        raise InputError(f"备份来自更新的版本（迁移 {unknown[:3]} 不认识），请先升级 jixiao"
                         " / backup is from a newer version", file=str(backup.path))


#: Tables that hold data people entered (`migrate` alone seeds the indicator library and
#: the audit chain's head, so those do not count).
_DATA_MODELS = ("User", "Organisation", "Project", "AuditEvent", "Evidence", "PublishedReport")


def database_is_empty() -> bool:
    """True for a freshly migrated database: no accounts, organisations, projects, audit
    events, evidence or published reports."""
    return not any(apps.get_model("persistence", name)._base_manager.exists()
                   for name in _DATA_MODELS)


def backup_restore(archive: Path, *, force: bool = False) -> BackupSummary:
    """Restore `archive` into the configured (migrated) database and the evidence folder.

    Raises:
        InputError: the archive is damaged or from a newer version, or the database is not
            empty and `force` is not given. Nothing is changed then.
    """
    backup = _Archive(archive)
    staging: Path | None = None
    try:
        payload = backup.read("data.json")
        rows = json.loads(payload)
        files = _check_evidence(backup, rows)
        _check_migrations(backup)
        if not force and not database_is_empty():
            raise InputError("数据库不是空的：恢复会覆盖现有数据。确认无误请加 --force"
                             " / the database is not empty (use --force to overwrite)",
                             file=str(archive))
        root = Path(settings.EVIDENCE_DIR)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
        for name, content in files.items():
            (staging / name).write_bytes(content)
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as handle:
            handle.write(payload)
            fixture = Path(handle.name)
        try:
            with transaction.atomic():
                # all-or-nothing: the deletions roll back with any failure; foreign keys are
                # checked at the commit, so the order does not matter
                for model in _models(with_links=True):
                    model._base_manager.all()._raw_delete(model._base_manager.db)
                # sessions name users by id: none may survive into the restored accounts
                apps.get_model("sessions", "Session").objects.all().delete()
                call_command("loaddata", str(fixture), verbosity=0)
                moved = staging
                transaction.on_commit(lambda: _place_evidence(moved, set(files)))
        finally:
            fixture.unlink(missing_ok=True)
        staging = None  # handed to the commit hook
        return _summary(backup)
    finally:
        backup.close()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _place_evidence(staging: Path, names: set[str]) -> None:
    """After the commit: staged files into place; files no row refers to any more removed."""
    from jixiao.services.evidence import evidence_orphans

    root = Path(settings.EVIDENCE_DIR)
    for name in names:
        final = root / name[:2] / name
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, final)
    shutil.rmtree(staging, ignore_errors=True)
    evidence_orphans(apply=True, grace_seconds=0)
