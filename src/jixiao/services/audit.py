"""The security audit log: write an event; read it (审计管理员 only)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.persistence.models import AuditEvent, User
from jixiao.services.access import require_role


def audit_record(*, kind: str, actor: str = "", target: str = "", detail: str = "",
                 ip: str = "") -> AuditEvent:
    """Append one event to the audit log."""
    return AuditEvent.objects.create(
        at=timezone.now(), actor=actor, kind=kind, target=target, detail=detail, ip=ip[:64]
    )


def audit_list(*, actor: User, kind: str = "", limit: int = 500) -> QuerySet[AuditEvent]:
    """The most recent events, newest first; only the audit administrator may read them."""
    require_role(actor, User.Role.AUDITADMIN)
    events = AuditEvent.objects.all()
    if kind:
        events = events.filter(kind=kind)
    return events[:limit]
