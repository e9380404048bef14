"""三员 separation that holds (issue 9, "What was seen" 10), login throttling, API token
lifetime, case-insensitive usernames and `Cache-Control: no-store`.

Before: sysadmin reset unit1's password to one it chose, logged in as unit1 and saw the
unit's projects (only `password_reset` was logged); API tokens survived logout; `UNIT1` and
`unit1` could coexist; a known account could be locked out by anyone, for ever.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone

from jixiao.persistence.models import ApiToken, AuditEvent, User
from jixiao.services import accounts
from jixiao.services.errors import AuthFailed, Forbidden, Invalid
from jixiao.services.tokens import token_authenticate, token_create

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str, ip: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def reset_on_the_page(client: Client, user: User) -> str:
    """The one-time password as the system administrator's page shows it (once)."""
    page = client.post(f"/admin/accounts/{user.pk}/", {"action": "reset"}).content.decode()
    match = re.search(r'<code class="otp">([^<]+)</code>', page)
    assert match, page
    return match.group(1)


def test_sysadmin_cannot_use_the_one_time_password(users):
    admin = Client()
    assert login(admin, "sysadmin", "jixiao-demo").status_code == 302
    one_time = reset_on_the_page(admin, users["unit1"])
    assert len(one_time) == 19 and one_time != "jixiao-demo"
    admin.post("/logout/")
    # the administrator's browser (its signed cookie) cannot log in with it…
    refused = login(admin, "unit1", one_time)
    assert refused.status_code == 401
    assert AuditEvent.objects.filter(kind="login_refused_reset", actor="unit1").exists()
    # …nor can the API give a token for it
    with pytest.raises(Forbidden):
        token_create(username="unit1", password=one_time)
    # the user, in their own browser, reaches only the change-password page
    user = Client()
    assert login(user, "unit1", one_time, ip="10.0.0.8").status_code == 302
    for page in ("/projects/", f"/projects/{users['unit1'].organisation_id}/"):
        response = user.get(page)
        assert response.status_code == 302 and response["Location"].startswith("/password/")
    assert user.post("/password/", {"old_password": one_time,
                                    "new_password": "Unit1-own-2024q"}).status_code == 302
    assert user.get("/projects/").status_code == 200
    # the audit administrator sees the reset and the login after it, with both addresses
    event = AuditEvent.objects.get(kind="login_after_reset", actor="unit1", ip="10.0.0.8")
    assert "sysadmin" in event.detail and "127.0.0.1" in event.detail  # reset from there
    audit = Client()
    audit.force_login(users["auditadmin"])
    page = audit.get("/admin/audit/", {"kind": "login_after_reset"}).content.decode()
    assert "login_after_reset" in page and "10.0.0.8" in page


def test_one_time_password_expires(users):
    _, one_time = accounts.account_reset_password(actor=users["sysadmin"], user_id=users["unit2"].pk)
    User.objects.filter(pk=users["unit2"].pk).update(
        password_reset_at=timezone.now() - timedelta(hours=25))
    with override_settings(RESET_HOURS=24), pytest.raises(AuthFailed):
        accounts.account_login(username="unit2", password=one_time)
    assert "过期" in AuditEvent.objects.filter(kind="login_refused_reset").first().detail


def test_one_time_passwords_are_random_and_pass_the_rules(users):
    from django.contrib.auth.password_validation import validate_password

    seen = {accounts.one_time_password() for _ in range(50)}
    assert len(seen) == 50
    for password in list(seen)[:5]:
        validate_password(password, users["unit1"])


def test_tokens_expire_and_are_revoked_at_logout(users):
    key = token_create(username="unit1", password="jixiao-demo")
    token = ApiToken.objects.get(user=users["unit1"])
    assert token.expires_at - token.created_at == timedelta(hours=8)  # JIXIAO_TOKEN_HOURS
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert token_authenticate(key=key) is None
    # web logout revokes the user's tokens
    key = token_create(username="unit1", password="jixiao-demo")
    web = Client()
    assert login(web, "unit1", "jixiao-demo").status_code == 302
    web.post("/logout/")
    assert token_authenticate(key=key) is None
    # the API's own logout revokes the token it is called with
    api = Client()
    key = token_create(username="unit2", password="jixiao-demo")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert api.get("/api/v1/projects", **auth).status_code == 200
    assert api.post("/api/v1/auth/logout", **auth).status_code == 200
    assert api.get("/api/v1/projects", **auth).status_code == 401
    assert AuditEvent.objects.filter(kind="token_revoked", actor="unit2").exists()


def test_token_hours_is_parsed_strictly():
    for value in ("8h", "0", "99999"):
        proc = subprocess.run(
            [sys.executable, "-c", "import jixiao.web.settings"], capture_output=True, text=True,
            timeout=60, env={"JIXIAO_TOKEN_HOURS": value, "PATH": "/usr/bin:/bin"})
        assert proc.returncode != 0 and "JIXIAO_TOKEN_HOURS" in proc.stderr


def test_usernames_are_unique_and_log_in_case_insensitively(users):
    with pytest.raises(Invalid, match="账号信息有误"):
        accounts.account_create(actor=users["sysadmin"], username="UNIT1", display_name="",
                                password="Another-pass-2024")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        User.objects.create(username="Unit1")
    assert login(Client(), "UNIT1", "jixiao-demo").status_code == 302
    assert AuditEvent.objects.filter(kind="login", actor="unit1").exists()


@override_settings(LOCKOUT_ATTEMPTS=2, LOCKOUT_MINUTES=1, LOCKOUT_MAX_MINUTES=4)
def test_back_off_doubles_up_to_the_cap(users):
    from jixiao.services.accounts import _throttle_failure

    now = timezone.now()
    waits = []
    for i in range(6):
        until = _throttle_failure("pair:x@1.2.3.4", 2, now + timedelta(seconds=i))
        waits.append(None if until is None else round((until - now).total_seconds() / 60))
    assert waits == [None, 1, 2, 4, 4, 4]  # never longer than the cap


@override_settings(LOGIN_IP_ATTEMPTS=3, LOCKOUT_ATTEMPTS=5)
def test_one_address_is_limited_across_accounts_and_still_audited(users):
    for name in ("unit1", "unit2", "dept"):
        assert login(Client(), name, "wrong-password-1", ip="10.6.6.6").status_code == 401
    assert login(Client(), "finance", "jixiao-demo", ip="10.6.6.6").status_code == 401
    assert login(Client(), "finance", "jixiao-demo", ip="10.7.7.7").status_code == 302
    assert AuditEvent.objects.filter(kind="login_failed", ip="10.6.6.6").count() == 3
    assert AuditEvent.objects.filter(kind="address_blocked", ip="10.6.6.6").exists()
    assert AuditEvent.objects.filter(kind="login_refused_locked", actor="finance").exists()


def test_pages_and_downloads_are_not_stored(as_persona, projects, evidence_item):
    unit1 = as_persona("unit1")
    project = projects["baoshan"]
    for url in ("/projects/", f"/projects/{project.pk}/",
                f"/projects/{project.pk}/evidence/{evidence_item.pk}/"):
        response = unit1.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store", url
