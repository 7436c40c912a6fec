"""Redress settings: one file, read from the environment.

Every setting has a safe default for a developer's machine (SQLite under var/, DEBUG on).
A value that cannot be understood stops the process with ImproperlyConfigured and a message
naming the variable, rather than being guessed at.

Environment variables:

    DEBUG                     true or false (default true; set false in production)
    SECRET_KEY                required when DEBUG is false
    ALLOWED_HOSTS             comma-separated (default localhost,127.0.0.1,[::1] when DEBUG)
    DATABASE_URL              e.g. postgres://user@host:5432/name (default sqlite:///var/redress.sqlite3)
    STATIC_ROOT               where collectstatic writes (default var/static)
    REDRESS_DEMO_PASSWORD     password given to the demo users (default redress-demo)
    TIME_ZONE                 default Europe/London
    REDRESS_NOTIFICATION_CHANNEL  email (default) or notify; also REDRESS_BASE_URL,
                              NOTIFY_API_KEY, NOTIFY_BASE_URL, NOTIFY_TEMPLATE_IDS,
                              NOTIFICATIONS_MAX_ATTEMPTS, NOTIFICATIONS_RETRY_BASE_SECONDS,
                              NOTIFICATIONS_STALE_SECONDS, SIGN_IN_CODE_MINUTES
    LOG_FORMAT                text (default) or json: one JSON object a line
    LOG_LEVEL                 default INFO
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REDRESS_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; anything but a recognised true/false word is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Parse DATABASE_URL, refusing anything Redress does not support."""
    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not understood: use sqlite:///path/to/file.sqlite3 "
            "or postgres://user:password@host:5432/name."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=0)
    except Exception as exc:  # dj-database-url raises ValueError and friends
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} could not be parsed: {exc}") from exc
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} does not name a database.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        try:
            urlsplit(url).port  # noqa: B018 - raises ValueError on a non-numeric port
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} has a bad port: {exc}") from exc
    return dict(config)


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "govuk_frontend_django",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "redress.core",
    "redress.accounts",
    "redress.audit",
    "redress.casework",
    "redress.bankholidays",
    "redress.notifications",
    "redress.family",
    "redress.guidance",
    "redress.documents",
    "redress.plans",
    "redress.mediation",
    "redress.agreements",
    "redress.appeals",
    "redress.reports",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "redress" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    # The folder only: SQLite creates the file itself on first use (e.g. `redress migrate`).
    # On a read-only install Django reports the database error when the database is used.
    with contextlib.suppress(OSError):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "redress.sqlite3",
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# Static files. GOV.UK Frontend comes from npm (`npm ci`): node_modules/govuk-frontend/dist/govuk
# is on STATICFILES_DIRS under its own path, so "govuk-frontend/dist/govuk/..." resolves (and
# nothing else from node_modules is collected). The GDS Transport font files are never
# found or collected (docs/decisions/0002-fonts.md): see redress.core.staticfiles.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    ("govuk-frontend/dist/govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STATICFILES_FINDERS = [
    "redress.core.staticfiles.FileSystemFinderWithoutFonts",
    "redress.core.staticfiles.AppDirectoriesFinderWithoutFonts",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# In development, WhiteNoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "casework:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Sessions end after an hour without activity, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Uploaded documents (advice, evidence). Never served without a permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Email: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redress@localhost")

# Notifications (redress/notifications, docs/notifications.md).
# REDRESS_NOTIFICATION_CHANNEL: "email" (Django's email backend above) or "notify" (GOV.UK Notify).
REDRESS_NOTIFICATION_CHANNEL = os.environ.get("REDRESS_NOTIFICATION_CHANNEL", "email").strip()
if REDRESS_NOTIFICATION_CHANNEL not in {"email", "notify"}:
    raise ImproperlyConfigured(
        f"REDRESS_NOTIFICATION_CHANNEL={REDRESS_NOTIFICATION_CHANNEL!r}: use email or notify."
    )
REDRESS_BASE_URL = os.environ.get("REDRESS_BASE_URL", "http://127.0.0.1:8000")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# NOTIFY_TEMPLATE_IDS: comma-separated key=template-id pairs, one for each template in
# redress/notifications/message_templates.py.
NOTIFY_TEMPLATE_IDS = dict(
    item.split("=", 1) for item in env_list("NOTIFY_TEMPLATE_IDS", []) if "=" in item
)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 300)
NOTIFICATIONS_STALE_SECONDS = env_int("NOTIFICATIONS_STALE_SECONDS", 900)
SIGN_IN_CODE_MINUTES = env_int("SIGN_IN_CODE_MINUTES", 15)
SIGN_IN_CODE_MAX_ATTEMPTS = env_int("SIGN_IN_CODE_MAX_ATTEMPTS", 5)
SIGN_IN_CODES_PER_15_MINUTES = env_int("SIGN_IN_CODES_PER_15_MINUTES", 3)

# Demo data (redress load_demo_data).
REDRESS_DEMO_PASSWORD = os.environ.get("REDRESS_DEMO_PASSWORD", "redress-demo")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Production serving and logs (docs/deploy.md) -----------------------------------------
# LOG_FORMAT: "text" (default) or "json" (one JSON object a line, redress.core.logging).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "redress.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# --- end of production serving and logs ---------------------------------------------------
