"""ORM model of in-app notifications (通知)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["Notification"]


class Notification(models.Model):
    """Something the user owns changed state (returned, accepted, spot-checked,
    rectification due or decided). Read notifications stay until the list is pruned."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("user", "read_at"), name="notification_unread"),)
