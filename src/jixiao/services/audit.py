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

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from jixiao.persistence.models import AuditEvent, User
from jixiao.persistence.models_security import AuditChainHead
from jixiao.services.access import require_role

GENESIS = "0" * 64
#: Fields of an event as they enter its hash, in the canonical serialisation.
CHAINED_FIELDS = ("seq", "at", "actor", "kind", "target", "detail", "ip", "prev_sha256")


def _utc(at: datetime) -> str:
    # milliseconds: Django's serialisation (and so `jixiao backup`) keeps no more, and a
    # restored log must still verify
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def canonical(event: AuditEvent) -> bytes:
    """The bytes an event's hash is taken over (see the module docstring)."""
    document = {name: getattr(event, name) for name in CHAINED_FIELDS}
    document["at"] = _utc(event.at)
    return json.dumps(document, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def event_hash(event: AuditEvent) -> str:
    """SHA-256 (hex) of `canonical(event)`."""
    return hashlib.sha256(canonical(event)).hexdigest()


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
    events = AuditEvent.objects.all()
    if filters.actor:
        events = events.filter(actor__icontains=filters.actor)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.target:
        events = events.filter(Q(target__icontains=filters.target)
                               | Q(detail__icontains=filters.target))
    if filters.since is not None:
        events = events.filter(at__gte=filters.since)
    if filters.until is not None:
        events = events.filter(at__lt=filters.until)
    return events.order_by("-at", "-id")


def audit_list(*, actor: User, kind: str = "", limit: int = 500) -> QuerySet[AuditEvent]:
    """The most recent events, newest first (see `audit_query` for filters and paging)."""
    return audit_query(actor=actor, filters=AuditFilter(kind=kind))[:limit]


def audit_kinds(*, actor: User) -> list[str]:
    """Every event kind in the log, for the filter's choices."""
    require_role(actor, User.Role.AUDITADMIN)
    return sorted(AuditEvent.objects.values_list("kind", flat=True).distinct())


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


def _entries() -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000)


def audit_verify() -> ChainReport:
    """Check the whole chain, oldest first, and the head against the last entry.

    Raises:
        django.db.Error: the database cannot be read.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_sha = (head.seq, head.sha256) if head else (0, GENESIS)
    count = 0

    def report(event: AuditEvent | None, reason: str) -> ChainReport:
        where = {"id": event.pk, "seq": event.seq} if event is not None else {"id": None,
                                                                             "seq": None}
        return ChainReport(count, head_seq, head_sha, {**where, "reason": reason})

    unchained = AuditEvent.objects.filter(seq__isnull=True).order_by("id").first()
    if unchained is not None:
        return report(unchained, "条目不在链中（没有序号），是绕过应用写入的 / entry outside the chain")
    previous = GENESIS
    expected = 1
    for event in _entries():
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
