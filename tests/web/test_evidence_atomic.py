"""Evidence files atomic with the database (issue 9, "What was seen" 8: kill -9 during an
upload left files without a row, 7 of 50 kills).

A child process uploads and deletes evidence in a loop and is killed with SIGKILL at a
random moment, again and again. Afterwards `jixiao evidence orphans` (dry run) sees every
left-over file, and with --apply the folder matches the database exactly: each row has its
file in place, no file lacks a row, nothing hides between the temporary and final name.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.dbchild import ROOT, database, django, run

pytestmark = pytest.mark.slow

LOOP = """
import itertools, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
django.setup()
from jixiao.persistence.models import Evidence, Project, User
from jixiao.services.evidence import evidence_delete, evidence_upload
unit1 = User.objects.get(username="unit1")
project = Project.objects.get(name="房租及物业补助经费项目")
print("ready", flush=True)
for i in itertools.count():
    evidence_upload(actor=unit1, project_id=project.pk, name=f"合同{i}.pdf",
                    data=b"%PDF-1.4\\n" + os.urandom(200_000))
    if i % 2:
        first = Evidence.objects.filter(project=project).first()
        evidence_delete(actor=unit1, project_id=project.pk, evidence_id=first.pk)
"""


def _files(root: Path) -> dict[str, Path]:
    return {p.name: p for p in root.rglob("*") if p.is_file()}


def test_kill_during_uploads_leaves_nothing_the_cleanup_cannot_see(tmp_path):
    rng = random.Random(9)
    with database("sqlite", tmp_path) as env:
        django(env, "from jixiao.services.demo import demo_load\ndemo_load()")
        for _ in range(8):
            child = subprocess.Popen([sys.executable, "-c", LOOP], env=env, cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.05, 0.6))
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        evidence_dir = Path(env["JIXIAO_EVIDENCE_DIR"])
        on_disk = _files(evidence_dir)
        dry = run(env, "evidence", "orphans", "--json", "--grace-seconds", "0", check=False)
        found = json.loads(dry.stdout)
        rows = set(json.loads(django(env, """
            import json
            from jixiao.persistence.models import Evidence
            print(json.dumps(list(Evidence.objects.values_list("stored_name", flat=True))))
        """).stdout))
        # every file on disk is either a row's file or something the dry run names
        unexplained = set(on_disk) - rows - set(found["orphans"])
        assert not unexplained and not found["missing"], (unexplained, found)
        assert run(env, "evidence", "orphans", "--apply", "--grace-seconds", "0",
                   check=False).returncode == 0
        after = _files(evidence_dir)
        assert set(after) == rows
        assert all(p.parent.name == name[:2] for name, p in after.items())  # all in place
        again = json.loads(run(env, "evidence", "orphans", "--json").stdout)
        assert again["orphans"] == again["completed"] == again["missing"] == []


def test_rollback_removes_the_file_and_commit_moves_it(tmp_path):
    with database("sqlite", tmp_path) as env:
        out = django(env, """
            from pathlib import Path
            from django.conf import settings
            from django.db import transaction
            from jixiao.persistence import models
            from jixiao.persistence.models import Project, User
            from jixiao.services.demo import demo_load
            from jixiao.services.evidence import evidence_upload
            demo_load()
            unit1 = User.objects.get(username="unit1")
            project = Project.objects.get(name="房租及物业补助经费项目")
            root = Path(settings.EVIDENCE_DIR)
            files = lambda: sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                                   if p.is_file())
            # 1. the upload's own transaction fails after the file was written: file removed
            original = models.FieldChange.objects.create
            def boom(**kwargs):
                raise RuntimeError("disk full")
            models.FieldChange.objects.create = boom
            try:
                evidence_upload(actor=unit1, project_id=project.pk, name="a.pdf", data=b"%PDF-1 a")
            except RuntimeError:
                pass
            models.FieldChange.objects.create = original
            print("after failure", files())
            # 2. committed: moved into place
            e = evidence_upload(actor=unit1, project_id=project.pk, name="b.pdf", data=b"%PDF-1 b")
            print("after commit", files() == [f"{e.stored_name[:2]}/{e.stored_name}"])
            # 3. an outer transaction rolls back after the upload: the file stays incoming
            class Undo(Exception):
                pass
            try:
                with transaction.atomic():
                    evidence_upload(actor=unit1, project_id=project.pk, name="c.pdf",
                                    data=b"%PDF-1 c")
                    raise Undo()
            except Undo:
                pass
            print("after outer rollback", sum(f.startswith(".incoming/") for f in files()))
        """)
        assert out.stdout.splitlines() == ["after failure []", "after commit True",
                                           "after outer rollback 1"], out.stdout
        # …where the cleanup sees it: an orphan (no row), removed with --apply
        result = json.loads(run(env, "evidence", "orphans", "--json", "--grace-seconds", "0",
                                check=False).stdout)
        assert len(result["orphans"]) == 1 and not result["missing"]
