"""Shared plumbing for the commands that work on the configured database (`auditlog`,
`backup`, `restore`, `evidence-orphans`): Django set-up and "cannot read the database"
as exit code 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from jixiao.cli.common import EXIT_INPUT


def setup_django(*, must_exist: bool = True) -> None:
    """Configure Django from the environment (JIXIAO_DATABASE_URL …); exit 2 on a bad
    configuration, or when `must_exist` and the SQLite file is missing (connecting would
    create an empty one)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as err:
        fail(f"配置错误 / configuration error: {err}")
    from django.conf import settings

    db = settings.DATABASES["default"]
    if must_exist and db["ENGINE"].endswith("sqlite3") and not Path(str(db["NAME"])).is_file():
        fail(f"数据库文件不存在 / database not found: {db['NAME']}")


def fail(message: str) -> None:
    """Print `message` on stderr and exit 2."""
    click.echo(f"jixiao: 错误 / error: {message}", err=True)
    sys.exit(EXIT_INPUT)


def database_label() -> str:
    """The configured database, for messages (no password)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite {db['NAME']}"
    return f"PostgreSQL {db.get('NAME')}@{db.get('HOST') or 'localhost'}"
