"""Site-wide request rules: refuse NUL bytes, limit editors' sessions."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.roles import is_network_member

LOGIN_TIME_KEY = "portal_login_at"


class RejectNulMiddleware:
    """A NUL byte in a GET parameter is never meaningful and breaks databases
    (PostgreSQL refuses it in text): answer 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(
                request,
                "portal/bad_request.html",
                {
                    "meta_title": _("Ongeldige vraag"),
                    "message": _(
                        "Het adres bevat tekens die we niet kunnen lezen. Kijk de "
                        "link na, of begin opnieuw vanaf de startpagina."
                    ),
                },
                status=400,
            )
        return self.get_response(request)


def is_staff_session(user):
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Members never reach the admin; asking costs no query on their pages, as
    # the templates ask is_network_member (cached on the user) anyway.
    return not is_network_member(user) and user.has_perm("wagtailadmin.access_admin")


class SessionPolicyMiddleware:
    """Editors and administrators: 1 hour idle, 8 hours at most since login.

    Members keep SESSION_COOKIE_AGE (14 days). Must come after the
    authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and is_staff_session(user):
            now = int(time.time())
            logged_in_at = request.session.setdefault(LOGIN_TIME_KEY, now)
            if now - logged_in_at > settings.PORTAL_STAFF_SESSION_MAX_SECONDS:
                logout(request)
            else:
                # Sliding: each request moves the idle deadline on.
                request.session.set_expiry(settings.PORTAL_STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith("/admin/")
        ):
            parts.config = settings.PORTAL_ADMIN_CSP_DIRECTIVES
        return parts


class StorageFullMiddleware:
    """A full disk during an upload: a Dutch 507 page, nothing kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from portal.storage import StorageFull

        if not isinstance(exception, StorageFull):
            return None
        return render(
            request,
            "portal/bad_request.html",
            {
                "meta_title": _("Bestand niet bewaard"),
                "heading": _("Bestand niet bewaard"),
                "message": _(
                    "We konden je bestand niet bewaren: de opslag van de website is "
                    "vol. Er is niets bewaard, ook de rest van het formulier niet. "
                    "Probeer het later opnieuw; we zijn verwittigd."
                ),
            },
            status=507,
        )
