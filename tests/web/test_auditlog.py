"""Tamper-evident audit log (issue 9, "What was seen" 9): a hash chain that catches an
altered, deleted or inserted entry; `jixiao auditlog verify` per CONTRACTS.md §7; no fork
under concurrent writers; the audit page paged and filtered in the database, exported."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.dbchild import KINDS, database, django, run

from jixiao.persistence.models import AuditEvent
from jixiao.services.audit import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def _events(n: int = 5) -> list[AuditEvent]:
    return [audit_record(kind="login_failed", actor=f"user{i}", ip="10.0.0.1") for i in range(n)]


def test_chain_is_intact_and_each_entry_links_to_the_previous(users):
    events = _events()
    assert audit_verify().broken is None
    for before, after in itertools.pairwise(events):
        assert after.prev_sha256 == before.sha256 and after.seq == before.seq + 1


def test_an_altered_entry_is_named(users):
    events = _events()
    AuditEvent.objects.filter(pk=events[2].pk).update(detail="退回 → 通过")  # edited in the DB
    broken = audit_verify().broken
    assert broken is not None and broken["id"] == events[2].pk and "修改" in str(broken["reason"])


def test_an_altered_time_is_caught(users):
    events = _events()
    AuditEvent.objects.filter(pk=events[1].pk).update(at=events[1].at - timedelta(days=1))
    assert audit_verify().broken["id"] == events[1].pk  # type: ignore[index]


@pytest.mark.parametrize("which", [0, 2, -1])
def test_a_deleted_entry_is_caught(users, which):
    events = _events()
    last_seq = AuditEvent.objects.order_by("-seq").first().seq
    AuditEvent.objects.filter(pk=events[which].pk).delete()
    broken = audit_verify().broken
    assert broken is not None
    if which == -1:  # the newest one: the head no longer matches
        assert broken["id"] is None and str(last_seq) in str(broken["reason"])
    else:
        assert broken["seq"] == events[which].seq + 1


def test_an_inserted_entry_is_caught(users):
    events = _events()
    forged = AuditEvent.objects.create(at=timezone.now(), actor="x", kind="login", seq=None)
    assert audit_verify().broken["id"] == forged.pk  # type: ignore[index]
    forged.delete()
    # re-numbered to sit between two entries: its link and the next one's do not fit
    AuditEvent.objects.filter(seq__gte=events[3].seq).update(seq=None)
    for e in reversed(events[3:]):
        AuditEvent.objects.filter(pk=e.pk).update(seq=e.seq + 1)
    AuditEvent.objects.create(at=timezone.now(), actor="x", kind="role_assigned",
                              seq=events[3].seq, prev_sha256=events[2].sha256, sha256="0" * 64)
    assert audit_verify().broken["seq"] == events[3].seq  # type: ignore[index]


def test_audit_page_is_paged_and_filtered_in_the_database(as_persona, users):
    """The page showed only the newest 500: a failed-login flood hid the older 退回."""
    audit_record(kind="transition", actor="dept", target="项目 7", detail="退回：预算数有误")
    for _ in range(600):
        audit_record(kind="login_failed", actor="bot", ip="10.9.9.9")
    client = as_persona("auditadmin")
    page = client.get("/admin/audit/").content.decode()
    assert "退回" not in page and "第 1 页" in page  # the flood is newest: page 1 is all bot
    found = client.get("/admin/audit/", {"actor": "dept", "kind": "transition"}).content.decode()
    assert "退回：预算数有误" in found and "bot" not in found
    last = client.get("/admin/audit/", {"page": "last"}).content.decode()
    assert "login_failed" in last or "退回" in last
    since = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d")
    assert "暂无记录" in client.get("/admin/audit/", {"since": since}).content.decode()
    bad = client.get("/admin/audit/", {"since": "2024-13-45"})
    assert bad.status_code == 200 and "日期格式" in bad.content.decode()


def test_audit_export_csv_and_xlsx(as_persona, users):
    audit_record(kind="transition", actor="dept", target="项目 7", detail="退回")
    client = as_persona("auditadmin")
    response = client.get("/admin/audit/export.csv", {"kind": "transition"})
    assert response.status_code == 200 and response["Cache-Control"].startswith("no-store")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["序号", "时间", "操作人"] and any("退回" in r for row in rows for r in row)
    xlsx = client.get("/admin/audit/export.xlsx", {"actor": "dept"})
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert as_persona("sysadmin").get("/admin/audit/export.csv").status_code == 403


@pytest.mark.parametrize("kind", KINDS)
def test_auditlog_verify_cli_and_no_fork_under_threads(kind, tmp_path):
    """8 threads × 25 writes each (own connections, real commits): one unbroken chain of
    200; then the CLI says 0, an edited row gives 1 naming it, an unreadable database 2."""
    with database(kind, tmp_path) as env:
        django(env, """
            import threading
            from django.conf import settings
            from django.db import connection
            if connection.vendor == "sqlite":
                # what i9a's settings make the default (issue 9, deliverable 1): a deferred
                # BEGIN cannot upgrade its read lock while another writer commits
                settings.DATABASES["default"].setdefault("OPTIONS", {}).update(
                    transaction_mode="IMMEDIATE", timeout=20)
            from jixiao.services.audit import audit_record
            errors = []
            def work(n):
                try:
                    for i in range(25):
                        audit_record(kind="login_failed", actor=f"t{n}", detail=str(i))
                except Exception as err:
                    errors.append(repr(err))
                finally:
                    connection.close()
            threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
            for t in threads: t.start()
            for t in threads: t.join()
            assert not errors, errors[:3]
        """)
        ok = run(env, "auditlog", "verify", "--json", check=False)
        report = json.loads(ok.stdout)
        assert ok.returncode == 0 and report["ok"] and report["entries"] == 200, ok.stdout
        django(env, """
            from jixiao.persistence.models import AuditEvent
            AuditEvent.objects.filter(seq=77).update(actor="someone-else")
        """)
        broken = run(env, "auditlog", "verify", "--json", check=False)
        assert broken.returncode == 1
        assert json.loads(broken.stdout)["first_broken"]["seq"] == 77
        human = run(env, "auditlog", "verify", check=False)
        assert human.returncode == 1 and "第 77 条" in human.stdout
    # the database is gone now (dropped / folder kept but file removed below)
    (tmp_path / "db.sqlite3").unlink(missing_ok=True)
    gone = run(env, "auditlog", "verify", "--json", check=False)
    assert gone.returncode == 2 and "数据库" in gone.stderr and "Traceback" not in gone.stderr
