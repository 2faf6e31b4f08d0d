"""Production: refuses to start without a secret key and allowed hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

DEBUG = False

# The app runs behind a TLS-terminating load balancer that sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Send every plain-HTTP request to HTTPS (the load balancer may also do it).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Browsers remember to use HTTPS only for a year, subdomains included.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies never travel over plain HTTP. The __Host- prefix makes browsers
# refuse them unless Secure, for the whole host (Path=/) and without Domain, so
# no other subdomain can set or overwrite them.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Do not leak full URLs to other sites.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No framing by other sites (clickjacking). Wagtail's live preview frames the
# site's own pages, so same-origin framing must stay allowed; Django's deploy
# check would ask for DENY, which breaks the editors' preview.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING["root"]["level"] = "INFO"  # noqa: F405
