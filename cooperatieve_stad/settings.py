"""Settings for Coöperatieve Stad, read from the environment.

With no environment at all this gives a working development site: DEBUG on, SQLite,
console e-mail and a local-memory cache. Production sets DEBUG=false and at least
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README.md → Configuration).
"""

import datetime as dt
import re
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="" if not DEBUG else _DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if not DEBUG else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)

if not DEBUG:
    # Refuse to start rather than run production with a guessable key or an open host list.
    _missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"DEBUG is off but {' and '.join(_missing)} {'is' if len(_missing) == 1 else 'are'} not set. "
            "Set them in the environment (see README.md → Configuration), or set DEBUG=true "
            "for a development run."
        )

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# How mails and pages name the site.
SITE_NAME = "Coöperatieve Stad"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL] if not DEBUG else [])

INSTALLED_APPS = [
    # Django's admin with our site as admin.site (cooperatieve_stad/admin_site.py).
    "cooperatieve_stad.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_filters",
    "simple_history",
    "csp",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    # Ours, lowest layer first (docs/architecture.md).
    "common",
    "initiatives",
    "teams",
    "events",
    "sessions.apps.ProgrammeConfig",
    "reservations",
    "privacy",
    "demo",
    "cooperatieve_stad",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    # Static files leave here, precompressed by WhiteNoise: nothing below sees them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for the pages that were not compressed already (the page cache's are), except
    # those marked uncompressed (common.http.uncompressed; README → Performance → Signed-in
    # pages). Above ConditionalGetMiddleware, as Django's docs order them: the ETag is taken
    # from the plain body, which is the same every time, and made weak on compression.
    "common.middleware.GZipMiddleware",
    # ETag on every page and 304 Not Modified when the browser already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on every response to a signed-in person.
    "common.middleware.PrivateWhenSignedInMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history of events, sessions and reservations.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a django-ratelimit refusal into the 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
]
# History is for reading: restoring an old version would bypass the reservation services.
SIMPLE_HISTORY_REVERT_DISABLED = True

ROOT_URLCONF = "cooperatieve_stad.urls"
WSGI_APPLICATION = "cooperatieve_stad.wsgi.application"

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
                "django.template.context_processors.i18n",
                "common.context_processors.site",
            ],
        },
    },
]

# Database: SQLite for development, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one
        # failing with "database is locked" halfway through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless CACHE_URL (or REDIS_URL) points at a shared cache.
_cache_url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url_config(_cache_url)
    if _cache_url
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cooperatieve-stad",
    },
}
# Sessions: read from the shared cache, written to it and to the database (which keeps them
# when the cache is flushed or evicts them), so a signed-in request costs no session query.
# The local-memory cache is one per gunicorn worker, so without a shared cache they are kept
# in the database only.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if _cache_url
    else "django.contrib.sessions.backends.db"
)
# Whole public pages for anonymous visitors (common/page_cache.py). On by default
# only with a shared cache: the local-memory cache of one gunicorn worker would not hear of
# changes made through another.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 if _cache_url else 0)
# How old the places and seats left on a cached page may be, at most, after a reservation.
PAGE_CACHE_AVAILABILITY_SECONDS = env.int("PAGE_CACHE_AVAILABILITY_SECONDS", default=5)
# Parts of pages that are the same for everyone, such as an event's programme, kept for
# signed-in visitors too (common/fragment_cache.py); seats left in them follow the bound above.
# Also only with a shared cache, for the same reason as the page cache.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=3600 if _cache_url else 0)

# E-mail: printed to the console unless EMAIL_URL is set (smtp+tls://user:password@host:587).
_email_url = env.str("EMAIL_URL", default="")
if _email_url:
    globals().update(env.email_url_config(_email_url))  # EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS…
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds before an unanswering mail server is given up on. Mails are sent by the worker
# (reservations/outbox.py), never in a request; without a timeout a hung server would hold a
# worker, and the mails queued behind it, for good.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=5)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Coöperatieve Stad <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.list("ADMIN_EMAILS", default=[])]

