"""ORM models of 绩效目标批复 and 目标调整 (target changes under control)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["TargetApproval", "TargetChange"]


class TargetApproval(models.Model):
    """The department approved the project's performance targets (绩效目标批复): from then
    on a target or weight changes only through an approved `TargetChange`."""

    project = models.OneToOneField("persistence.Project", on_delete=models.CASCADE,
                                   related_name="target_approval")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField()
    #: SHA-256 of the declared targets as approved.
    targets_sha256 = models.CharField(max_length=64)


class TargetChange(models.Model):
    """A 目标调整 request: one indicator's target or weight, old and new value, the unit's
    reason, and the department's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", "待主管部门审批"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "未批准"

    project = models.ForeignKey("persistence.Project", on_delete=models.CASCADE,
                                related_name="target_changes")
    path = models.CharField(max_length=100)
    label = models.CharField(max_length=300)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300)
    reason = models.TextField("调整理由")
    #: Whether actual values had been entered when the change was requested.
    after_actuals = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ("requested_at", "id")
