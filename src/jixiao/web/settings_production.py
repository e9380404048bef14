"""Production settings: everything of `settings`, plus HTTPS hardening, and a hard refusal
of the development secret key (or any short key). `manage check --deploy` is clean here."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from jixiao.web.envparse import env_bool, env_int
from jixiao.web.settings import *  # noqa: F403
from jixiao.web.settings import DEVELOPMENT_SECRET_KEY, SECRET_KEY

if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "生产环境必须设置 JIXIAO_SECRET_KEY（至少 50 个字符、不是开发用默认值）；"
        "例如：python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

PRODUCTION = True  # refuses `jixiao serve --demo` and services.demo.demo_load

DEBUG = env_bool("JIXIAO_DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("生产环境不得开启 JIXIAO_DEBUG")

SECURE_SSL_REDIRECT = env_bool("JIXIAO_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("JIXIAO_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
