"""Login, lockout, idle timeout, password rules and 三员分立, all in the audit log."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.test import Client, override_settings

from jixiao.persistence.models import AuditEvent, Organisation, Project, User
from jixiao.services import accounts
from jixiao.services.errors import AuthFailed, Forbidden, Invalid

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/login/", {"username": username, "password": password})


def test_login_and_failure_are_audited():
    client = Client()
    assert login(client, "unit1", "wrong-password-1").status_code == 401
    assert login(client, "unit1", "jixiao-demo").status_code == 302
    kinds = list(AuditEvent.objects.filter(actor="unit1").values_list("kind", flat=True))
    assert kinds[:2] == ["login", "login_failed"]  # newest first
    assert client.get("/projects/").status_code == 200


@override_settings(LOCKOUT_ATTEMPTS=3, LOCKOUT_MINUTES=15)
def test_lockout_after_repeated_failures_even_with_the_right_password():
    client = Client()
    for _ in range(3):
        assert login(client, "unit2", "nope-nope-1").status_code == 401
    response = login(client, "unit2", "jixiao-demo")
    assert response.status_code == 401
    assert "锁定" in response.content.decode()  # the one vague message mentions locking
    assert User.objects.get(username="unit2").locked_until is not None
    assert AuditEvent.objects.filter(kind="account_locked", actor="unit2").exists()
    assert AuditEvent.objects.filter(kind="login_refused_locked", actor="unit2").exists()
    with pytest.raises(AuthFailed):  # the API's token endpoint obeys the same lock
        accounts.account_login(username="unit2", password="jixiao-demo", channel="api",
                               ip="127.0.0.1")
    # …but only for the address that failed: nobody can lock a known account out from
    # elsewhere (issue 9)
    assert accounts.account_login(username="unit2", password="jixiao-demo", ip="10.1.2.3")


def test_unknown_user_and_wrong_password_answer_the_same():
    import re

    def main(html: bytes) -> str:
        text = html.decode().split("<main>")[1]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    a = login(Client(), "no-such-user", "x")
    b = login(Client(), "unit1", "x")
    assert a.status_code == b.status_code == 401
    assert main(a.content) == main(b.content)


class Clock:
    """One controllable clock for the middleware and Django's session expiry alike:
    `django.utils.timezone.now`, moved forward by `advance`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.utils import timezone

        real = timezone.now
        self.offset = timedelta(0)
        monkeypatch.setattr(timezone, "now", lambda: real() + self.offset)

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    return Clock(monkeypatch)


def test_session_outlives_the_idle_limit():
    """Django must not drop the session before the idle check can run (the bug: the
    session age equalled the idle limit, so the timeout branch never fired)."""
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600 == 8 * 3600
    assert settings.SESSION_COOKIE_AGE > settings.SESSION_IDLE_MINUTES * 60


def test_idle_session_times_out_and_is_audited(clock):
    client = Client()
    assert login(client, "dept", "jixiao-demo").status_code == 302
    assert client.get("/projects/").status_code == 200
    clock.advance(minutes=20)
    assert client.get("/projects/").status_code == 200  # activity keeps the session alive
    clock.advance(minutes=20)
    assert client.get("/projects/").status_code == 200  # 40 minutes in, never 30 idle
    clock.advance(minutes=31)
    response = client.get("/projects/")
    assert response.status_code == 302 and "timeout=1" in response["Location"]
    assert "长时间未操作" in client.get(response["Location"]).content.decode()
    assert client.get("/projects/").status_code == 302  # logged out for good
    assert AuditEvent.objects.filter(kind="session_timeout", actor="dept").exists()


