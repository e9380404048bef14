"""Run the web tests a second time against a real PostgreSQL server.

scripts/test.sh starts PostgreSQL and exports JIXIAO_TEST_DATABASE_URL; this test runs
this folder again in a child pytest with JIXIAO_DATABASE_URL set to it (pytest-django
creates and drops the test database there). Without the variable the test is skipped
locally, but fails loudly in CI (CI=true), so that a missing server cannot pass unnoticed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHILD = "JIXIAO_WEB_TESTS_CHILD"


@pytest.mark.postgres
@pytest.mark.slow
def test_web_suite_on_postgresql():
    if os.environ.get(CHILD):
        pytest.skip("already inside the PostgreSQL run")
    url = os.environ.get("JIXIAO_TEST_DATABASE_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but JIXIAO_TEST_DATABASE_URL is not set: scripts/test.sh "
                        "should have started PostgreSQL (scripts/postgres.sh)")
        pytest.skip("JIXIAO_TEST_DATABASE_URL not set (scripts/test.sh starts PostgreSQL)")
    assert url.startswith(("postgres://", "postgresql://")), url
    env = dict(os.environ, JIXIAO_DATABASE_URL=url, **{CHILD: "1"})
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(HERE), "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-m", "not browser and not postgres", "--create-db"],
        env=env, capture_output=True, text=True, timeout=900, cwd=HERE.parents[1],
    )
    lines = (result.stdout + result.stderr).splitlines()
    # the names of the failed tests first: a long diff must not push them out of the tail
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    tail = "\n".join(failed + lines[-40:])
    assert result.returncode == 0, tail
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 50, tail


@pytest.mark.django_db
def test_the_database_in_use_is_the_one_configured():
    """Inside the PostgreSQL run this proves the child really talks to PostgreSQL."""
    from django.db import connection

    if os.environ.get(CHILD):
        assert connection.vendor == "postgresql"
    elif not os.environ.get("JIXIAO_DATABASE_URL"):
        assert connection.vendor == "sqlite"
