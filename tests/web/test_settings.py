"""Settings are parsed strictly; production refuses the development secret key and
passes `manage check --deploy`; the demo set-up is idempotent on a fresh SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from jixiao.web import envparse

GOOD_KEY = "k3Y-" + "x7Qm9ZpL2vR8tW4nB6yC1dF5gH0jK" * 3


def run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    full.update(env)
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("off", False), ("", False)])
def test_env_bool(monkeypatch, value, expected):
    monkeypatch.setenv("JIXIAO_X", value)
    assert envparse.env_bool("JIXIAO_X", not expected) is expected


@pytest.mark.parametrize("name, value", [("bool", "maybe"), ("int", "3x"), ("int", "-1"),
                                         ("list", "a,,b")])
def test_nonsense_fails_fast(monkeypatch, name, value):
    monkeypatch.setenv("JIXIAO_X", value)
    parse = {"bool": lambda: envparse.env_bool("JIXIAO_X", False),
             "int": lambda: envparse.env_int("JIXIAO_X", 1, minimum=0),
             "list": lambda: envparse.env_list("JIXIAO_X", [])}[name]
    with pytest.raises(ImproperlyConfigured, match="JIXIAO_X"):
        parse()


def test_production_refuses_the_default_secret_key():
    result = run("import jixiao.web.settings_production")
    assert result.returncode != 0
    assert "JIXIAO_SECRET_KEY" in result.stderr
    assert run("import jixiao.web.settings_production", JIXIAO_SECRET_KEY="short").returncode != 0


def test_check_deploy_is_clean_under_production_settings():
    result = run("from jixiao.web.manage import main; import sys; "
                 "sys.argv=['manage', 'check', '--deploy', '--fail-level', 'WARNING']; main()",
                 DJANGO_SETTINGS_MODULE="jixiao.web.settings_production",
                 JIXIAO_SECRET_KEY=GOOD_KEY, JIXIAO_ALLOWED_HOSTS="jixiao.example.gov.cn")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bad_database_url_is_a_clear_error():
    result = run("import jixiao.web.settings", JIXIAO_DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0 and "JIXIAO_DATABASE_URL" in result.stderr


def test_demo_setup_migrates_and_is_idempotent(tmp_path):
    code = ("from jixiao.cli.serve import _setup_django, prepare_demo; _setup_django(); "
            "print(sorted(prepare_demo().items()))")
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    first = run(code, JIXIAO_DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    assert "('accounts', 7)" in first.stdout and "('projects', 9)" in first.stdout
    second = run(code, JIXIAO_DATABASE_URL=url)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "[('accounts', 0), ('organisations', 0), ('projects', 0)]"


def test_serve_without_demo_refuses_an_unmigrated_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env["JIXIAO_DATABASE_URL"] = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = subprocess.run([sys.executable, "-m", "jixiao", "serve", "--port", "1"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "manage migrate" in result.stderr and "Traceback" not in result.stderr


def test_serve_demo_is_refused_under_production_settings(tmp_path):
    """The demo accounts' password is published: production must never create them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    db = tmp_path / "prod.sqlite3"
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings_production", JIXIAO_SECRET_KEY=GOOD_KEY,
               JIXIAO_DATABASE_URL=f"sqlite:///{db}")
    result = subprocess.run([sys.executable, "-m", "jixiao", "serve", "--demo", "--port", "1"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "生产设置" in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()  # not even migrated
    # the service refuses too, whoever calls it
    code = ("import django; django.setup()\n"
            "from jixiao.services.demo import DemoRefused, demo_load\n"
            "try:\n    demo_load()\nexcept DemoRefused as err:\n    print('refused', err)\n")
    service = run(code, DJANGO_SETTINGS_MODULE="jixiao.web.settings_production",
                  JIXIAO_SECRET_KEY=GOOD_KEY, JIXIAO_DATABASE_URL=f"sqlite:///{db}")
    assert service.returncode == 0 and service.stdout.startswith("refused"), service.stderr
    assert not db.exists() or db.stat().st_size == 0


def test_read_replica_and_sqlite_concurrency_settings(tmp_path):
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'jixiao.web.settings');"
            "django.setup(); from django.conf import settings as s;"
            "from jixiao.persistence.routing import read_alias;"
            "print(read_alias(), s.DATABASES.get('replica', {}).get('NAME'),"
            " s.DATABASES['default'].get('OPTIONS', {}).get('transaction_mode'))")
    with_replica = run(code, JIXIAO_DATABASE_URL="postgres://u:p@primary/jx",
                       JIXIAO_READ_DATABASE_URL="postgres://u:p@replica/jx")
    assert with_replica.stdout.split() == ["replica", "jx", "None"], with_replica.stderr
    plain = run(code, JIXIAO_DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3")
    assert plain.stdout.split() == ["default", "None", "IMMEDIATE"], plain.stderr
    bad = run(code, JIXIAO_READ_DATABASE_URL="nonsense://")
    assert bad.returncode != 0 and "JIXIAO_READ_DATABASE_URL" in bad.stderr