def test_idle_timeout_on_an_htmx_request_redirects_the_page(clock, projects):
    client = Client()
    assert login(client, "unit1", "jixiao-demo").status_code == 302
    client.get("/projects/")
    clock.advance(minutes=31)
    response = client.post(f"/projects/{projects['baoshan'].pk}/field/",
                           {"path": "goals.actual", "value": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == "/login/"
    assert Project.objects.get(pk=projects["baoshan"].pk).document["goals"]["actual"] != "x"
    assert AuditEvent.objects.filter(kind="session_timeout", actor="unit1").exists()


def test_session_max_hours_must_exceed_the_idle_limit():
    import subprocess
    import sys

    env = {**os.environ, "JIXIAO_SESSION_IDLE_MINUTES": "120", "JIXIAO_SESSION_MAX_HOURS": "2"}
    result = subprocess.run([sys.executable, "-c", "import jixiao.web.settings"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "JIXIAO_SESSION_MAX_HOURS" in result.stderr


class CountingHasher:
    """Counts password hashing work (encode) of the configured hasher."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.contrib.auth.hashers import get_hasher

        hasher_class = type(get_hasher())
        original = hasher_class.encode
        self.calls = 0

        def encode(hasher, password, salt, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return original(hasher, password, salt, *args, **kwargs)

        monkeypatch.setattr(hasher_class, "encode", encode)


@pytest.mark.parametrize("case", ["unknown", "locked", "disabled", "wrong"])
def test_every_refused_login_costs_one_password_hash(monkeypatch, users, case):
    """No timing oracle: an unknown, locked or disabled account costs a password hash
    like a wrong password does (the bug: unknown users answered at once)."""
    from django.utils import timezone

    username = "no-such-user" if case == "unknown" else "unit2"
    if case == "locked":
        from jixiao.persistence.models import LoginThrottle

        LoginThrottle.objects.create(key="pair:unit2@", failures=9, last_failure=timezone.now(),
                                     blocked_until=timezone.now() + timedelta(minutes=10))
    if case == "disabled":
        User.objects.filter(username="unit2").update(is_active=False)
    counter = CountingHasher(monkeypatch)
    with pytest.raises(AuthFailed):
        accounts.account_login(username=username,
                               password="wrong-password-9" if case == "wrong" else "jixiao-demo")
    assert counter.calls >= 1


@pytest.mark.parametrize("password, ok", [
    ("short1!", False),            # too short
    ("1234567890123", False),      # numeric only
    ("password123", False),        # common
    ("abcdefghijkl", False),       # one character class
    ("Bao-shan-2022x", True),
])
def test_password_rules(users, password, ok):
    def create():  # type: ignore[no-untyped-def]
        return accounts.account_create(actor=users["sysadmin"], username="newuser",
                                       display_name="新用户", password=password)

    if ok:
        assert create().role == User.Role.NONE
    else:
        with pytest.raises(Invalid) as err:
            create()
        assert err.value.errors and all(e["field"] == "password" for e in err.value.errors)


def test_three_administrators_are_separated(users):
    sysadmin, secadmin, auditadmin = users["sysadmin"], users["secadmin"], users["auditadmin"]
    new = accounts.account_create(actor=sysadmin, username="clerk", display_name="",
                                  password="Clerk-pass-2024")
    unit2_org = Organisation.objects.get(name="保山市公共资源交易中心")
    # sysadmin creates accounts but cannot give roles; secadmin gives roles but cannot create.
    with pytest.raises(Forbidden):
        accounts.role_assign(actor=sysadmin, user_id=new.pk, role="unit",
                             organisation_id=unit2_org.pk)
    with pytest.raises(Forbidden):
        accounts.account_create(actor=secadmin, username="x2", display_name="",
                                password="Clerk-pass-2024")
    accounts.role_assign(actor=secadmin, user_id=new.pk, role="unit", organisation_id=unit2_org.pk)
    # a business role must match its organisation's kind; admin roles are not assignable
    with pytest.raises(Invalid):
        accounts.role_assign(actor=secadmin, user_id=new.pk, role="department",
                             organisation_id=unit2_org.pk)
    with pytest.raises(Invalid):
        accounts.role_assign(actor=secadmin, user_id=new.pk, role="sysadmin", organisation_id=None)
    with pytest.raises(Forbidden):
        accounts.role_assign(actor=secadmin, user_id=sysadmin.pk, role="unit",
                             organisation_id=unit2_org.pk)
    event = AuditEvent.objects.get(kind="role_assigned", target="clerk")
    assert event.actor == "secadmin" and "unit@保山市公共资源交易中心" in event.detail
    assert AuditEvent.objects.filter(kind="account_created", target="clerk", actor="sysadmin").exists()
    # only the audit administrator reads the audit log
    client = Client()
    client.force_login(auditadmin)
    page = client.get("/admin/audit/").content.decode()
    assert "role_assigned" in page and "clerk" in page


def test_disabled_account_cannot_log_in_and_unlock_works(users):
    sysadmin = users["sysadmin"]
    accounts.account_set_active(actor=sysadmin, user_id=users["unit1"].pk, active=False)
    assert login(Client(), "unit1", "jixiao-demo").status_code == 401
    accounts.account_set_active(actor=sysadmin, user_id=users["unit1"].pk, active=True)
    assert login(Client(), "unit1", "jixiao-demo").status_code == 302
    with pytest.raises(Forbidden):
        accounts.account_set_active(actor=sysadmin, user_id=sysadmin.pk, active=False)


def test_change_own_password(users):
    client = Client()
    assert login(client, "dept", "jixiao-demo").status_code == 302
    weak = client.post("/password/", {"old_password": "jixiao-demo", "new_password": "12345"})
    assert weak.status_code == 422 and "密码" in weak.content.decode()
    wrong = client.post("/password/", {"old_password": "nope", "new_password": "Dept-new-pass-9"})
    assert "原密码不正确" in wrong.content.decode()
    ok = client.post("/password/", {"old_password": "jixiao-demo", "new_password": "Dept-new-pass-9"})
    assert ok.status_code == 302
    assert client.get("/projects/").status_code == 200  # still logged in
    assert login(Client(), "dept", "Dept-new-pass-9").status_code == 302
    kinds = set(AuditEvent.objects.filter(actor="dept").values_list("kind", flat=True))
    assert {"password_changed", "password_change_failed"} <= kinds


def test_no_account_exists_without_the_demo(tmp_path):
    """Migrations create no accounts (demo accounts come only from `serve --demo`), but
    they do seed the indicator library."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env["JIXIAO_DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='jixiao.web.settings'; "
            "django.setup(); from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "
            "from jixiao.persistence.models import User, LibraryIndicator; "
            "print(User.objects.count(), LibraryIndicator.objects.count())")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    users_count, library = map(int, result.stdout.split())
    assert users_count == 0 and library > 20


def test_password_reset_and_disable_revoke_api_tokens(users):
    from jixiao.services.tokens import token_authenticate, token_create

    key = token_create(username="unit1", password="jixiao-demo")
    assert token_authenticate(key=key) == users["unit1"]
    accounts.account_reset_password(actor=users["sysadmin"], user_id=users["unit1"].pk)
    assert token_authenticate(key=key) is None
    key = token_create(username="unit2", password="jixiao-demo")
    accounts.account_set_active(actor=users["sysadmin"], user_id=users["unit2"].pk, active=False)
    accounts.account_set_active(actor=users["sysadmin"], user_id=users["unit2"].pk, active=True)
    assert token_authenticate(key=key) is None


def test_reset_password_must_be_changed_and_admins_are_protected(users):
    from jixiao.services.errors import Forbidden as ServiceForbidden
    from jixiao.services.tokens import token_create

    sysadmin = users["sysadmin"]
    _, one_time = accounts.account_reset_password(actor=sysadmin, user_id=users["unit1"].pk)
    client = Client()
    assert login(client, "unit1", one_time).status_code == 302
    response = client.get("/projects/")
    assert response.status_code == 302 and response["Location"] == "/password/?required=1"
    with pytest.raises(ServiceForbidden):
        token_create(username="unit1", password=one_time)
    client.post("/password/", {"old_password": one_time, "new_password": "Mine-only-2024y"})
    assert client.get("/projects/").status_code == 200
    # 三员分立: the system administrator cannot take over the other administrators' accounts
    for other in ("secadmin", "auditadmin"):
        with pytest.raises(ServiceForbidden):
            accounts.account_reset_password(actor=sysadmin, user_id=users[other].pk)
        with pytest.raises(ServiceForbidden):
            accounts.account_set_active(actor=sysadmin, user_id=users[other].pk, active=False)


def test_activity_is_written_to_the_session_at_most_once_a_minute(clock):
    """Every request used to UPDATE and commit the session row (SESSION_SAVE_EVERY_REQUEST
    and a new `last_seen` each time); the idle limit is counted in minutes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    assert login(client, "dept", "jixiao-demo").status_code == 302
    client.get("/projects/")

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/projects/").status_code == 200
        return sum(q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
                   for q in queries.captured_queries)

    clock.advance(seconds=30)
    assert session_writes() == 0
    clock.advance(seconds=31)
    assert session_writes() == 1
    assert session_writes() == 0


def test_api_calls_neither_read_nor_keep_alive_the_browser_session(clock):
    """An API call authenticates by its bearer token: with a browser's session cookie it
    used to load the session and the user and write the session row (3 queries of 9)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.services.tokens import token_create

    client = Client()
    assert login(client, "dept", "jixiao-demo").status_code == 302
    assert client.get("/projects/").status_code == 200  # the last page: activity
    token = token_create(username="dept", password="jixiao-demo")
    clock.advance(minutes=5)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    clock.advance(minutes=28)  # 33 minutes after the last page: API calls were no activity
    response = client.get("/projects/")
    assert response.status_code == 302 and "timeout=1" in response["Location"]
