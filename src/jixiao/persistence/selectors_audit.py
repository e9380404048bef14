"""Read queries of the audit log and its hash chain. Only the services decide who reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q, QuerySet

from jixiao.persistence.models import AuditEvent
from jixiao.persistence.models_security import AuditChainHead


def audit_events(*, actor: str = "", kind: str = "", target: str = "",
                 since: datetime | None = None,
                 until: datetime | None = None) -> QuerySet[AuditEvent]:
    """Events by actor (contains), kind, target or detail (contains) and time
    [`since`, `until`), newest first."""
    events = AuditEvent.objects.all()
    if actor:
        events = events.filter(actor__icontains=actor)
    if kind:
        events = events.filter(kind=kind)
    if target:
        events = events.filter(Q(target__icontains=target) | Q(detail__icontains=target))
    if since is not None:
        events = events.filter(at__gte=since)
    if until is not None:
        events = events.filter(at__lt=until)
    return events.order_by("-at", "-id")


def audit_event_kinds() -> list[str]:
    """Every event kind in the log, sorted."""
    return sorted(AuditEvent.objects.values_list("kind", flat=True).distinct())


def chained_events() -> Iterator[AuditEvent]:
    """The chained events, oldest first, streamed in chunks."""
    return AuditEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000)


def first_unchained_event() -> AuditEvent | None:
    """The oldest event without a sequence number (written around the application)."""
    return AuditEvent.objects.filter(seq__isnull=True).order_by("id").first()


def chain_head() -> AuditChainHead | None:
    return AuditChainHead.objects.filter(pk=1).first()
