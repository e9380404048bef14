"""pytest-django set-up for the web tests only (the other test folders stay free of Django).

The demo data (organisations, the seven demo accounts, the projects) is loaded once per
test database; every test runs in a transaction that is rolled back. Passwords are hashed
with a fast hasher here: PBKDF2's cost would dominate the suite's time.

Database: SQLite in memory by default; JIXIAO_DATABASE_URL switches to another server
(test_postgres.py re-runs this folder against the PostgreSQL of scripts/test.sh).
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")

import django
import pytest

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

PERSONAS = ("anonymous", "unit1", "unit2", "dept", "finance", "sysadmin", "secadmin", "auditadmin")
DEMO_PASSWORD = "jixiao-demo"


def _fast_hashers() -> None:
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The test database with the demo data in it, plus one evidence file on the Baoshan
    project; evidence files go to a temporary folder."""
    _fast_hashers()
    settings.EVIDENCE_DIR = tmp_path_factory.mktemp("evidence")
    from jixiao.persistence.models import Project, User
    from jixiao.services.demo import demo_load
    from jixiao.services.evidence import evidence_upload

    with django_db_blocker.unblock():
        demo_load()
        baoshan = Project.objects.get(name="房租及物业补助经费项目")
        evidence_upload(actor=User.objects.get(username="unit1"), project_id=baoshan.pk,
                        name="租赁合同.pdf", data=b"%PDF-1.4\n% jixiao test\n")


@pytest.fixture
def users(db):  # type: ignore[no-untyped-def]
    from jixiao.persistence.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def projects(db):  # type: ignore[no-untyped-def]
    """Demo projects by a short key."""
    from jixiao.persistence.models import Project

    by_name = {p.name: p for p in Project.objects.all()}
    return {
        "baoshan": by_name["房租及物业补助经费项目"],          # unit1, draft
        "hall": by_name["政务服务大厅运行维护经费"],          # unit1, submitted
        "hotline": by_name["12345政务服务便民热线运行经费"],  # unit1, accepted
        "platform": by_name["公共资源交易平台升级项目"],      # unit2, returned
        "bidding": by_name["电子招投标系统运维经费"],         # unit2, draft
        "school": by_name["教学楼维修改造项目"],              # other department, draft
        "witness": by_name["交易见证服务经费"],               # unit2, accepted, published v1+v2
        "experts": by_name["评标专家评审费"],                 # unit2, accepted, withdrawn
        "ca": by_name["数字证书（CA）服务经费"],              # unit2, accepted, unpublished
    }


@pytest.fixture
def evidence_item(db):  # type: ignore[no-untyped-def]
    """The evidence file attached to the Baoshan project by the set-up."""
    from jixiao.persistence.models import Evidence

    return Evidence.objects.get(original_name="租赁合同.pdf")


def client_for(persona: str, users: dict) -> Client:  # type: ignore[type-arg]
    """A logged-in test client (CSRF checks on, as in production)."""
    client = Client(enforce_csrf_checks=False)
    if persona != "anonymous":
        client.force_login(users[persona])
    return client


@pytest.fixture
def as_persona(users):  # type: ignore[no-untyped-def]
    return lambda persona: client_for(persona, users)


@pytest.fixture
def run_worker(db, monkeypatch):  # type: ignore[no-untyped-def]
    """Run every queued task as `jixiao worker --batch` does (django-tasks' database worker),
    inside the test's transaction (the worker's connection recycling would close it)."""
    from django_tasks_db.management.commands.db_worker import Worker

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections",
                        lambda: None)

    def run() -> None:
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
               startup_delay=False, max_tasks=None, worker_id="test-worker",
               excluded_queue_names=[]).run()

    return run
