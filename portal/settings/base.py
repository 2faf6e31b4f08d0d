"""Settings shared by every environment.

The environment is read here and only here; dev, production and test adjust
the result. Defaults are safe for development: nothing secret, no DEBUG.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute base URL, used in e-mails, feeds, the sitemap fallback and admin links.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

INSTALLED_APPS = [
    # First, so the test database's serialised copy (serialized_rollback) holds
    # the content types before the pages and tasks that look theirs up.
    "django.contrib.contenttypes",
    "portal",
    "network",
    "casestudies",
    "experiences",
    "events",
    "trajectories",
    "digests",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: it sees the cookies the response sets (portal.page_cache).
    "portal.page_cache.PageCacheMiddleware",
    "portal.request_memo.CurrentRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.SessionPolicyMiddleware",
    "portal.middleware.RejectNulMiddleware",
    "portal.middleware.StorageFullMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.fragment_cache",
                # Replaces Django's built-in `csrf` (always run first): one
                # masked token per request.
                "portal.context_processors.csrf",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers may write at once: WAL lets readers carry on during
    # a write, IMMEDIATE takes the write lock at BEGIN so two writers queue instead
    # of deadlocking, and the timeout makes them wait rather than fail. The
    # connection is kept like PostgreSQL's (DATABASE_CONN_MAX_AGE): opening one
    # per request, with its PRAGMAs, cost more than most pages' queries.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # The SQL portal.precompiled keeps (site, routing, session, member) is
    # prepared once per connection, as it asks: that needs parameters bound on
    # the server, and psycopg's own count never reaches this threshold, so no
    # other SQL is prepared. Off behind a pooler that cannot keep prepared
    # statements (PgBouncer before 1.21 in transaction mode).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 2**31 - 1,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
# Every login form goes through authenticate(); this backend refuses locked
# accounts and blocked addresses (portal.lockout).
AUTHENTICATION_BACKENDS = ["portal.lockout.LockedModelBackend"]
# Members may stay logged in for 14 days; editors' and administrators' sessions
# end after 1 hour idle and 8 hours at most (portal.middleware).
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
# Django's database sessions, their lookup compiled once per process.
SESSION_ENGINE = "portal.sessions"
PORTAL_STAFF_SESSION_IDLE_SECONDS = 60 * 60
PORTAL_STAFF_SESSION_MAX_SECONDS = 8 * 60 * 60
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.validators.DutchMinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# Cache: per-process memory by default; Redis shared by every worker when set.
# Redis stopped or hanging degrades to uncached pages (portal.cache): each call
# waits at most half a second, then the cache is skipped for a while.
REDIS_URL = os.environ.get("REDIS_URL", "")
# After a failure, how long every process leaves Redis alone before trying again.
PORTAL_CACHE_BREAKER_SECONDS = float(
    os.environ.get("PORTAL_CACHE_BREAKER_SECONDS", "15")
)
REDIS_OPTIONS = {
    "socket_timeout": 0.5,
    "socket_connect_timeout": 0.5,
    "retry": Retry(NoBackoff(), 0),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole anonymous pages live this long in the cache above (portal.page_cache;
# 0 turns it off); a change removes the pages that show it at once. Shared
# caches in front (nginx) keep Wagtail pages for PORTAL_FRONT_CACHE_SECONDS:
# a publish purges the URLs that changed, and the rest (a menu title, say)
# is refreshed within that time.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "600"))
PORTAL_FRONT_CACHE_SECONDS = int(os.environ.get("PORTAL_FRONT_CACHE_SECONDS", "60"))
# The front cache that a publish purges (nginx with the cache-purge module, see
# deploy/nginx), e.g. http://127.0.0.1:8080/_purge; URLs are PORTAL_BASE_URL's.
# The task worker sends the purges (portal.frontend_cache).
PORTAL_FRONTEND_CACHE_URL = os.environ.get("PORTAL_FRONTEND_CACHE_URL", "")
if PORTAL_FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "portal.frontend_cache.PurgeBackend",
            "LOCATION": PORTAL_FRONTEND_CACHE_URL,
        }
    }

# Language: the site is Dutch (Belgium); strings go through gettext so another
# language can be added with a .po file.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
# One language: choosing it per request would only add `Vary: Accept-Language`,
# which splits every shared cache by browser language for nothing.
if len(LANGUAGES) > 1:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
        "django.middleware.locale.LocaleMiddleware",
    )
# Wagtail's login form leaves its password field unlabelled (English "Password").
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.AdminLoginForm"

# Static files: hashed and compressed by WhiteNoise, served by the app itself.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS: list = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Every erasure rewrites this list of erased identities (hashes only), kept next
# to the backups: restore_site re-applies the erasures made after a backup.
PORTAL_TOMBSTONE_FILE = os.environ.get("PORTAL_TOMBSTONE_FILE", "")

STORAGES = {
    # Local uploads: a full disk leaves no partial file (portal.storage).
    "default": {"BACKEND": "portal.storage.CleanFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Several app servers share uploads through S3-compatible object storage.
AWS_STORAGE_BUCKET_NAME = os.environ.get("S3_BUCKET", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("S3_REGION") or None
    AWS_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID", "")
    AWS_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY", "")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

# E-mail: every message is queued (portal.mail) and delivered by a task through
# PORTAL_MAIL_BACKEND: SMTP when a host is configured, else the console.
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    PORTAL_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
else:
    PORTAL_MAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background work (mail first): the database queue of django-tasks-db, run by
# `manage.py db_worker`. Development and tests run tasks at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Lerend netwerk pleinmakers <no-reply@pleinmakers.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The mail service reports bounces to /volgen/bounce/ with this bearer token;
# unset, that endpoint does not exist.
PORTAL_BOUNCE_WEBHOOK_TOKEN = os.environ.get("PORTAL_BOUNCE_WEBHOOK_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Lerend netwerk pleinmakers"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used on PostgreSQL: Dutch stemming and stop words. SQLite ignores it.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "xlsx",
    "xls",
    "ods",
    "pptx",
    "ppt",
    "odp",
]
WAGTAILDOCS_DOCUMENT_MODEL = "portal.ToolkitDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Only PDF opens in the browser (Wagtail adds a CSP that blocks its scripts); any
# other type, above all one a browser could run (HTML, SVG, XML), is a download.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Dutch messages for editors when an upload is too large or of the wrong type.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.ToolkitDocumentForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Embeds would call other hosts at run time; the portal makes no such request.
WAGTAILEMBEDS_FINDERS = []

# At most 1,000 fields per request: Django's default, stated so nobody raises it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Members log in on the site; editors at /admin/ (Wagtail has its own login URL).
# Wagtail's front-end login (private pages) is the member login too.
LOGIN_URL = "account:login"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/aanmelden/"
# No avatars from gravatar.com: the privacy statement allows no third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Behind a load balancer, the number of proxies that append to X-Forwarded-For.
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))

# Generated demo passwords, kept so `make run` can print them again.
PORTAL_DEMO_LOGINS_FILE = VAR_DIR / "demo-logins.json"

# Content-Security-Policy (django-csp 4). Public pages load everything from this
# site and run no inline script: a template that needs one adds
# nonce="{{ request.csp_nonce }}". Only this site may frame the pages (Wagtail's
# preview) and receive their forms.
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
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
# The Wagtail admin (/admin/) gets what Wagtail 8 needs beyond that, and no more:
# its choosers and date pickers start with small inline scripts (without a
# nonce), its components set inline style attributes, and images are previewed
# from blob: URLs before upload. Still no eval, no other host, no framing.
PORTAL_ADMIN_CSP_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
# The admin would ask releases.wagtail.org for new versions: no other host.
WAGTAIL_ENABLE_UPDATE_CHECK = False
