"""Backup and restore (issue 9, deliverable 9): backup → change → restore gives back the
same rows and evidence files on SQLite and on PostgreSQL; the audit chain still verifies;
a non-empty database is refused without --force; a damaged archive is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from tests.dbchild import KINDS, database, django, run

pytestmark = pytest.mark.slow

STATE = """
    import hashlib, io, json
    from pathlib import Path
    from django.conf import settings
    from django.core.management import call_command
    out = io.StringIO()
    call_command("dumpdata", "persistence", "auth.group", natural_foreign=True, stdout=out)
    rows = sorted(json.loads(out.getvalue()), key=lambda r: (r["model"], str(r["pk"])))
    root = Path(settings.EVIDENCE_DIR)
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in root.rglob("*") if p.is_file()}
    print(json.dumps({"rows": rows, "files": files}, sort_keys=True))
"""

SEED = """
    from jixiao.persistence.models import Project, User
    from jixiao.services.audit import audit_record
    from jixiao.services.demo import demo_load
    from jixiao.services.evidence import evidence_upload
    demo_load()
    unit1 = User.objects.get(username="unit1")
    project = Project.objects.get(name="房租及物业补助经费项目")
    for i in range(3):
        evidence_upload(actor=unit1, project_id=project.pk, name=f"合同{i}.pdf",
                        data=b"%PDF-1.4 " + bytes([i]) * 5000)
    audit_record(kind="workflow_return", actor="dept", target="项目", detail="退回：需补充")
"""

CHANGE = """
    from jixiao.persistence.models import Evidence, Project, User
    from jixiao.services.audit import audit_record
    from jixiao.services.evidence import evidence_delete, evidence_upload
    unit1 = User.objects.get(username="unit1")
    project = Project.objects.get(name="房租及物业补助经费项目")
    Project.objects.filter(pk=project.pk).update(name="改过的名字")
    evidence_delete(actor=unit1, project_id=project.pk,
                    evidence_id=Evidence.objects.filter(project=project).first().pk)
    evidence_upload(actor=unit1, project_id=project.pk, name="新.pdf", data=b"%PDF-1.4 new")
    User.objects.create(username="intruder")
    audit_record(kind="login", actor="intruder")
"""


def state(env: dict[str, str]) -> dict[str, object]:
    return json.loads(django(env, STATE).stdout)  # type: ignore[no-any-return]


def differences(a: dict[str, object], b: dict[str, object]) -> list[object]:
    """The rows and files that differ between two states (a short failure message instead
    of pytest's diff of the whole database)."""
    out: list[object] = []
    if a["files"] != b["files"]:
        out.append(("files", a["files"], b["files"]))
    rows_a = {(r["model"], str(r["pk"])): r for r in a["rows"]}  # type: ignore[attr-defined]
    rows_b = {(r["model"], str(r["pk"])): r for r in b["rows"]}  # type: ignore[attr-defined]
    for key in sorted(set(rows_a) | set(rows_b)):
        left, right = rows_a.get(key), rows_b.get(key)
        if left != right:
            fields = sorted(k for k in {**(left or {}).get("fields", {}),
                                        **(right or {}).get("fields", {})}
                            if (left or {}).get("fields", {}).get(k)
                            != (right or {}).get("fields", {}).get(k))
            out.append((key, {k: ((left or {}).get("fields", {}).get(k),
                                  (right or {}).get("fields", {}).get(k)) for k in fields}))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_backup_change_restore_round_trip(kind, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    with database(kind, tmp_path / "a") as env:
        django(env, SEED)
        before = state(env)
        assert len(before["files"]) == 3  # type: ignore[arg-type]
        made = run(env, "backup", str(archive), "--json")
        assert json.loads(made.stdout)["evidence_files"] == 3
        assert run(env, "backup", str(archive), check=False).returncode == 2  # never overwritten
        django(env, CHANGE)
        assert state(env) != before
        refused = run(env, "restore", str(archive), check=False)
        assert refused.returncode == 2 and "--force" in refused.stderr
        run(env, "restore", str(archive), "--force")
        assert not differences(state(env), before)
        assert run(env, "auditlog", "verify").returncode == 0
    # into a new, empty database (and from SQLite into PostgreSQL where it runs)
    for target in KINDS:
        target_kind = target if isinstance(target, str) else target.values[0]
        if target_kind == "postgres" and not _pg():
            continue
        with database(target_kind, tmp_path / f"b-{target_kind}", migrate=False) as fresh:
            run(fresh, "restore", str(archive))
            assert not differences(state(fresh), before), target_kind
            assert run(fresh, "auditlog", "verify").returncode == 0


def _pg() -> bool:
    from tests.dbchild import PG_URL

    return bool(PG_URL)


def test_damaged_archives_are_refused(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    with database("sqlite", tmp_path / "a") as env:
        django(env, SEED)
        run(env, "backup", str(archive))
        assert run(env, "restore", "--check", str(archive)).returncode == 0
    raw = bytearray(archive.read_bytes())
    cases = {"truncated.tar.gz": bytes(raw[: len(raw) // 2]), "text.tar.gz": b"not a backup"}
    # a member changed after the backup: repack data.json with one row edited
    import io
    import tarfile

    out = io.BytesIO()
    with tarfile.open(archive, "r:gz") as src, tarfile.open(fileobj=out, mode="w:gz") as dst:
        for info in src.getmembers():
            content = src.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == "data.json":
                content = content.replace("退回：需补充".encode(), "通过".encode())
                info.size = len(content)
            dst.addfile(info, io.BytesIO(content))
    cases["edited.tar.gz"] = out.getvalue()
    with database("sqlite", tmp_path / "c", migrate=False) as fresh:
        for name, content in cases.items():
            path = tmp_path / name
            path.write_bytes(content)
            proc = run(fresh, "restore", str(path), check=False)
            assert proc.returncode == 2 and "Traceback" not in proc.stderr, (name, proc.stderr)
        assert "校验和不符" in run(fresh, "restore", str(tmp_path / "edited.tar.gz"),
                                 check=False).stderr
        # nothing was restored by the failures
        assert json.loads(django(fresh, STATE).stdout)["files"] == {}


def test_hash_of_archive_is_stable_for_the_manifest(tmp_path):
    """The manifest lists each member's SHA-256: a restore checks every byte."""
    archive = tmp_path / "b.tar.gz"
    with database("sqlite", tmp_path / "a") as env:
        django(env, SEED)
        run(env, "backup", str(archive))
    import tarfile

    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        for name, meta in manifest["members"].items():
            content = tar.extractfile(name).read()  # type: ignore[union-attr]
            assert hashlib.sha256(content).hexdigest() == meta["sha256"]
    assert manifest["format"] == "jixiao.backup/1" and Path(archive).stat().st_size > 0


def test_backup_serialisation_keeps_microseconds():
    """Django's json format writes 21:19:16.000123 as 21:19:16.000, which a restore read
    back as 21:19:16: the backup's format keeps all six digits and loads back exactly."""
    import datetime

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.dateparse import parse_datetime

    from jixiao.persistence.exact_json import ExactEncoder

    at = datetime.datetime(2026, 12, 4, 21, 19, 16, 123, tzinfo=datetime.UTC)
    assert json.loads(json.dumps(at, cls=DjangoJSONEncoder)) == "2026-12-04T21:19:16.000Z"
    text = json.loads(json.dumps(at, cls=ExactEncoder))
    assert text == "2026-12-04T21:19:16.000123Z" and parse_datetime(text) == at