# Work outside the request: mails, reminders and scheduled jobs (README → Deployment). The
# database backend writes a task in the same transaction as the change that causes it;
# `manage.py run_worker` processes (`make run` starts one) take tasks with SKIP LOCKED. The
# tests run each task at once (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    },
}
# Jobs the workers enqueue on a schedule instead of cron (common/scheduler.py): the task's
# import path and how often. Each period is claimed by one worker, however many run.
SCHEDULED_TASKS: list[tuple[str, dt.timedelta]] = [
    ("reservations.outbox.recover_stalled_mails", dt.timedelta(minutes=1)),
    ("reservations.tasks.queue_reminders", dt.timedelta(minutes=5)),
    ("privacy.tasks.anonymise_participants", dt.timedelta(days=1)),
    ("common.tasks.prune_finished_tasks", dt.timedelta(days=1)),
]
# Finished tasks (their arguments, results and tracebacks) are deleted after this many days.
TASKS_RETENTION_DAYS = env.int("TASKS_RETENTION_DAYS", default=14)
# `manage.py queue_status` and /healthz/queue report trouble when a due task has waited longer.
QUEUE_MAX_WAIT_SECONDS = env.int("QUEUE_MAX_WAIT_SECONDS", default=300)
# Set on the health listener only (cooperatieve_stad.health_wsgi, README → Health checks): the
# web server's "host:port", which must accept a connection for /healthz to answer 200.
HEALTH_WEB_ADDRESS = env.str("HEALTH_WEB_ADDRESS", default="")
if HEALTH_WEB_ADDRESS and not re.fullmatch(
    r"(\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):\d{1,5}", HEALTH_WEB_ADDRESS
):
    raise ImproperlyConfigured(f"HEALTH_WEB_ADDRESS must be host:port, not {HEALTH_WEB_ADDRESS!r}.")

# Accounts (django-allauth): attendees sign up with an e-mail address they must verify,
# then log in with a password or with a one-time code sent by e-mail. There are no
# usernames to remember. allauth's rate limits (ACCOUNT_RATE_LIMITS) stay at their defaults
# (login_failed: 10 a minute per address, 5 per 5 minutes per account); they count in the
# default cache, which must be shared between processes in production (CACHE_URL).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # the admin's username login
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up hashes the password also for an address that has an account, so that its time
# does not tell which addresses do (common/account_forms.py).
ACCOUNT_FORMS = {"signup": "common.account_forms.SignupForm"}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Following the link in the same browser that signed up finishes the login too.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# One address per account, replaced only once the new one is verified.
ACCOUNT_CHANGE_EMAIL = True
# Changing the address asks for the password again unless it was entered in the last
# ACCOUNT_REAUTHENTICATION_TIMEOUT seconds (5 minutes), so that a borrowed or stolen session
# cannot move the account to another address; changing the password asks for the old one.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# The account's address hears of every change: a new address (mailed to the old one), a
# removed address, a changed, set or reset password.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Greets from SITE_NAME in allauth's mails instead of from the request's host.
ACCOUNT_ADAPTER = "cooperatieve_stad.accounts.AccountAdapter"
# Links in e-mails use the scheme of SITE_URL (https in production), whatever the proxy says.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split("://", 1)[0]

# Django's rules, in the site's Dutch ("je") and translated by our catalogues.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "common.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "common.passwords.MinimumLengthValidator"},
    {"NAME": "common.passwords.CommonPasswordValidator"},
    {"NAME": "common.passwords.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Participant lists of events that ended longer ago are anonymised daily by the workers
# (privacy.tasks.anonymise_participants; by hand: `manage.py anonymise_participants`).
PARTICIPANT_RETENTION_DAYS = env.int("PARTICIPANT_RETENTION_DAYS", default=365)

# Largest upload accepted for documents and images, in megabytes.
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=10)
# Largest image accepted, in pixels (width × height). Pillow holds an image in memory
# uncompressed while checking it (about 4 bytes a pixel), and a "decompression bomb" packs
# billions of pixels into a few kilobytes; 40 million is more than a 36-megapixel camera.
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
FILE_UPLOAD_PERMISSIONS = 0o644

# Security. Production values; DEBUG relaxes what would break plain-HTTP development.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/queue$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# The language switch's cookie (django_language) like the others; scripts never read it.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): nothing by default, and each kind the portal uses
# allowed from our own origin only, so that a kind nobody thought of (frames, media,
# workers…) stays blocked. Nothing inline, no nonces (pages stay cacheable for anonymous
# visitors), never framed. JSON-LD data blocks are not scripts and need no exception. The
# Django admin and the allauth pages work under it unchanged (tests/browser checks).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # the admin's icons include data: URLs
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if not DEBUG else {}),
    },
}
# Rate limits on reserving, changing, cancelling and check-in (common/ratelimits.py,
# django-ratelimit) and on logins (allauth), counted in the default cache. Production must
# share that cache between processes (CACHE_URL): with the local-memory default every
# gunicorn worker counts on its own, so the limits are as many times looser.
RATELIMIT_VIEW = "common.ratelimits.too_many_requests"
RATELIMIT_IP_META_KEY = "common.ratelimits.client_ip"
# Behind the reverse proxy every request comes from the proxy's address; the client's is the
# one the (trusted) proxy appended last to X-Forwarded-For. Anything before it can be forged.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
SILENCED_SYSTEM_CHECKS = [
    # "Not officially supported": the library's list predates Django's own Redis backend,
    # whose increment is as atomic as the listed ones.
    "django_ratelimit.W001",
]
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # "Not a shared cache": true, and fine for development and a single process; counting
    # per process still limits. Production is told to set CACHE_URL (README → Configuration).
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
