"""Settings, read from the environment.

DATABASE_URL  default: SQLite file db.sqlite3 in the project
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" to turn on (default off)
ALLOWED_HOSTS comma-separated (default: localhost names)
The README's settings table lists the rest (sign-in throttling, trusted proxies, email).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env_bool(name, default=False):
    """A yes/no variable: one of the words above, or unset or empty for the default. Any other value
    stops start-up, so a typo ("ture") cannot quietly turn a setting off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} is {os.environ[name]!r}: set it to one of {', '.join(TRUE_WORDS)} to turn it on, "
        f"or one of {', '.join(FALSE_WORDS)} to turn it off."
    )


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def env_weekday(name, default):
    """A day of the week by its English name, as date.weekday() numbers it (Monday is 0); any other word
    stops start-up."""
    value = os.environ.get(name, "").strip().lower() or default.lower()
    if value not in WEEKDAYS:
        raise ImproperlyConfigured(f"{name} must be a day of the week, such as Monday (it is {value!r}).")
    return WEEKDAYS.index(value)


def env_int(name, default, *, minimum):
    """A whole number from the environment; a malformed one stops the start-up rather than being guessed."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number, at least {minimum} (it is {value!r}).")
    return int(value)


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for local use).")
    SECRET_KEY = "insecure-local-development-key"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "axes",
    "accounts",
    "inspections",
    "actions",
    "deadlines",
    "measures",
    "reminders",
    "plans",
]

MIDDLEWARE = [
    "bromley_tracker.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "bromley_tracker.middleware.ContentSecurityPolicyMiddleware",
    "bromley_tracker.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, so that /healthz does not depend on them.
    "bromley_tracker.middleware.HealthCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bromley_tracker.middleware.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RoleBackend",
]

ROOT_URLCONF = "bromley_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.rules.rules",
            ],
            "builtins": ["bromley_tracker.breadcrumbs", "bromley_tracker.pagination"],
            "libraries": {"govuk_fields": "bromley_tracker.govuk_fields"},
        },
    },
]

WSGI_APPLICATION = "bromley_tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_actions"
LOGOUT_REDIRECT_URL = "signed_out"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
# The en-gb locale is overridden so that dates read "14 September 2021".
FORMAT_MODULE_PATH = ["bromley_tracker.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# A signed-in person is signed out after SESSION_IDLE_TIMEOUT seconds without a request (an hour; the
# environment variable keeps its old name, SESSION_COOKIE_AGE). Rather than saving the session on every
# request, SessionRefreshMiddleware saves it at most once every SESSION_REFRESH_INTERVAL seconds, so each save
# keeps it for the idle limit plus that interval: sign-out comes between an hour and an hour and five minutes
# after the last request, never sooner.
SESSION_IDLE_TIMEOUT = env_int("SESSION_COOKIE_AGE", 60 * 60, minimum=60)
SESSION_REFRESH_INTERVAL = 5 * 60
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT + SESSION_REFRESH_INTERVAL
SESSION_ENGINE = "bromley_tracker.sessions"

# Demo accounts' password; `make run` sets and prints it.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")

# Sign-in throttling (django-axes, with bromley_tracker/sign_in.py). AXES_FAILURE_LIMIT failures for one
# username from one address lock that username on that address for AXES_COOLOFF_MINUTES: one person's typos
# do not lock out their office, and nobody can lock someone out from elsewhere. A successful sign-in clears
# only its own username's failures on its address, so signing in to another account does not wipe the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "bromley_tracker.sign_in.client_ip"
# How many proxies in front of the app append to X-Forwarded-For (0: the header is not trusted at all).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# Separately and more generously, an address with this many failures (for any usernames) and a failure in
# the last window may not try again until the window has passed without one: a flood is slowed, and no
# account is locked by it.
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("SIGN_IN_ADDRESS_FAILURE_LIMIT", 50, minimum=1)
SIGN_IN_ADDRESS_WINDOW = datetime.timedelta(minutes=env_int("SIGN_IN_ADDRESS_WINDOW_MINUTES", 5, minimum=1))

# Email, for password resets. Without EMAIL_HOST, emails are written to the console (the terminal of
# `make run`, the log in production), so set it wherever real people use the service.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Improvement tracker <improvement-tracker@localhost>")
# Reminders (manage.py send_reminders): links in emails start with SITE_URL; the weekly digests go out on
# REMINDERS_DIGEST_WEEKDAY, a day's English name.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
REMINDERS_DIGEST_WEEKDAY = env_weekday("REMINDERS_DIGEST_WEEKDAY", "Monday")
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for an hour
# At most PASSWORD_RESET_EMAIL_LIMIT reset links to one email address, and PASSWORD_RESET_ADDRESS_LIMIT
# requests from one client address, in each PASSWORD_RESET_WINDOW (accounts/resets.py).
PASSWORD_RESET_EMAIL_LIMIT = env_int("PASSWORD_RESET_EMAIL_LIMIT", 3, minimum=1)
PASSWORD_RESET_ADDRESS_LIMIT = env_int("PASSWORD_RESET_ADDRESS_LIMIT", 20, minimum=1)
PASSWORD_RESET_WINDOW = datetime.timedelta(minutes=env_int("PASSWORD_RESET_WINDOW_MINUTES", 60, minimum=1))

# Hardened when DEBUG is off. HTTPS_ONLY=0 serves plain HTTP (a local benchmark), never in production.
HTTPS_ONLY = env_bool("HTTPS_ONLY", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31536000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# GOV.UK Frontend starts from the app's own script file, so nothing inline is needed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bromley_tracker.log.RequestIDFilter"}},
    "formatters": {"json": {"()": "bromley_tracker.log.JSONFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint (board packs' PDFs) reports every step it takes at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# JSON dumps keep times to the microsecond, so a backup reloads to the same rows.
SERIALIZATION_MODULES = {"json": "bromley_tracker.exact_json"}
