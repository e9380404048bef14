"""Login, lockout, idle timeout, password rules and 三员分立, all in the audit log."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings

from jixiao.persistence.models import AuditEvent, Organisation, User
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
        accounts.account_login(username="unit2", password="jixiao-demo", channel="api")


def test_unknown_user_and_wrong_password_answer_the_same():
    import re

    def main(html: bytes) -> str:
        text = html.decode().split("<main>")[1]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    a = login(Client(), "no-such-user", "x")
    b = login(Client(), "unit1", "x")
    assert a.status_code == b.status_code == 401
    assert main(a.content) == main(b.content)


@override_settings(SESSION_IDLE_MINUTES=30)
def test_idle_session_times_out_and_is_audited(users):
    client = Client()
    client.force_login(users["dept"])
    assert client.get("/projects/").status_code == 200
    session = client.session
    session["last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get("/projects/")
    assert response.status_code == 302 and "timeout=1" in response["Location"]
    assert client.get("/projects/").status_code == 302  # logged out for good
    assert AuditEvent.objects.filter(kind="session_timeout", actor="dept").exists()


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
