"""待办 (work queues) per role and in-app notifications.

The counts come from indexed columns (stored result rows' state, rectification status and
deadline, publication and target-change rows), a handful of COUNT queries per page, never
a re-scoring. Notifications are written by the use cases that change state (workflow,
spot checks, rectifications, target changes) through `notify_unit` / `notify_department`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.domain.disclosure import DEADLINE_DAYS
from jixiao.persistence import selectors_worklist as sel
from jixiao.persistence.models import Notification, Organisation, Project, Rectification, User
from jixiao.persistence.selectors_disclosure import late_acceptances, unpublished_accepted
from jixiao.persistence.selectors_rectification import rectification_counts, rectifications_of
from jixiao.services.access import visible_projects, visible_results


@dataclass(frozen=True)
class Queue:
    """One line of 待办: what waits, how many, where to go."""

    label: str
    count: int
    link: str
    urgent: bool = False


def work_queues(*, actor: User) -> list[Queue]:
    """What waits for the actor (empty for administrators)."""
    role = getattr(actor, "role", "")
    if role not in (User.Role.UNIT, User.Role.DEPARTMENT, User.Role.FINANCE):
        return []
    results = visible_results(actor)
    today = timezone.localdate()
    scope = visible_projects(actor)
    rects = rectification_counts(rectifications_of(scope), today)
    projects = reverse("projects")
    out: list[Queue] = []
    if role == User.Role.UNIT:
        out.append(Queue("退回待修改", results.filter(state=Project.State.RETURNED).count(),
                         f"{projects}?state=returned"))
        out.append(Queue("待整改", rects[Rectification.Status.OPEN],
                         reverse("rectifications") + "?status=open"))
    elif role == User.Role.DEPARTMENT:
        out.append(Queue("待审核", results.filter(state=Project.State.SUBMITTED).count(),
                         f"{projects}?state=submitted"))
        out.append(Queue("整改待确认", rects[Rectification.Status.REPORTED],
                         reverse("rectifications") + "?status=reported"))
        out.append(Queue("目标调整待审批", sel.pending_target_changes(scope), projects))
    else:
        out.append(Queue("待受理", results.filter(state=Project.State.APPROVED).count(),
                         f"{projects}?state=approved"))
        pending = unpublished_accepted(scope)
        late = late_acceptances(pending, today - dt.timedelta(days=DEADLINE_DAYS))
        out.append(Queue("待公开", pending.count(), reverse("disclosure")))
        out.append(Queue("超期未公开", late, reverse("disclosure"), urgent=True))
        out.append(Queue("重点评价逾期", sel.overdue_key_evaluations(scope, today),
                         reverse("spot_checks"), urgent=True))
    out.append(Queue("逾期整改", rects["overdue"], reverse("rectifications") + "?overdue=1",
                     urgent=True))
    return out


def work_waiting(*, actor: User) -> int:
    """How many things wait for the actor in all queues: the number on every page's 待办
    link. For a finance bureau's scope of `CACHE_FROM_ROWS` projects or more (a region) it
    is remembered for `CACHE_SECONDS` per user, as the list counts are: the finance
    queues count a region's accepted-but-unpublished projects and their acceptance dates,
    0.15–0.4 s on 100,000 projects, which every page paid. The 待办 page itself is always
    counted afresh."""
    from django.core.cache import cache

    from jixiao.persistence.selectors_results import (
        CACHE_FROM_ROWS,
        CACHE_SECONDS,
        results_counts,
    )

    def count() -> int:
        return sum(q.count for q in work_queues(actor=actor))

    # a unit's or a department's queues are small (one organisation's rows): no size check
    if getattr(actor, "role", "") != User.Role.FINANCE or sum(
            results_counts(visible_results(actor))["states"].values()) < CACHE_FROM_ROWS:
        return count()
    key = f"jixiao-work-waiting-{actor.pk}"
    waiting = cache.get(key)
    if waiting is None:
        waiting = count()
        cache.set(key, waiting, CACHE_SECONDS)
    return int(waiting)


def unread_count(actor: User) -> int:
    if not getattr(actor, "is_authenticated", False):
        return 0
    return sel.unread_notifications(actor).count()


def notification_list(*, actor: User, limit: int = 100) -> QuerySet[Notification]:
    return sel.notifications_of(actor)[:limit]


def notifications_mark_read(*, actor: User) -> int:
    return sel.unread_notifications(actor).update(read_at=timezone.now())


def _notify(users: QuerySet[User], text: str, link: str) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(Notification(user=u, text=text[:300], link=link[:200],
                                                  created_at=now)
                                     for u in users)


def notify_unit(unit: Organisation | int, text: str, link: str = "") -> None:
    """Notify every active filler (填报人) of a unit."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    _notify(sel.active_users(unit_id, User.Role.UNIT), text, link)


def notify_department(unit: Organisation, text: str, link: str = "") -> None:
    """Notify every active reviewer of the unit's department."""
    if unit.parent_id is None:
        return
    _notify(sel.active_users(unit.parent_id, User.Role.DEPARTMENT), text, link)
