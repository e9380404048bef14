"""Accounts: login with lockout, and the 三员分立 administration.

- 系统管理员 (sysadmin): creates accounts, disables/enables them, unlocks, resets passwords;
  cannot give roles and sees no business data.
- 安全管理员 (secadmin): assigns business roles and organisations; cannot create accounts.
- 审计管理员 (auditadmin): reads the audit log (services.audit).
Every login, failure, lockout and account or role change is written to the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.persistence.models import ApiToken, Organisation, User
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


def account_login(*, username: str, password: str, ip: str = "", channel: str = "web") -> User:
    """Check credentials, counting failures; lock the account after too many.

    Raises:
        AuthFailed: always with the same message, so that it does not tell which part
            was wrong or whether the account exists.
    """
    # The password hash (deliberately slow) is computed before the write transaction: a
    # transaction holds the database's write lock (SQLite) or the account's row lock, and
    # holding either for the hash would queue every other login and save behind it.
    candidate = User.objects.filter(username=username).first()
    if candidate is None:
        _dummy_hash(password)
        password_ok = False
    else:
        password_ok = candidate.check_password(password)
    # The failure is raised after the transaction commits: the failure count and the
    # audit event must survive the refusal.
    with transaction.atomic():
        user = _login_attempt(username, password_ok, ip, channel)
    if user is None:
        raise AuthFailed(_VAGUE)
    return user


def _login_attempt(username: str, password_ok: bool, ip: str, channel: str) -> User | None:
    """Record one login attempt whose password was already checked (`password_ok`)."""
    user = User.objects.select_for_update().filter(username=username).first()
    now = timezone.now()
    if user is None:
        audit_record(kind="login_failed", actor=username[:150], detail=f"{channel}: 无此账号", ip=ip)
        return None
    if user.locked_until and user.locked_until > now:
        audit_record(kind="login_refused_locked", actor=username, detail=channel, ip=ip)
        return None
    # the password was checked even for a disabled account: same time either way
    if not password_ok or not user.is_active:
        user.failed_logins += 1
        detail = f"{channel}: 第 {user.failed_logins} 次失败"
        if user.failed_logins >= settings.LOCKOUT_ATTEMPTS:
            user.locked_until = now + timedelta(minutes=settings.LOCKOUT_MINUTES)
            user.failed_logins = 0
            audit_record(kind="account_locked", actor=username, ip=ip,
                         detail=f"连续失败 {settings.LOCKOUT_ATTEMPTS} 次，锁定 "
                                f"{settings.LOCKOUT_MINUTES} 分钟")
        user.save(update_fields=["failed_logins", "locked_until"])
        audit_record(kind="login_failed", actor=username, detail=detail, ip=ip)
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login = now
    user.save(update_fields=["failed_logins", "locked_until", "last_login"])
    audit_record(kind="login", actor=username, detail=channel, ip=ip)
    return user


def _dummy_hash(password: str) -> None:
    """Hash the password once and throw the result away, as Django's ModelBackend does for
    an unknown user: a refusal then takes as long as a wrong password, so response time
    does not tell whether an account exists or is locked."""
    make_password(password)


def account_logout(*, actor: User, ip: str = "", reason: str = "logout") -> None:
    """Record a logout (or an idle timeout)."""
    audit_record(kind=reason, actor=actor.username, ip=ip)


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
    return User.objects.select_related("organisation").order_by("username")


def role_list(*, actor: User) -> QuerySet[User]:
    """All accounts with their roles, for the security administrator's role page."""
    require_role(actor, User.Role.SECADMIN)
    return User.objects.select_related("organisation").order_by("username")


def account_create(*, actor: User, username: str, display_name: str, password: str,
                   ip: str = "") -> User:
    """Create an account without a role (the security administrator assigns one)."""
    require_role(actor, User.Role.SYSADMIN)
    username = username.strip()
    errors = []
    if not username or len(username) > 150 or not all(c.isalnum() or c in "._-" for c in username):
        errors.append({"field": "username", "message": "用户名只能包含字母、数字和 . _ -"})
    elif User.objects.filter(username=username).exists():
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
        audit_record(kind="account_unlocked", actor=actor.username, target=user.username, ip=ip)
    return user


def account_reset_password(*, actor: User, user_id: int, password: str, ip: str = "") -> User:
    """Set a new password (system administrator); the password rules apply."""
    require_role(actor, User.Role.SYSADMIN)
    with transaction.atomic():
        user = _account(user_id)
        _not_another_administrator(actor, user)
        try:
            validate_password(password, user)
        except ValidationError as err:
            raise Invalid("密码不符合要求",
                          [{"field": "password", "message": str(m)} for m in err.messages]) from None
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        ApiToken.objects.filter(user=user).delete()
        audit_record(kind="password_reset", actor=actor.username, target=user.username, ip=ip)
    return user


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
            org = Organisation.objects.filter(pk=organisation_id).first()
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
    return Organisation.objects.select_related("parent").order_by("kind", "name")
