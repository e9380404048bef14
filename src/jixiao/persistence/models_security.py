"""Security bookkeeping: the audit log's chain head and failed-login throttles."""

from __future__ import annotations

from django.db import models


class AuditChainHead(models.Model):
    """The newest link of the audit log's hash chain (one row, pk=1): its position and
    SHA-256. Every `audit_record` updates this row first, which takes the row lock on
    PostgreSQL and the write lock on SQLite, so two writers can never read the same head
    and fork the chain. `jixiao auditlog verify` also compares it with the last entry, so
    deleting the newest entries is detected too."""

    seq = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)


class LoginThrottle(models.Model):
    """Failed logins counted per key: ``ip:<address>`` (every account from one address)
    and ``pair:<username>@<address>`` (one account from one address). A key over its limit
    is blocked until `blocked_until`; each further failure doubles the wait up to a cap."""

    key = models.CharField(max_length=250, unique=True)
    failures = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)
    last_failure = models.DateTimeField()
