"""Redress settings: one file, read from the environment.

Every setting has a safe default for a developer's machine (SQLite under var/, DEBUG on).
A value that cannot be understood stops the process with ImproperlyConfigured and a message
naming the variable, rather than being guessed at.

Environment variables:

    DEBUG                     true or false (default true; set false in production)
    SECRET_KEY                required when DEBUG is false
    ALLOWED_HOSTS             comma-separated (default localhost,127.0.0.1,[::1] when DEBUG)
    DATABASE_URL              e.g. postgres://user@host:5432/name (default sqlite:///var/redress.sqlite3)
    POSTGRES_JIT              true to let PostgreSQL compile queries just in time (default false:
                              docs/decisions/0209)
    STATIC_ROOT               where collectstatic writes (default var/static)
    REDRESS_DEMO_PASSWORD     password given to the demo users (default redress-demo)
    REDRESS_RETENTION_YEARS_AFTER_BIRTH  years a child's record is kept after their date of
                              birth before `redress retention --apply` deletes it (default 31)
    TIME_ZONE                 default Europe/London
    REDRESS_NOTIFICATION_CHANNEL  email (default) or notify; also REDRESS_BASE_URL,
                              NOTIFY_API_KEY, NOTIFY_BASE_URL, NOTIFY_TEMPLATE_IDS,
                              NOTIFICATIONS_MAX_ATTEMPTS, NOTIFICATIONS_RETRY_BASE_SECONDS,
                              NOTIFICATIONS_STALE_SECONDS, SIGN_IN_CODE_MINUTES,
                              FAMILY_REQUEST_ANSWER_WORKING_DAYS (default 5)
    LOG_FORMAT                text (default) or json: one JSON object a line
    LOG_LEVEL                 default INFO

Signing in (docs/sign-in.md):

    REDRESS_REQUIRE_2FA       staff complete a second factor (an authenticator app code) after
                              the password; default true when DEBUG is false, false when true
    AXES_FAILURE_LIMIT        wrong passwords before the account and the address are locked (5)
    REDRESS_LOCKOUT_MINUTES   how long a lock-out lasts (default 30)
    REDRESS_CLIENT_IP_HEADER  where the person's address is read behind one proxy, e.g.
                              HTTP_X_FORWARDED_FOR (default: the connection's REMOTE_ADDR)
    PASSWORD_RESET_TIMEOUT    seconds a password reset link works (default 7200, 2 hours)
    RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_IP, RATE_LIMIT_WINDOW_MINUTES
                              password reset and guidance subscription requests allowed per
                              email address and per IP in the window (3, 20, 15)
    REDRESS_CACHE             "database" to count rate limits in the database cache (run
                              `redress createcachetable`), needed with several processes

Transport and browser security (docs/deploy-security.md); the defaults apply when DEBUG is false:

    REDRESS_BEHIND_PROXY      true behind a TLS-ending proxy that sets X-Forwarded-Proto
                              (default false): Django then trusts that header for HTTPS
    SECURE_SSL_REDIRECT       redirect plain HTTP to HTTPS (default true; /healthz and
                              /health/live, /health/ready are spared)
    SECURE_HSTS_SECONDS       Strict-Transport-Security max-age (default 31536000, one year);
                              also SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD (true)
    SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE   cookies over HTTPS only (default true)
    SQLITE_TIMEOUT            seconds a SQLite writer waits for another (default 20)
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
    "redress.casefile",
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
    "redress.sen2",
    "redress.imports",
    "redress.api",
    # django-ninja as an app: the API docs page then uses its bundled files, not a CDN, so it
    # works under the Content-Security-Policy.
    "ninja",
    "redress.retention",
    "redress.demo",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # -- Security headers (docs/deploy-security.md): CSP on every response; no-store and a
    # Permissions-Policy on everything but static files, which WhiteNoise answers first.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "redress.core.middleware.PrivateResponseMiddleware",
    # -- end of security headers
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page: the reader's choice (the family pages' switch sets the cookie),
    # else the browser's; English unless a catalogue says otherwise (decision 0176).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A person's roles are read once a request (decision 0196).
    "redress.accounts.roles.ReadRolesOnceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Every page that shows a child's record leaves an audit row (redress/audit/reads.py).
    "redress.audit.reads.ReadAuditMiddleware",
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

# -- SQLite under concurrent saves (docs/deploy-security.md) ---------------------------------
# Write-ahead logging lets readers carry on while one person saves; IMMEDIATE transactions take
# the write lock when a transaction starts (a deferred one that later upgrades fails at once with
# "database is locked"); the timeout makes a second writer wait its turn instead of failing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_options = dict(DATABASES["default"].get("OPTIONS") or {})  # type: ignore[call-overload]
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("timeout", env_int("SQLITE_TIMEOUT", 20))
    _sqlite_options.setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"] = _sqlite_options
# -- end of SQLite

# PostgreSQL compiles a query just in time when its planned cost is high; a page's queries with
# correlated subqueries are planned dear but run in milliseconds, and the compiling took seconds
# (docs/decisions/0209). Off for Redress's own connections unless asked for.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "POSTGRES_JIT", False
):
    _pg_options = dict(DATABASES["default"].get("OPTIONS") or {})  # type: ignore[call-overload]
    _pg_options["options"] = f"{_pg_options.get('options', '')} -c jit=off".strip()
    DATABASES["default"]["OPTIONS"] = _pg_options
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
# Text is marked for translation (decision 0176). English is the default; Welsh has a small
# catalogue for the family's case page (redress/family/locale/cy), the .mo committed beside it.
USE_I18N = True
# The shared page chrome (base.html, includes/) belongs to no app; its catalogue lives here.
LOCALE_PATHS = [BASE_DIR / "redress" / "locale"]
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LANGUAGE_COOKIE_NAME = "redress_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
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
# The working days a family's request waits for an answer (a service promise, decision 0082).
FAMILY_REQUEST_ANSWER_WORKING_DAYS = env_int("FAMILY_REQUEST_ANSWER_WORKING_DAYS", 5)

# Demo data (redress load_demo_data).
REDRESS_DEMO_PASSWORD = os.environ.get("REDRESS_DEMO_PASSWORD", "redress-demo")

# Retention (UK GDPR Art 5(1)(e)): a child's record is kept this many years after their date of
# birth, then `redress retention --apply` deletes it with its history and files.
REDRESS_RETENTION_YEARS_AFTER_BIRTH = env_int("REDRESS_RETENTION_YEARS_AFTER_BIRTH", 31)

# -- Transport and browser security (docs/deploy-security.md) ---------------------------------
# Secure by default whenever DEBUG is false: HTTPS only (redirect, HSTS, secure cookies).
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer's health check may call over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^health/(live|ready)$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy or load balancer that ends TLS, Django sees plain HTTP: with
# REDRESS_BEHIND_PROXY=true it trusts the proxy's X-Forwarded-Proto header instead (the proxy
# must set it on every request and strip any the client sent).
if env_bool("REDRESS_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp): only Redress's own files; no inline script or style, no
# plugins, no framing, forms post only to Redress.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# -- end of transport and browser security


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

# --- Signing in and administrators' powers (docs/sign-in.md) -------------------------------
# Kept in one block: Redress's admin site, the second factor (django-otp), lock-outs after wrong
# passwords (django-axes) and rate limits on password reset and the guidance subscription.
INSTALLED_APPS = [
    "redress.accounts.admin_apps.RedressAdminConfig" if app == "django.contrib.admin" else app
    for app in INSTALLED_APPS
] + ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static", "axes"]
# The lock-out check runs before any backend; it ignores calls without a request (see backends).
AUTHENTICATION_BACKENDS = ["redress.accounts.backends.LockoutBackend", *AUTHENTICATION_BACKENDS]
_AFTER_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_AFTER_AUTH:_AFTER_AUTH] = [
    "django_otp.middleware.OTPMiddleware",
    "redress.accounts.middleware.SecondFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
REDRESS_REQUIRE_2FA = env_bool("REDRESS_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Redress")
REDRESS_RECOVERY_CODES = 10
# Wrong passwords: after AXES_FAILURE_LIMIT the account and the address are locked for
# REDRESS_LOCKOUT_MINUTES, counted in the database so every process agrees.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
REDRESS_LOCKOUT_MINUTES = env_int("REDRESS_LOCKOUT_MINUTES", 30)
AXES_COOLOFF_TIME = REDRESS_LOCKOUT_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not reset by a success: a guesser signing in to their own account would clear every count
# from their address, the victim's included.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "redress.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Behind one proxy, REDRESS_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR (its last address is used).
REDRESS_CLIENT_IP_HEADER = os.environ.get("REDRESS_CLIENT_IP_HEADER", "").strip()
AXES_CLIENT_IP_CALLABLE = "redress.accounts.ratelimit.client_ip"
AXES_VERBOSE = False
# Password reset links last hours, not Django's default of three days.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 2 * 60 * 60)
# Requests per address and per IP in RATE_LIMIT_WINDOW_MINUTES, for password reset emails and
# guidance subscriptions. Counted in the default cache: local memory, one count per process.
# With several processes use a shared cache: REDRESS_CACHE=database (below).
RATE_LIMIT_PER_ADDRESS = env_int("RATE_LIMIT_PER_ADDRESS", 3)
RATE_LIMIT_PER_IP = env_int("RATE_LIMIT_PER_IP", 20)
RATE_LIMIT_WINDOW_MINUTES = env_int("RATE_LIMIT_WINDOW_MINUTES", 15)
if os.environ.get("REDRESS_CACHE", "").strip() == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "redress_cache",
        }
    }
# Axes notes every successful sign-in at INFO; lock-outs are warnings and still shown.
LOGGING["loggers"] = {"axes": {"level": "WARNING"}}
# --- end of signing in ---------------------------------------------------------------------
