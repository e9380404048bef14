"""Read queries of organisations and accounts (the organisation tree, account lists, the
login's look-ups). Services decide who may read them; locking reads inside a write stay in
the services' transactions."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from jixiao.persistence.models import Organisation, User
from jixiao.persistence.models_security import LoginThrottle


def children(parent: Organisation | list[Organisation], kind: str) -> QuerySet[Organisation]:
    """Organisations of `kind` directly under `parent` (one or several), by name."""
    rows = Organisation.objects.filter(kind=kind)
    rows = rows.filter(parent__in=parent) if isinstance(parent, list) else rows.filter(
        parent=parent)
    return rows.order_by("name")


def organisation_with_parent(org_id: int) -> Organisation | None:
    return Organisation.objects.filter(pk=org_id).select_related("parent").first()


def organisation_by_name(name: str, kind: str) -> Organisation:
    """The organisation of that name and kind (raises Organisation.DoesNotExist)."""
    return Organisation.objects.get(name=name, kind=kind)


def organisation_name_taken(name: str, except_id: int | None = None) -> bool:
    rows = Organisation.objects.filter(name=name)
    return (rows if except_id is None else rows.exclude(pk=except_id)).exists()


def organisations_named(names: list[str]) -> dict[str, Organisation]:
    """Name → organisation (with its parent) for the names that exist."""
    return {o.name: o for o in Organisation.objects.filter(name__in=names)
            .select_related("parent")}


def organisations_all() -> QuerySet[Organisation]:
    """Every organisation with its parent, by kind and name."""
    return Organisation.objects.select_related("parent").order_by("kind", "name")


def organisation_by_id(org_id: int | None) -> Organisation | None:
    return None if org_id is None else Organisation.objects.filter(pk=org_id).first()


def users_all() -> QuerySet[User]:
    """Every account with its organisation, by user name."""
    return User.objects.select_related("organisation").order_by("username")


def user_by_name(username: str) -> User | None:
    """The account of that user name, ignoring case."""
    return User.objects.filter(username__iexact=username).first()


def username_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def throttle_blocked_until(keys: list[str], now: datetime) -> datetime | None:
    """The latest end of a login block on any of `keys` still running at `now`."""
    return (LoginThrottle.objects.filter(key__in=keys, blocked_until__gt=now)
            .order_by("-blocked_until").values_list("blocked_until", flat=True).first())
