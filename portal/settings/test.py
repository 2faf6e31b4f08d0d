"""Tests: fast hashing, in-memory cache and mail, tasks run at once."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests change rows directly and read the page again; the page-cache tests
# turn it on.
PORTAL_PAGE_CACHE_SECONDS = 0
PORTAL_MAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL = "http://testserver"

# Serve static files from the apps, so the live test server has its CSS.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One file per pytest-xdist worker, so parallel workers never share passwords.
PORTAL_DEMO_LOGINS_FILE = VAR_DIR / (  # noqa: F405
    f"test-demo-logins-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
)

# The PostgreSQL run in CI also exercises the shared Redis cache. Tests clear the
# cache (FLUSHDB), so each pytest-xdist worker gets a database number of its own,
# counting up from PORTAL_TEST_REDIS_DB (10 unless set).
if REDIS_URL:  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _first_db = int(os.environ.get("PORTAL_TEST_REDIS_DB", "10"))
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": urlsplit(REDIS_URL)  # noqa: F405
            ._replace(path=f"/{_first_db + _worker}")
            .geturl(),
            "KEY_PREFIX": "portal-test",
            "OPTIONS": REDIS_OPTIONS,  # noqa: F405
        }
    }

# A test database is thrown away at the end: its commits (migrations, the
# transactional tests and their flushes) need not wait for the disk. Set per
# connection, so the shared server and its other databases keep theirs.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "options": "-c synchronous_commit=off",
    }
