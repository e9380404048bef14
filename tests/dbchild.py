"""Run Django code in a child process against a database of its own (a SQLite file, or
a fresh PostgreSQL database when JIXIAO_TEST_DATABASE_URL is set), for tests that need
real commits, threads, several processes or `jixiao` commands on the configured database.

PostgreSQL databases made here are named after the test database plus a suffix (so they
carry the branch name) and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("JIXIAO_TEST_DATABASE_URL", "")
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not PG_URL, reason="JIXIAO_TEST_DATABASE_URL not set"))]


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def database(kind: str, folder: Path, *, migrate: bool = True) -> Iterator[dict[str, str]]:
    """The environment of a child process using a new, migrated database, and its own
    var/ and evidence folders."""
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["JIXIAO_VAR_DIR"] = str(folder / "var")
    env["JIXIAO_EVIDENCE_DIR"] = str(folder / "var" / "evidence")
    name = ""
    if kind == "sqlite":
        env["JIXIAO_DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    else:
        parts = urlsplit(PG_URL)
        name = f"{parts.path.strip('/')}_{uuid.uuid4().hex[:8]}"
        _admin(PG_URL, f'CREATE DATABASE "{name}"')
        env["JIXIAO_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        if migrate:
            run(env, "python", "-m", "jixiao.web.manage", "migrate", "-v", "0")
        yield env
    finally:
        if name:
            _drop(name)


def _drop(name: str) -> None:
    """Drop a child's database. FORCE ends our own leftover connections, but PostgreSQL 15
    refuses when the backend to end is an autovacuum worker (a superuser process), which a
    freshly restored database often attracts: wait for it to finish and try again."""
    import psycopg

    for attempt in range(40):
        try:
            _admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 39:
                raise
            time.sleep(0.5)


def run(env: dict[str, str], *args: str, check: bool = True, timeout: float = 300
        ) -> subprocess.CompletedProcess[str]:
    """Run `python …` or `jixiao …` in the child environment."""
    command = [sys.executable, *args[1:]] if args[0] == "python" else [
        sys.executable, "-m", "jixiao", *args]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def django(env: dict[str, str], code: str, *, check: bool = True, timeout: float = 300
           ) -> subprocess.CompletedProcess[str]:
    """Run Python `code` with Django set up in the child environment."""
    prelude = ("import os, django\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
               "'jixiao.web.settings')\ndjango.setup()\n")
    return run(env, "python", "-c", prelude + textwrap.dedent(code), check=check, timeout=timeout)
