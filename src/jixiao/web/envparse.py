"""Strict parsing of settings from environment variables: nonsense fails fast with a
message naming the variable, instead of silently falling back to a default."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A boolean variable: 1/true/yes/on or 0/false/no/off (case-insensitive)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"环境变量 {name}={raw!r} 不是布尔值（可用 1/0、true/false）")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 10**9) -> int:
    """An integer variable within [minimum, maximum]."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name}={raw!r} 不是整数") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"环境变量 {name}={value} 超出范围 {minimum}–{maximum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are refused."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if not items or any(not item for item in items):
        raise ImproperlyConfigured(f"环境变量 {name}={raw!r} 含空项（用逗号分隔，如 a.example,b.example）")
    return items


def env_str(name: str, default: str) -> str:
    """A string variable; unset means `default`."""
    return os.environ.get(name, default)
