"""Lock an account's login for 15 minutes after 5 failed attempts in 15 minutes.

Shared by the member login and the Wagtail admin login; counted in the cache, so
the lock holds across worker processes.
"""

from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal import ratelimit

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60


def _identity(email):
    return (email or "").strip().lower()


def is_locked(email):
    return ratelimit.is_limited("login-lock", _identity(email), 1)


def register_failure(email):
    identity = _identity(email)
    if ratelimit.hit("login-failures", identity, WINDOW_SECONDS) >= MAX_FAILURES:
        ratelimit.hit("login-lock", identity, LOCK_SECONDS)
        ratelimit.reset("login-failures", identity)


def clear_failures(email):
    ratelimit.reset("login-failures", _identity(email))


def locked_response(request):
    return ratelimit.too_many_requests(
        request,
        _(
            "Er werd te vaak een verkeerd wachtwoord ingegeven voor dit account. "
            "Probeer het over 15 minuten opnieuw, of vraag een nieuw wachtwoord aan."
        ),
    )


class LoginLockMixin:
    """For LoginView subclasses: refuse locked accounts, count failures."""

    def _posted_email(self):
        return self.request.POST.get("username", "")

    def post(self, request, *args, **kwargs):
        if self._posted_email() and is_locked(self._posted_email()):
            return locked_response(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self._posted_email():
            register_failure(self._posted_email())
        return super().form_invalid(form)

    def form_valid(self, form):
        clear_failures(self._posted_email())
        return super().form_valid(form)

    def get_redirect_url(self):
        """`?next=` only ever leads to a path on this site."""
        url = super().get_redirect_url()
        if not url or not url.startswith("/") or url.startswith(("//", "/\\")):
            return ""
        if not url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return ""
        return url
