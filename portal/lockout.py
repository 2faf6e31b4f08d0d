"""One lock for every login form of the site.

- An account is locked for 15 minutes after 5 failed logins in 15 minutes.
- An address (IP) that failed 30 times in 15 minutes gets 429 for every account.

Accounts are keyed on the normalised e-mail address (`normalize_email`), the same
form the user table stores and is searched by, so a look-alike spelling of an
address is the same account for the lock as for the login. The authentication
backend refuses locked accounts whichever view asks (member login, the Wagtail
admin login, anything that calls `authenticate()`); `LoginLockMixin` lets our
login views answer with a clear 429 first. Counters live in the database
(`portal.ratelimit`), so a Redis outage neither lifts nor breaks the lock.

We keep our own lock rather than django-axes: the issue asks for two limits with
different thresholds (5 per account, 30 per address) in sliding windows that share
their storage with the portal's other throttles, for a Dutch 429 with
`Retry-After`, and for the key to be our normalised address; axes has one failure
limit for all its lockout parameters.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.middleware import LOGIN_TIME_KEY
from portal.models import normalize_email
from portal.precompiled import PrecompiledQuery
from portal.roles import MEMBERS_GROUP

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60
MAX_FAILURES_PER_IP = 30

ACCOUNT_FAILURES = "login-failures"
ACCOUNT_LOCK = "login-lock"
IP_FAILURES = "login-ip-failures"


def is_locked(email):
    return bool(email) and ratelimit.is_limited(ACCOUNT_LOCK, normalize_email(email), 1)


def ip_is_blocked(request):
    return ratelimit.is_limited(
        IP_FAILURES, ratelimit.client_ip(request), MAX_FAILURES_PER_IP
    )


def register_failure(email, request=None):
    if request is not None:
        ratelimit.hit(IP_FAILURES, ratelimit.client_ip(request), WINDOW_SECONDS)
    if not email:
        return
    identity = normalize_email(email)
    if ratelimit.hit(ACCOUNT_FAILURES, identity, WINDOW_SECONDS) >= MAX_FAILURES:
        ratelimit.hit(ACCOUNT_LOCK, identity, LOCK_SECONDS)
        ratelimit.reset(ACCOUNT_FAILURES, identity)


def clear_failures(email):
    ratelimit.reset(ACCOUNT_FAILURES, normalize_email(email))


def refusal(request, email):
    """The 429 for a blocked address or a locked account; None when neither."""
    if ip_is_blocked(request):
        return ratelimit.too_many_requests(
            request,
            _(
                "Vanaf dit adres werd de voorbije 15 minuten te vaak een verkeerd "
                "wachtwoord ingegeven. Probeer het later opnieuw."
            ),
            retry_after=ratelimit.seconds_left(
                IP_FAILURES, ratelimit.client_ip(request)
            ),
        )
    if is_locked(email):
        return ratelimit.too_many_requests(
            request,
            _(
                "Er werd te vaak een verkeerd wachtwoord ingegeven voor dit "
                "account. Probeer het over 15 minuten opnieuw, of vraag een nieuw "
                "wachtwoord aan."
            ),
            retry_after=ratelimit.seconds_left(ACCOUNT_LOCK, normalize_email(email)),
        )
    return None


class LockedModelBackend(ModelBackend):
    """Django's backend, refusing locked accounts and blocked addresses.

    Every login form calls `authenticate()`, so no form can get around the lock.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if (request is not None and ip_is_blocked(request)) or is_locked(username):
            # Stops every other backend too; user_login_failed is still sent.
            raise PermissionDenied
        return super().authenticate(request, username, password, **kwargs)

    def get_user(self, user_id):
        """The logged-in user of a request, with whether they are a network
        member (`portal.roles.is_network_member`) in the same query: nearly
        every page asks. Its SQL is kept (`portal.precompiled`): it runs on
        every page a member opens."""
        if isinstance(user_id, int):
            users = _user_with_membership(values=[user_id])
        else:
            users = _users_with_membership([user_id])[:1]
        user = next(iter(users), None)
        return user if user is not None and self.user_can_authenticate(user) else None


def _users_with_membership(user_ids):
    return (
        get_user_model()
        ._default_manager.annotate(
            _is_network_member=Exists(
                Group.objects.filter(user=OuterRef("pk"), name=MEMBERS_GROUP)
            )
        )
        .filter(pk__in=user_ids)
        .order_by()
    )


_user_with_membership = PrecompiledQuery(_users_with_membership)


@receiver(user_login_failed, dispatch_uid="portal.lockout.failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or credentials.get("email") or ""
    register_failure(username, request)


@receiver(user_logged_in, dispatch_uid="portal.lockout.logged_in")
def _logged_in(sender, request, user, **kwargs):
    clear_failures(user.email)
    if request is not None and hasattr(request, "session"):
        # Where the 8-hour limit of editors' sessions counts from.
        request.session[LOGIN_TIME_KEY] = int(time.time())


class LoginLockMixin:
    """For LoginView subclasses: answer 429 to a locked account or address."""

    def post(self, request, *args, **kwargs):
        refused = refusal(request, request.POST.get("username", ""))
        if refused is not None:
            return refused
        return super().post(request, *args, **kwargs)

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


def throttled_password_form(view):
    """Wrap a view with a password form that re-renders (200) on a wrong password
    and redirects on success, such as Wagtail's page and document password forms:
    its failures count against the address like failed logins."""

    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and ip_is_blocked(request):
            return refusal(request, "")
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 200:
            register_failure("", request)
        return response

    return wrapped


RESET_LIMIT_PER_IP = 5
RESET_LIMIT_PER_ADDRESS = 3
RESET_PERIOD = 60 * 60


class PasswordResetThrottleMixin:
    """For PasswordResetView subclasses: at most 5 requests an hour per address
    (IP), and at most 3 e-mails an hour to one e-mail address. Past the second
    limit the answer stays the same neutral page, so it never tells whether an
    account exists."""

    def post(self, request, *args, **kwargs):
        ip = ratelimit.client_ip(request)
        if ratelimit.hit("password-reset", ip, RESET_PERIOD) > RESET_LIMIT_PER_IP:
            return ratelimit.too_many_requests(
                request, retry_after=ratelimit.seconds_left("password-reset", ip)
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        address = normalize_email(form.cleaned_data["email"])
        if (
            ratelimit.hit("password-reset-address", address, RESET_PERIOD)
            > RESET_LIMIT_PER_ADDRESS
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
