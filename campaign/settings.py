"""Settings for the Zhanaozen memorial and campaign, read from the environment.

Every variable is documented in README.md. With DEBUG off a missing secret stops the
process at start-up instead of running with a guessable key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from campaign.release import code_fingerprint
from campaign.static_headers import add_headers as add_static_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(exist_ok=True)


def envbool(name, default="0"):
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name):
    """The value of NAME, or the contents of the file named by NAME_FILE."""
    if value := os.environ.get(name):
        return value
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return None


DEBUG = envbool("DJANGO_DEBUG")
HTTPS = envbool("DJANGO_HTTPS")

SECRET_KEY = envsecret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE (make run creates var/secret_key)."
        )
    SECRET_KEY = "insecure-development-only-" + "x" * 40

# A separate key for the digests of e-mail addresses and client IPs, so that rotating
# SECRET_KEY (sessions, signed links) does not break the one-signature-per-address rule.
DIGEST_KEY = envsecret("DJANGO_DIGEST_KEY") or SECRET_KEY

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS")
# Links in e-mails and canonical addresses; `make run` serves on $PORT, so default to it.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip(
    "/"
)

INSTALLED_APPS = [
    "modeltranslation",
    # Before django.contrib.auth: its createsuperuser prints the enrolment link.
    "campaign.staff",
    # django.contrib.admin, with campaign.staff.sites.StaffAdminSite (two factors) as admin.site.
    "campaign.staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "campaign.petitions",
    "memorial",
    "campaign.embed",
    "campaign.sharing",
    "campaign.updates",
    "campaign.delivery",
    "campaign.tally",
    "campaign.backups",
    "campaign.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before Session and Locale: it must see (and trim) their Vary on embed responses.
    "campaign.embed.discovery.EmbedMiddleware",
    # Before Session, CSRF and Messages: it must see the cookies they set.
    "campaign.private_responses.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "campaign.staff.middleware.AdminActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "campaign.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its 400 and 413 pages carry every header above. No middleware reads the body;
    # the first reader, the CSRF check, runs after all of them (process_view).
    "campaign.request_body.RequestBodyMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campaign.context_processors.site",
            ],
        },
    },
]

# Databases. SQLite by default, tuned for many gunicorn workers writing at once: WAL lets
# readers run beside the writer, IMMEDIATE takes the write lock at BEGIN so a
# read-then-write transaction never fails half-way with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA temp_store=MEMORY;"
        "PRAGMA mmap_size=134217728;"
        "PRAGMA cache_size=-32000;"
    ),
}

if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            database_url, conn_max_age=envint("DJANGO_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    # Django's, except that a connection which raised an error is closed and reopened.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "campaign.db.postgresql"
else:
    DATABASES = {
        "default": {
            # Django's, except that a connection which raised an error is closed and reopened.
            "ENGINE": "campaign.db.sqlite",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            # A worker keeps its connection: reconnecting re-runs every PRAGMA above.
            "CONN_MAX_AGE": None,
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache. Rate limits and counts must be shared by every worker (and every host), so the
# default is never process-local memory: Redis when REDIS_URL is set, otherwise DiskCache,
# sharded SQLite files under var/cache that every worker on the machine shares, with atomic
# increments and no table scan on write (Django's database cache counts its table on every
# set: measured, that cost more than the signature insert itself).
# Every key carries the release's fingerprint, so no release reads what another stored (a
# page with a form, a pickled model). Hosts of one deployment run the same code, so they agree.
CACHE_VERSION = envint("DJANGO_CACHE_VERSION", code_fingerprint(BASE_DIR))
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "campaign.cache.TieredRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "zhanaozen"),
            "VERSION": CACHE_VERSION,
            # What every visitor reads (pages, counts, the petition and the version numbers
            # they are filed under; see each app's caching module) is also held in each process
            # for at most this window: a change on one host shows on every host within it.
            "LOCAL_SECONDS": envint("DJANGO_LOCAL_CACHE_MS", 250) / 1000,
            "LOCAL_PREFIXES": ("campaign:petition:", "memorial:", "embed:"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "campaign.cache.PersistentDiskCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "SHARDS": 8,
            "DATABASE_TIMEOUT": 0.5,
            "OPTIONS": {"size_limit": envint("DJANGO_CACHE_SIZE_MB", 512) * 2**20},
            "VERSION": CACHE_VERSION,
        }
    }

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Languages: English for the international campaign, Kazakh and Russian for the people it
# speaks for. Content fields fall back to English (see docs/i18n.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["campaign.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Aqtau"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The largest request the admin accepts: a person's photo. Visitors' forms may be no larger than
# DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB); see campaign.request_body.
UPLOAD_MAX_BYTES = envint("DJANGO_UPLOAD_MAX_MB", 10) * 2**20
WHITENOISE_MAX_AGE = 3600
# The security headers of Django's responses, on static files too.
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_headers


def _add_xstatic_bootstrap():
    import xstatic.pkg.bootstrap

    STATICFILES_DIRS.append(("bootstrap", xstatic.pkg.bootstrap.BASE_DIR))


_add_xstatic_bootstrap()

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console unless an SMTP host is configured.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "campaign@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if email_host := os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            # Django's, keeping the connection between messages (campaign/lib/smtp.py).
            "BACKEND": "campaign.lib.smtp.KeptSMTPBackend",
            "OPTIONS": {
                "host": email_host,
                "port": envint("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": envsecret("EMAIL_HOST_PASSWORD") or "",
                "use_tls": envbool("EMAIL_USE_TLS", "1"),
                "timeout": envint("EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Deferred work. Immediate runs tasks inside the request (fine for one machine and for
# tests); DJANGO_TASKS_BACKEND=database queues them for `manage.py db_worker`.
if os.environ.get("DJANGO_TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Security headers. The policy allows nothing from another host, ever; data: images are
# Bootstrap's inline SVG icons (form controls).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # Same-origin, so browsers report to us and nobody else (campaign.csp_reports). Not
    # report-to: Chromium then ignores report-uri, and sends report-to only over HTTPS,
    # batched, late or not at all (docs/DECISIONS.md).
    "report-uri": ["/csp-report/"],
}
X_FRAME_OPTIONS = "DENY"
# Who may frame the embed views (campaign.embed) and nothing else: partners' sites. A comma
# list of CSP sources, e.g. "https://union.example.org,https://*.news.example"; * is any.
EMBED_FRAME_ANCESTORS = envlist("DJANGO_EMBED_FRAME_ANCESTORS", "*")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_SSL_REDIRECT = envbool("DJANGO_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 63072000)
    # Only when the deployer opts in: every subdomain must then serve HTTPS for as long as the
    # max-age lasts, and leaving the preload list takes months. The list requires subdomains.
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = (
        envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS") or SECURE_HSTS_PRELOAD
    )
    # Leaving them out is a choice, not an oversight for `check --deploy` to warn about.
    SILENCED_SYSTEM_CHECKS = [
        check
        for check, opted_in in [
            ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
            ("security.W021", SECURE_HSTS_PRELOAD),
        ]
        if not opted_in
    ]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # __Host- cookies come only from this host, over HTTPS, for the whole site: no other
    # subdomain can plant a CSRF cookie or fix a session on ours.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
if envbool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The client IP used for rate limits. Never a header a visitor can set, unless a proxy
# we trust overwrites it: then name it here (e.g. HTTP_X_REAL_IP).
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "REMOTE_ADDR")

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# The bearer token /healthz/?full=1 asks for (campaign.health); unset, full=1 is refused.
HEALTH_TOKEN = envsecret("DJANGO_HEALTH_TOKEN")

# Staff accounts (the staff app). Only staff have sessions (public pages keep their messages in
# a cookie), so sessions are the admin's: they end when the browser closes, and after
# DJANGO_STAFF_IDLE_MINUTES without an admin request (campaign.staff.middleware
# saves the session on each, moving its expiry on).
SESSION_COOKIE_AGE = envint("DJANGO_STAFF_IDLE_MINUTES", 30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Second factor (django-otp): how long an enrolment link works, and the name an authenticator
# app shows beside the user name (choose a neutral one if staff phones may be searched).
STAFF_ENROLMENT_HOURS = envint("DJANGO_STAFF_ENROLMENT_HOURS", 72)
OTP_TOTP_ISSUER = os.environ.get("DJANGO_TOTP_ISSUER", "Zhanaozen memorial")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Failed logins: a client is locked after this many whatever user names it tries, and a user
# name whatever clients try it. The axes backend checks before any password is hashed.
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# Axes stores a keyed digest of the client IP and no browser details (campaign.staff.attempts).
AXES_CLIENT_IP_CALLABLE = "campaign.staff.attempts.client_pseudonym"
AXES_HANDLER = "campaign.staff.attempts.PseudonymousHandler"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
AXES_LOCKOUT_TEMPLATE = "429.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Counts each 5xx response per hour in the cache, for the ops page (campaign.ops.errors).
        "server_errors": {"class": "campaign.ops.errors.ServerErrorCounter"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines would carry addresses typed into query strings; keep them out.
        "django.request": {"level": "ERROR", "handlers": ["server_errors"]},
        "django.server": {"level": "WARNING"},
    },
}
AXES_VERBOSE = False

# The petition: each variable is in README.md; the retention days are promised on the privacy page.
CAMPAIGN_COUNT_SHARDS = envint("CAMPAIGN_COUNT_SHARDS", 16)
CAMPAIGN_COUNT_CACHE_SECONDS = envint("CAMPAIGN_COUNT_CACHE_SECONDS", 5)
CAMPAIGN_SIGN_BURST_LIMIT = envint("CAMPAIGN_SIGN_BURST_LIMIT", 10)
CAMPAIGN_SIGN_DAILY_LIMIT = envint("CAMPAIGN_SIGN_DAILY_LIMIT", 200)
CAMPAIGN_EMAIL_DAILY_LIMIT = envint("CAMPAIGN_EMAIL_DAILY_LIMIT", 10)
CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY = envint("CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY", 3)
CAMPAIGN_EMAILS_PER_SIGNATURE = envint("CAMPAIGN_EMAILS_PER_SIGNATURE", 10)
CAMPAIGN_CONFIRM_LINK_DAYS = envint("CAMPAIGN_CONFIRM_LINK_DAYS", 7)
CAMPAIGN_PURGE_UNCONFIRMED_DAYS = envint("CAMPAIGN_PURGE_UNCONFIRMED_DAYS", 7)
CAMPAIGN_ANONYMISE_AFTER_DAYS = envint("CAMPAIGN_ANONYMISE_AFTER_DAYS", 180)
# Updates to signers: recipients per task (campaign/updates/tasks.py).
CAMPAIGN_UPDATES_BATCH_SIZE = envint("CAMPAIGN_UPDATES_BATCH_SIZE", 200)

# Snapshots of the database (manage.py backup), kept no longer than the purge window: see
# README, "Backups". Not under STATIC_ROOT or MEDIA_ROOT: nginx must never serve them.
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", VAR_DIR / "backups"))

# Moderation: signatures from one client or one e-mail domain within one clock hour from
# which the admin flags a burst (the big free mail providers are never flagged).
CAMPAIGN_BURST_CLIENT_PER_HOUR = envint("CAMPAIGN_BURST_CLIENT_PER_HOUR", 10)
CAMPAIGN_BURST_DOMAIN_PER_HOUR = envint("CAMPAIGN_BURST_DOMAIN_PER_HOUR", 20)
