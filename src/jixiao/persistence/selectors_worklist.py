"""Read queries of 待办 (work queues) and notifications. Scope is the caller's business:
pass the projects the actor may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from jixiao.persistence.models import KeyEvaluation, Notification, Project, TargetChange, User


def pending_target_changes(projects: QuerySet[Project]) -> int:
    """目标调整 requests of `projects` waiting for the department."""
    return TargetChange.objects.filter(project__in=projects,
                                       status=TargetChange.Status.PENDING).count()


def overdue_key_evaluations(projects: QuerySet[Project], today: dt.date) -> int:
    """重点评价 of `projects` still assigned after their deadline."""
    return KeyEvaluation.objects.filter(project__in=projects,
                                        status=KeyEvaluation.Status.ASSIGNED,
                                        deadline__lt=today).count()


def unread_notifications(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def notifications_of(user: User) -> QuerySet[Notification]:
    """A user's notifications, newest first (the model's order)."""
    return Notification.objects.filter(user=user)


def active_users(organisation_id: int, role: str) -> QuerySet[User]:
    """The active accounts of one role in one organisation."""
    return User.objects.filter(organisation_id=organisation_id, role=role, is_active=True)
