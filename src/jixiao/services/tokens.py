"""API bearer tokens (CONTRACTS.md §6): issued for username + password (same lockout rules
as the web login), stored only as SHA-256, valid for JIXIAO_TOKEN_HOURS hours, revoked by
`POST /api/v1/auth/logout`, by the web logout and by any password change or reset."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jixiao.persistence.models import ApiToken, User
from jixiao.services.accounts import account_login
from jixiao.services.audit import audit_record
from jixiao.services.errors import Forbidden


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_create(*, username: str, password: str, ip: str = "") -> str:
    """Log in through the API and return a new token (raises AuthFailed)."""
    user = account_login(username=username, password=password, ip=ip, channel="api")
    if user.must_change_password:
        raise Forbidden("请先登录网页修改管理员设置的密码，再申请令牌")
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        ApiToken.objects.filter(user=user, expires_at__lt=now).delete()
        ApiToken.objects.create(user=user, key_sha256=_digest(key), created_at=now,
                                expires_at=now + timedelta(hours=settings.TOKEN_HOURS))
    return key


def token_authenticate(*, key: str) -> User | None:
    """The active, unlocked user a valid token belongs to, or None."""
    if not key or len(key) > 200:
        return None
    token = (ApiToken.objects.select_related("user")
             .filter(key_sha256=_digest(key), expires_at__gt=timezone.now()).first())
    if token is None:
        return None
    user = token.user
    if not user.is_active or (user.locked_until and user.locked_until > timezone.now()):
        return None
    return user


def token_revoke(*, key: str, ip: str = "") -> None:
    """Revoke one token (the API's logout); audited."""
    with transaction.atomic():
        token = ApiToken.objects.select_related("user").filter(key_sha256=_digest(key)).first()
        if token is not None:
            token.delete()
            audit_record(kind="token_revoked", actor=token.user.username, ip=ip, detail="api logout")
