"""Bulk writes for the region-scale paths (synthetic region, re-scoring).

On PostgreSQL rows go through `COPY … FROM STDIN` (an upsert copies into a temporary table
first, then `INSERT … SELECT … ON CONFLICT DO UPDATE`): Django's `bulk_create` sends JSON
values inside `UNNEST` arrays there, and quoting thousands of JSON documents into array
literals costs more than everything else together. Elsewhere (SQLite) `bulk_create` is used.
Values are Python values as for the ORM (dicts for JSON fields); columns are attnames.
"""

from __future__ import annotations

import json
import zlib
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


def _with_defaults(model: type[models.Model], columns: Sequence[str],
                   rows: Sequence[Sequence[Any]]
                   ) -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
    """`columns` and `rows` completed with every other column and its model default.

    COPY leaves an unlisted column to the database's default, and Django's defaults live in
    Python (a later `code`, `version` or `review_grade` column would be NULL): they are
    filled in as the ORM would."""
    missing = [f for f in model._meta.concrete_fields
               if f.attname not in columns and not f.primary_key]
    if not missing:
        return columns, rows
    return ((*columns, *(f.attname for f in missing)),
            [(*row, *(f.get_default() for f in missing)) for row in rows])


def next_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model` (PostgreSQL: from its sequence), so rows can be
    copied with their keys known (COPY returns none)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [table, count])
        return [r[0] for r in cursor.fetchall()]


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows (run inside a transaction). On PostgreSQL include "id" in `columns`
    (from `next_ids`) when the keys are needed later."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns, rows = _with_defaults(model, columns, rows)
        _copy(model._meta.db_table, columns, rows, _json_columns(model, columns))
        return
    model._default_manager.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows],
                              batch_size=500)


def upsert_rows(model: type[models.Model], key: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows, or update every other column of the row with the same `key` (run inside
    a transaction)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        field_names = {f.attname: f.name for f in model._meta.concrete_fields}
        model._default_manager.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows],
            batch_size=500, update_conflicts=True, unique_fields=[field_names[key]],
            update_fields=[field_names[c] for c in columns if c != key])
        return
    table = model._meta.db_table
    q = connection.ops.quote_name
    updated = [c for c in columns if c != key]
    # a new row gets the model's defaults for the columns not given (as the ORM would); an
    # existing row keeps them: they are inserted but never in the update list
    columns, rows = _with_defaults(model, columns, rows)
    # the staging table has the columns and nothing else (no NOT NULL, no identity), named
    # after its column list so that a session's earlier staging table of another shape is
    # never reused
    temp = f"{table}_upsert_{zlib.crc32(','.join(sorted(columns)).encode()):08x}"
    names = ", ".join(q(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {q(temp)} ON COMMIT DELETE ROWS "
                       f"AS SELECT {names} FROM {q(table)} WITH NO DATA")
    _copy(temp, columns, rows, _json_columns(model, columns))
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in updated)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(table)} ({names}) SELECT {names} FROM {q(temp)} "
                       f"ON CONFLICT ({q(key)}) DO UPDATE SET {updates}")
        cursor.execute(f"DELETE FROM {q(temp)}")
