"""The security audit log: write an event into its hash chain; read, filter and export it
(审计管理员 only); verify the chain.

Tamper evidence: every event carries `seq` (1, 2, 3 …), `prev_sha256` (the previous
event's hash; 64 zeros for the first) and `sha256`, the SHA-256 of `canonical(event)` — a
JSON object of all the event's fields with sorted keys, no spaces, UTF-8, the time in UTC
to the millisecond. Altering a field, deleting an entry or inserting one out of order breaks
the chain at that entry; `audit_verify` finds the first break. The chain head
(`AuditChainHead`) is updated first in every write, which serialises writers on both
databases (row lock on PostgreSQL, write lock on SQLite) and lets `audit_verify` notice
entries deleted from the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from jixiao.domain.hash_chain import GENESIS, event_hash
from jixiao.persistence import selectors_audit as sel
from jixiao.persistence.models import AuditEvent, User
from jixiao.persistence.models_security import AuditChainHead
from jixiao.services.access import require_role


def audit_record(*, kind: str, actor: str = "", target: str = "", detail: str = "",
                 ip: str = "") -> AuditEvent:
    """Append one event to the audit log, linked to the previous one."""
    with transaction.atomic():
        # Bump the head first: this UPDATE is what serialises concurrent writers.
        if not AuditChainHead.objects.filter(pk=1).update(seq=F("seq") + 1):
            _create_head()
            AuditChainHead.objects.filter(pk=1).update(seq=F("seq") + 1)
        head = AuditChainHead.objects.get(pk=1)
        event = AuditEvent(at=timezone.now(), actor=actor[:150], kind=kind[:40],
                           target=target[:300], detail=detail, ip=ip[:64], seq=head.seq,
                           prev_sha256=head.sha256)
        event.sha256 = event_hash(event)
        event.save()
        AuditChainHead.objects.filter(pk=1).update(sha256=event.sha256)
    return event


def _create_head() -> None:
    """The head row of an empty log (normally made by the migration; tests may flush it)."""
    try:
        with transaction.atomic():
            AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "sha256": GENESIS})
    except IntegrityError:  # another writer made it first
        pass


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit page asks for; empty fields do not filter."""

    actor: str = ""
    kind: str = ""
    target: str = ""
    since: datetime | None = None
    until: datetime | None = None


def audit_query(*, actor: User, filters: AuditFilter = AuditFilter()) -> QuerySet[AuditEvent]:
    """Events matching `filters`, newest first, as a query (the caller pages it in the
    database); only the audit administrator may read them."""
    require_role(actor, User.Role.AUDITADMIN)
    return sel.audit_events(actor=filters.actor, kind=filters.kind, target=filters.target,
                            since=filters.since, until=filters.until)


def audit_list(*, actor: User, kind: str = "", limit: int = 500) -> QuerySet[AuditEvent]:
    """The most recent events, newest first (see `audit_query` for filters and paging)."""
    return audit_query(actor=actor, filters=AuditFilter(kind=kind))[:limit]


def audit_kinds(*, actor: User) -> list[str]:
    """Every event kind in the log, for the filter's choices."""
    require_role(actor, User.Role.AUDITADMIN)
    return sel.audit_event_kinds()


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of `audit_verify`: `broken` is None when the chain is intact, else the
    first broken entry ``{"id", "seq", "reason"}``."""

    entries: int
    head_seq: int
    head_sha256: str
    broken: dict[str, object] | None

    def to_json(self) -> dict[str, object]:
        return {"ok": self.broken is None, "entries": self.entries, "head_seq": self.head_seq,
                "head_sha256": self.head_sha256, "first_broken": self.broken}


def audit_verify() -> ChainReport:
    """Check the whole chain, oldest first, and the head against the last entry.

    Raises:
        django.db.Error: the database cannot be read.
    """
    head = sel.chain_head()
    head_seq, head_sha = (head.seq, head.sha256) if head else (0, GENESIS)
    count = 0

    def report(event: AuditEvent | None, reason: str) -> ChainReport:
        where = {"id": event.pk, "seq": event.seq} if event is not None else {"id": None,
                                                                             "seq": None}
        return ChainReport(count, head_seq, head_sha, {**where, "reason": reason})

    unchained = sel.first_unchained_event()
    if unchained is not None:
        return report(unchained, "条目不在链中（没有序号），是绕过应用写入的 / entry outside the chain")
    previous = GENESIS
    expected = 1
    for event in sel.chained_events():
        count += 1
        if event.seq != expected:
            return report(event, f"序号应为 {expected}，实际为 {event.seq}：之前的条目被删除"
                                 f" / entries before this one were deleted")
        if event.prev_sha256 != previous:
            return report(event, "与前一条的哈希链接不符：条目被删除、插入或调换了顺序"
                                 " / link to the previous entry broken")
        if event_hash(event) != event.sha256:
            return report(event, "内容与哈希不符：条目被修改 / entry was altered")
        previous = event.sha256
        expected += 1
    if count != head_seq or previous != head_sha:
        return report(None, f"链尾应为第 {head_seq} 条，实际只到第 {count} 条：最新的条目被删除"
                            f" / the newest entries were deleted")
    return ChainReport(count, head_seq, head_sha, None)
