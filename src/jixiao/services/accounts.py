"""Accounts: login with lockout, and the 三员分立 administration.

- 系统管理员 (sysadmin): creates accounts, disables/enables them, unlocks, resets passwords;
  cannot give roles and sees no business data.
- 安全管理员 (secadmin): assigns business roles and organisations; cannot create accounts.
- 审计管理员 (auditadmin): reads the audit log (services.audit).
Every login, failure, lockout and account or role change is written to the audit log.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.persistence import selectors_organisations as osel
from jixiao.persistence.models import ApiToken, Organisation, User
from jixiao.persistence.models_security import LoginThrottle
from jixiao.services.access import ADMIN_ROLES, require_role
from jixiao.services.audit import audit_record
from jixiao.services.errors import AuthFailed, Forbidden, Invalid, NotFound

_VAGUE = "用户名或密码错误，或账号已被锁定"

#: The organisation kind each business role must belong to.
ROLE_ORG_KIND = {
    User.Role.UNIT: Organisation.Kind.UNIT,
    User.Role.DEPARTMENT: Organisation.Kind.DEPARTMENT,
    User.Role.FINANCE: Organisation.Kind.FINANCE,
}


def account_login(*, username: str, password: str, ip: str = "", channel: str = "web",
                  admin_device: bool = False) -> User:
    """Check credentials, counting failures per account-and-address and per address (see
    `_throttle_failure`); the one-time password of a reset works only as described in
    `account_reset_password`. `admin_device`: the browser has logged in an administrator
    before (the web login's signed cookie).

    Raises:
        AuthFailed: always with the same message, so that it does not tell which part
            was wrong or whether the account exists.
    """
    # The password hash (deliberately slow) is computed before the write transaction: a
    # transaction holds the database's write lock (SQLite) or the account's row lock, and
    # holding either for the hash would queue every other login and save behind it.
    candidate = osel.user_by_name(username)
    if candidate is None:
        _dummy_hash(password)
        password_ok = False
    else:
        password_ok = candidate.check_password(password)
    # The failure is raised after the transaction commits: the failure count and the
    # audit event must survive the refusal.
    with transaction.atomic():
        user = _login_attempt(username, password_ok, ip, channel, admin_device)
    if user is None:
        raise AuthFailed(_VAGUE)
    return user


def _keys(username: str, ip: str) -> list[str]:
    """Throttle keys of an attempt: the account from this address, and the address."""
    pair = f"pair:{username.lower()[:150]}@{ip}"
    return [pair, f"ip:{ip}"] if ip else [pair]


def _blocked_until(keys: list[str], now: datetime) -> datetime | None:
    return osel.throttle_blocked_until(keys, now)


def _throttle_failure(key: str, limit: int, now: datetime) -> datetime | None:
    """Count one failure for `key`; from the `limit`-th on, block it for LOCKOUT_MINUTES,
    doubled for each further failure, at most LOCKOUT_MAX_MINUTES. Counts older than the
    cap start again (a forgotten password a week ago is no reason for a long block today).
    Returns the new block's end, if any."""
    cap = timedelta(minutes=settings.LOCKOUT_MAX_MINUTES)
    row = LoginThrottle.objects.select_for_update().filter(key=key).first()
    if row is None:
        try:
            with transaction.atomic():
                row = LoginThrottle.objects.create(key=key, failures=0, last_failure=now)
        except IntegrityError:  # a concurrent failure created it
            row = LoginThrottle.objects.select_for_update().get(key=key)
    if now - row.last_failure > cap and (row.blocked_until is None or row.blocked_until < now):
        row.failures = 0
    row.failures += 1
    row.last_failure = now
    over = row.failures - limit
    if over >= 0:
        minutes = settings.LOCKOUT_MINUTES * 2 ** min(over, 20)
        row.blocked_until = now + min(timedelta(minutes=minutes), cap)
    row.save()
    return row.blocked_until if over >= 0 else None


def _login_attempt(username: str, password_ok: bool, ip: str, channel: str,
                   admin_device: bool) -> User | None:
    """Record one login attempt whose password was already checked (`password_ok`)."""
    user = User.objects.select_for_update().filter(username__iexact=username).first()
    now = timezone.now()
    keys = _keys(username, ip)
    until = _blocked_until(keys, now)
    if until is not None:
        audit_record(kind="login_refused_locked", actor=username[:150], ip=ip,
                     detail=f"{channel}: 暂停登录至 {timezone.localtime(until):%H:%M}")
        return None
    if user is None:
        _login_failed(username, ip, channel, "无此账号", now)
        return None
    # the password was checked even for a disabled account: same time either way
    if not password_ok or not user.is_active:
        _login_failed(user.username, ip, channel, "密码错误或账号已停用", now)
        return None
    if user.must_change_password and user.password_reset_at is not None:
        refusal = _one_time_refusal(user, now, admin_device)
        if refusal:
            audit_record(kind="login_refused_reset", actor=user.username, ip=ip,
                         detail=f"{channel}: {refusal}")
            return None
    LoginThrottle.objects.filter(key=keys[0]).delete()
    user.failed_logins = 0
    user.locked_until = None
    user.last_login = now
    user.save(update_fields=["failed_logins", "locked_until", "last_login"])
    audit_record(kind="login", actor=user.username, detail=channel, ip=ip)
    if user.must_change_password and user.password_reset_at is not None:
        # 三员: the first use of a reset's one-time password, for the audit administrator
        same = "（与重置操作同一地址！）" if ip and ip == user.password_reset_ip else ""
        audit_record(kind="login_after_reset", actor=user.username, ip=ip,
                     detail=f"{channel}: 一次性密码由 {user.password_reset_by} 于 "
                            f"{timezone.localtime(user.password_reset_at):%Y-%m-%d %H:%M} 从 "
                            f"{user.password_reset_ip or '未知地址'} 重置{same}")
    return user


def _one_time_refusal(user: User, now: datetime, admin_device: bool) -> str:
    """Why a reset's one-time password may not be used now ("" = it may)."""
    assert user.password_reset_at is not None
    if now > user.password_reset_at + timedelta(hours=settings.RESET_HOURS):
        return f"一次性密码已过期（有效 {settings.RESET_HOURS} 小时）"
    if admin_device:
        return "一次性密码不能在管理员用过的浏览器上使用（三员分立）"
    return ""


def _login_failed(username: str, ip: str, channel: str, why: str, now: datetime) -> None:
    pair, *address = _keys(username, ip)
    until = _throttle_failure(pair, settings.LOCKOUT_ATTEMPTS, now)
    if until is not None:
        audit_record(kind="account_locked", actor=username[:150], ip=ip,
                     detail=f"从 {ip or '未知地址'} 连续失败，暂停该地址登录此账号至 "
                            f"{timezone.localtime(until):%H:%M}")
        User.objects.filter(username=username).update(locked_until=until)
    if address:
        ip_until = _throttle_failure(address[0], settings.LOGIN_IP_ATTEMPTS, now)
        if ip_until is not None:
            audit_record(kind="address_blocked", actor=username[:150], ip=ip,
                         detail=f"该地址登录失败过多，暂停至 {timezone.localtime(ip_until):%H:%M}")
    audit_record(kind="login_failed", actor=username[:150], detail=f"{channel}: {why}", ip=ip)


def _dummy_hash(password: str) -> None:
    """Hash the password once and throw the result away, as Django's ModelBackend does for
    an unknown user: a refusal then takes as long as a wrong password, so response time
    does not tell whether an account exists or is locked."""
    make_password(password)


def account_logout(*, actor: User, ip: str = "", reason: str = "logout") -> None:
    """Record a logout (or an idle timeout) and revoke the user's API tokens: a token must
    not outlive the session its owner ended."""
    with transaction.atomic():
        revoked, _ = ApiToken.objects.filter(user=actor).delete()
        audit_record(kind=reason, actor=actor.username, ip=ip,
                     detail=f"撤销 API 令牌 {revoked} 个" if revoked else "")


def password_change(*, actor: User, old_password: str, new_password: str, ip: str = "") -> None:
    """A user changes their own password; the password rules apply; audited."""
    if not getattr(actor, "is_authenticated", False):
        raise Forbidden("请先登录")
    errors = []
    if not actor.check_password(old_password):
        errors.append({"field": "old_password", "message": "原密码不正确"})
    if new_password == old_password:
        errors.append({"field": "new_password", "message": "新密码不能与原密码相同"})
    try:
        validate_password(new_password, actor)
    except ValidationError as err:
        errors.extend({"field": "new_password", "message": str(m)} for m in err.messages)
    if errors:
        audit_record(kind="password_change_failed", actor=actor.username, ip=ip)
        raise Invalid("密码未修改", errors)
    with transaction.atomic():
        actor.set_password(new_password)
        actor.must_change_password = False
        actor.save(update_fields=["password", "must_change_password"])
        ApiToken.objects.filter(user=actor).delete()  # tokens issued for the old password
        audit_record(kind="password_changed", actor=actor.username, ip=ip)


def account_list(*, actor: User) -> QuerySet[User]:
    """All accounts, for the system administrator's account page."""
    require_role(actor, User.Role.SYSADMIN)
    return osel.users_all()


def role_list(*, actor: User) -> QuerySet[User]:
    """All accounts with their roles, for the security administrator's role page."""
    require_role(actor, User.Role.SECADMIN)
    return osel.users_all()


def account_create(*, actor: User, username: str, display_name: str, password: str,
                   ip: str = "") -> User:
    """Create an account without a role (the security administrator assigns one)."""
    require_role(actor, User.Role.SYSADMIN)
    username = username.strip()
    errors = []
    if not username or len(username) > 150 or not all(c.isalnum() or c in "._-" for c in username):
        errors.append({"field": "username", "message": "用户名只能包含字母、数字和 . _ -"})
    elif osel.username_taken(username):
        errors.append({"field": "username", "message": "用户名已存在"})
    try:
        validate_password(password, User(username=username))
    except ValidationError as err:
        errors.extend({"field": "password", "message": str(m)} for m in err.messages)
    if errors:
        raise Invalid("账号信息有误", errors)
    with transaction.atomic():
        user = User(username=username, display_name=display_name.strip()[:100], role=User.Role.NONE,
                    must_change_password=True)
        user.set_password(password)
        user.save()
        audit_record(kind="account_created", actor=actor.username, target=username, ip=ip)
    return user


def _account(user_id: int) -> User:
    try:
        return User.objects.select_for_update().get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def _not_another_administrator(actor: User, user: User) -> None:
    """三员分立: the system administrator may not take over the security or audit
    administrator's account (reset its password or disable it)."""
    if user.role in ADMIN_ROLES and user.pk != actor.pk:
        raise Forbidden("不能重置或停用其他管理员的账号（三员分立）")


def account_set_active(*, actor: User, user_id: int, active: bool, ip: str = "") -> User:
    """Disable or enable an account (system administrator)."""
    require_role(actor, User.Role.SYSADMIN)
    with transaction.atomic():
        user = _account(user_id)
        if user.pk == actor.pk:
            raise Forbidden("不能停用自己的账号")
        _not_another_administrator(actor, user)
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            ApiToken.objects.filter(user=user).delete()
        audit_record(kind="account_enabled" if active else "account_disabled",
                     actor=actor.username, target=user.username, ip=ip)
    return user


def account_unlock(*, actor: User, user_id: int, ip: str = "") -> User:
    """Lift a lockout (system administrator)."""
    require_role(actor, User.Role.SYSADMIN)
    with transaction.atomic():
        user = _account(user_id)
        user.locked_until = None
        user.failed_logins = 0
        user.save(update_fields=["locked_until", "failed_logins"])
        LoginThrottle.objects.filter(key__startswith=f"pair:{user.username.lower()}@").delete()
        audit_record(kind="account_unlocked", actor=actor.username, target=user.username, ip=ip)
    return user


def account_reset_password(*, actor: User, user_id: int, ip: str = "") -> tuple[User, str]:
    """Reset a password (system administrator) to a new one-time password, returned once
    to be handed to the user; the administrator never chooses it.

    The one-time password (三员分立: the system administrator must not become the user):
    it expires after RESET_HOURS; it is refused in a browser an administrator has logged
    in with (a signed cookie); with it only the change-password page is reachable (the
    password middleware) and no API token is issued; its first use is audited as
    `login_after_reset`, naming who reset it from where, for the audit administrator.
    """
    require_role(actor, User.Role.SYSADMIN)
    with transaction.atomic():
        user = _account(user_id)
        _not_another_administrator(actor, user)
        password = one_time_password()
        user.set_password(password)
        user.must_change_password = True
        user.password_reset_at = timezone.now()
        user.password_reset_by = actor.username
        user.password_reset_ip = ip[:64]
        user.save(update_fields=["password", "must_change_password", "password_reset_at",
                                 "password_reset_by", "password_reset_ip"])
        ApiToken.objects.filter(user=user).delete()
        LoginThrottle.objects.filter(key__startswith=f"pair:{user.username.lower()}@").delete()
        audit_record(kind="password_reset", actor=actor.username, target=user.username, ip=ip,
                     detail=f"一次性密码，{settings.RESET_HOURS} 小时内有效，首次登录须修改")
    return user, password


_OTP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def one_time_password() -> str:
    """16 random characters without look-alikes (0/O, 1/l/I), in groups of four, with a
    symbol and a digit so that the password rules accept it: e.g. ``Kq7m-x2Pa-9dRt-Hw3e``."""
    while True:
        text = "".join(secrets.choice(_OTP_ALPHABET) for _ in range(16))
        if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
            return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def role_assign(*, actor: User, user_id: int, role: str, organisation_id: int | None,
                ip: str = "") -> User:
    """Give an account a business role within an organisation (security administrator).

    The administrator roles are not assignable here: 三员 accounts are set up at
    installation, so that no single administrator can create another's powers.
    """
    require_role(actor, User.Role.SECADMIN)
    if role not in (*ROLE_ORG_KIND, User.Role.NONE):
        raise Invalid("角色无效", [{"field": "role", "message": "只能分配业务角色或取消角色"}])
    with transaction.atomic():
        user = _account(user_id)
        if user.role in ADMIN_ROLES:
            raise Forbidden("管理员账号的角色不能在此修改")
        org = None
        if role != User.Role.NONE:
            org = osel.organisation_by_id(organisation_id)
            if org is None or org.kind != ROLE_ORG_KIND[User.Role(role)]:
                raise Invalid("单位与角色不匹配",
                              [{"field": "organisation", "message": "所选单位的类型与角色不符"}])
        before = f"{user.role}@{user.organisation.name if user.organisation else '-'}"
        user.role = role
        user.organisation = org
        user.save(update_fields=["role", "organisation"])
        after = f"{role}@{org.name if org else '-'}"
        audit_record(kind="role_assigned", actor=actor.username, target=user.username,
                     detail=f"{before} → {after}", ip=ip)
    return user


def organisation_list(*, actor: User) -> QuerySet[Organisation]:
    """The organisation tree, for the security administrator's role form."""
    require_role(actor, User.Role.SECADMIN)
    return osel.organisations_all()
