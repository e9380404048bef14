"""Django settings, parsed strictly from the environment.

Variables: JIXIAO_DATABASE_URL (default: SQLite under var/ in the repository),
JIXIAO_READ_DATABASE_URL, JIXIAO_TASKS, JIXIAO_JOBS_DIR,
JIXIAO_SECRET_KEY, JIXIAO_DEBUG, JIXIAO_ALLOWED_HOSTS, JIXIAO_VAR_DIR,
JIXIAO_SESSION_IDLE_MINUTES, JIXIAO_SESSION_MAX_HOURS, JIXIAO_LOCKOUT_ATTEMPTS, JIXIAO_LOCKOUT_MINUTES,
JIXIAO_LOCKOUT_MAX_MINUTES, JIXIAO_LOGIN_IP_ATTEMPTS, JIXIAO_TOKEN_HOURS, JIXIAO_RESET_HOURS,
JIXIAO_SQLITE_BUSY_SECONDS. Production uses `jixiao.web.settings_production`, which refuses the
development secret key.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jixiao.web.envparse import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[2]
VAR_DIR = Path(env_str("JIXIAO_VAR_DIR", str(REPO_ROOT / "var")))

#: True only under `jixiao.web.settings_production`: the demo data (published password)
#: is refused there.
PRODUCTION = False

#: Only for development and the demo; production settings refuse it.
DEVELOPMENT_SECRET_KEY = "jixiao-development-only-not-secret"
SECRET_KEY = env_str("JIXIAO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("JIXIAO_DEBUG", False)
ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

_db_url = env_str("JIXIAO_DATABASE_URL", "")
if _db_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
    except Exception as err:  # dj-database-url raises several types for a bad URL
        raise ImproperlyConfigured(f"环境变量 JIXIAO_DATABASE_URL 无法解析：{err}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "jixiao.sqlite3"),
        }
    }

# A read replica (PostgreSQL streaming replication) for the public portal and the list
# counts of dashboards: JIXIAO_READ_DATABASE_URL. Everything else reads the primary (a user
# sees their own writes at once). Tests treat it as a mirror of the primary.
_read_url = env_str("JIXIAO_READ_DATABASE_URL", "")
if _read_url:
    try:
        DATABASES["replica"] = dj_database_url.parse(_read_url, conn_max_age=60)
    except Exception as err:  # dj-database-url raises several types for a bad URL
        raise ImproperlyConfigured(f"环境变量 JIXIAO_READ_DATABASE_URL 无法解析：{err}") from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
#: The alias that replica-tolerant reads use (`persistence.routing.read_alias`).
READ_DATABASE = "replica" if _read_url else "default"

#: SQLite under concurrent users (issue 9): write transactions take the write lock when they
#: begin (`BEGIN IMMEDIATE`), so a transaction that has read can never fail to upgrade to a
#: writer ("database is locked" without waiting); WAL lets readers go on while one writes;
#: a writer waits up to `SQLITE_BUSY_SECONDS` for the lock instead of failing at once.
SQLITE_BUSY_SECONDS = env_int("JIXIAO_SQLITE_BUSY_SECONDS", 30, minimum=1, maximum=600)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("transaction_mode", "IMMEDIATE")
    _options.setdefault("timeout", SQLITE_BUSY_SECONDS)
    _options.setdefault("init_command", "PRAGMA journal_mode=WAL;")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "jixiao.persistence",
    "jixiao.web",
]
AUTH_USER_MODEL = "persistence.User"
#: Backups serialise with every microsecond (Django's json format keeps milliseconds).
SERIALIZATION_MODULES = {"exact_json": "jixiao.persistence.exact_json"}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao.web.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao.web.middleware.IdleTimeoutMiddleware",
    "jixiao.web.middleware.PasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao.web.middleware.SecurityHeadersMiddleware",
    "jixiao.web.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.context.navigation",
            ]
        },
    }
]

# The first hasher makes every new hash; the others only verify older hashes, which Django
# rewrites with the first one at the user's next successful login (docs/deploy.md, 口令存储).
# PBKDF2 (Django's default until now: 1,000,000 iterations, ~0.5 s of CPU per login) made a
# deadline day's logins the machine's bottleneck; Argon2id costs ~30 ms and 19 MiB.
PASSWORD_HASHERS = [
    "jixiao.web.passwords.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jixiao.web.passwords.CharacterClassValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Set JIXIAO_STATIC_ROOT only to run collectstatic; otherwise files come from the apps.
STATIC_ROOT = env_str("JIXIAO_STATIC_ROOT", "") or None
# Serve straight from the apps' static folders: no collectstatic step before `jixiao serve`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# Idle session timeout (等保: 登录超时自动退出): IdleTimeoutMiddleware ends the session after
# this many idle minutes, with a notice, an HX-Redirect for htmx and a `session_timeout` audit
# event. The session's own age must be longer than that, or Django would drop the session
# first (silently: no notice, no audit event) and the middleware would never decide.
SESSION_IDLE_MINUTES = env_int("JIXIAO_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
SESSION_MAX_HOURS = env_int("JIXIAO_SESSION_MAX_HOURS", 8, minimum=1, maximum=24 * 7)
if SESSION_MAX_HOURS * 60 <= SESSION_IDLE_MINUTES:
    raise ImproperlyConfigured(
        f"JIXIAO_SESSION_MAX_HOURS（{SESSION_MAX_HOURS} 小时）必须长于 "
        f"JIXIAO_SESSION_IDLE_MINUTES（{SESSION_IDLE_MINUTES} 分钟）")
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Saved when changed only: IdleTimeoutMiddleware refreshes `last_seen` once a minute, which
# also renews the cookie's age; saving on every request cost an UPDATE and a commit each.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "jixiao.web.views.errors.csrf_failure"

# Failed logins (services.accounts): after LOCKOUT_ATTEMPTS failures for one account from one
# address, that account is blocked *from that address* for LOCKOUT_MINUTES, doubling with
# each further failure up to LOCKOUT_MAX_MINUTES; one address failing LOGIN_IP_ATTEMPTS
# times (any accounts) is blocked likewise. Nobody can lock another person out from
# elsewhere, and no block lasts longer than the cap.
LOCKOUT_ATTEMPTS = env_int("JIXIAO_LOCKOUT_ATTEMPTS", 5, minimum=1, maximum=100)
LOCKOUT_MINUTES = env_int("JIXIAO_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60)
LOCKOUT_MAX_MINUTES = env_int("JIXIAO_LOCKOUT_MAX_MINUTES", 60, minimum=1, maximum=24 * 60)
if LOCKOUT_MAX_MINUTES < LOCKOUT_MINUTES:
    raise ImproperlyConfigured(
        f"JIXIAO_LOCKOUT_MAX_MINUTES（{LOCKOUT_MAX_MINUTES}）不能小于 "
        f"JIXIAO_LOCKOUT_MINUTES（{LOCKOUT_MINUTES}）")
LOGIN_IP_ATTEMPTS = env_int("JIXIAO_LOGIN_IP_ATTEMPTS", 30, minimum=1, maximum=10_000)
# API bearer tokens expire after this many hours (and at logout and password change).
TOKEN_HOURS = env_int("JIXIAO_TOKEN_HOURS", 8, minimum=1, maximum=24 * 30)
# A one-time password from a password reset is valid this many hours.
RESET_HOURS = env_int("JIXIAO_RESET_HOURS", 24, minimum=1, maximum=24 * 14)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Evidence attachments (佐证材料): where they are stored and how big one may be.
EVIDENCE_DIR = Path(env_str("JIXIAO_EVIDENCE_DIR", str(VAR_DIR / "evidence")))
EVIDENCE_MAX_BYTES = env_int("JIXIAO_EVIDENCE_MAX_MB", 10, minimum=1, maximum=200) * 1024 * 1024
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (docs/architecture.md, "Task queue"): django-tasks with its database backend,
# on the same database as everything else (SQLite or PostgreSQL). Workers: `jixiao worker`,
# or the one `jixiao serve` starts. JIXIAO_TASKS=immediate runs each task at once, in the
# process that queued it (tests, and single-user set-ups without a worker).
_TASKS_MODE = env_str("JIXIAO_TASKS", "database")
if _TASKS_MODE not in ("database", "immediate"):
    raise ImproperlyConfigured("JIXIAO_TASKS 应为 database 或 immediate")
TASKS = {"default": {
    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if _TASKS_MODE == "immediate"
    else "django_tasks_db.DatabaseBackend",
    "QUEUES": ["default"],
}}
#: Inputs and outputs of background jobs (shared storage when workers run elsewhere).
JOBS_DIR = Path(env_str("JIXIAO_JOBS_DIR", str(VAR_DIR / "jobs")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
