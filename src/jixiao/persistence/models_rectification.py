"""ORM model of 问题整改 (rectification tasks) and their 跟踪检查 history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["Rectification", "RectificationStep"]


class Rectification(models.Model):
    """A problem found in an evaluation that the owning unit must rectify by a deadline;
    the unit reports what it did (evidence), the department confirms or returns it."""

    class Status(models.TextChoices):
        OPEN = "open", "待整改"
        REPORTED = "reported", "单位已报整改情况（待主管部门确认）"
        CONFIRMED = "confirmed", "主管部门已确认整改到位"

    project = models.ForeignKey("persistence.Project", on_delete=models.PROTECT,
                                related_name="rectifications")
    owner_unit = models.ForeignKey("persistence.Organisation", on_delete=models.PROTECT,
                                   related_name="rectifications")
    problem = models.TextField("问题")
    deadline = models.DateField("整改期限", db_index=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices,
                              default=Status.OPEN, db_index=True)
    evidence = models.TextField("整改情况及佐证", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()
    reported_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("deadline", "id")


class RectificationStep(models.Model):
    """One step of a rectification (created, reported, returned, confirmed): 跟踪检查 trail."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE,
                                      related_name="steps")
    action = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ("at", "id")
