"""Bulk writes for the region-scale paths (synthetic region, re-scoring).

On PostgreSQL rows go through `COPY … FROM STDIN` (an upsert copies into a temporary table
first, then `INSERT … SELECT … ON CONFLICT DO UPDATE`): Django's `bulk_create` sends JSON
values inside `UNNEST` arrays there, and quoting thousands of JSON documents into array
literals costs more than everything else together. Elsewhere (SQLite) `bulk_create` is used.
Values are Python values as for the ORM (dicts for JSON fields); columns are attnames.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def _json_columns(model: type[models.Model], columns: Sequence[str]) -> list[int]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return [i for i, c in enumerate(columns) if isinstance(fields[c], models.JSONField)]


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
          json_at: list[int]) -> int:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            if json_at:
                row = list(row)
                for i in json_at:
                    row[i] = json.dumps(row[i], ensure_ascii=False)
            copy.write_row(row)
            count += 1
    return count


def next_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model` (PostgreSQL: from its sequence), so rows can be
    copied with their keys known (COPY returns none)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [table, count])
        return [r[0] for r in cursor.fetchall()]


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: list[Sequence[Any]]) -> None:
    """Insert rows (run inside a transaction). On PostgreSQL include "id" in `columns`
    (from `next_ids`) when the keys are needed later."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        # COPY leaves an unlisted column to the database's default, and Django's defaults
        # live in Python (a later `code` or `version` column would be NULL): fill them in
        # as the ORM would
        missing = [f for f in model._meta.concrete_fields
                   if f.attname not in columns and not f.primary_key]
        if missing:
            columns = (*columns, *(f.attname for f in missing))
            rows = [(*row, *(f.get_default() for f in missing)) for row in rows]
        _copy(model._meta.db_table, columns, rows, _json_columns(model, columns))
        return
    model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows],
                              batch_size=500)


def upsert_rows(model: type[models.Model], key: str, columns: Sequence[str],
                rows: list[Sequence[Any]]) -> None:
    """Insert rows, or update every other column of the row with the same `key` (run inside
    a transaction)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        field_names = {f.attname: f.name for f in model._meta.concrete_fields}
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows],
            batch_size=500, update_conflicts=True, unique_fields=[field_names[key]],
            update_fields=[field_names[c] for c in columns if c != key])
        return
    table = model._meta.db_table
    q = connection.ops.quote_name
    temp = f"{table}_upsert"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {q(temp)} "
                       f"(LIKE {q(table)} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS")
    _copy(temp, columns, rows, _json_columns(model, columns))
    names = ", ".join(q(c) for c in columns)
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in columns if c != key)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(table)} ({names}) SELECT {names} FROM {q(temp)} "
                       f"ON CONFLICT ({q(key)}) DO UPDATE SET {updates}")
        cursor.execute(f"DELETE FROM {q(temp)}")
