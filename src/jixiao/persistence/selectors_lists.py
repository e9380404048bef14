"""Ordering of server-side lists: one way to turn a list's ``sort`` parameter ("key" or
"-key") into an ORDER BY that pages stably.

Each list's selector module names its orders as ``{key: (field, …)}`` for the ascending
direction; a leading "-" on the parameter reverses every field. The primary key is always
the last field, so a page boundary never falls between equal rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django.db.models import F, Model, QuerySet

M = TypeVar("M", bound=Model)

Orders = Mapping[str, tuple[str, ...]]


def sort_key(orders: Orders, sort: str, default: str) -> str:
    """`sort` when its key is one of `orders`, else `default` ("key" or "-key")."""
    return sort if sort.removeprefix("-") in orders else default


def sort_fields(orders: Orders, sort: str, default: str) -> tuple[str, ...]:
    """The ORDER BY of `sort` (see `sort_key`), ending with the primary key."""
    sort = sort_key(orders, sort, default)
    fields = orders[sort.removeprefix("-")]
    if sort.startswith("-"):
        fields = tuple(f[1:] if f.startswith("-") else "-" + f for f in fields)
    tie = "-pk" if sort.startswith("-") else "pk"
    return (*fields, tie) if not fields or fields[-1].lstrip("-") != "pk" else fields


def ordered(rows: QuerySet[M], orders: Orders, sort: str, default: str) -> QuerySet[M]:
    """`rows` in the order `sort` names (unknown keys: `default`). Empty values (NULL: no
    复核, no score) come last in both directions, on PostgreSQL as on SQLite (PostgreSQL
    puts NULL first when descending)."""
    return rows.order_by(*(F(f[1:]).desc(nulls_last=True) if f.startswith("-")
                           else F(f).asc(nulls_last=True)
                           for f in sort_fields(orders, sort, default)))
