"""The login history members see in their data export, and what a login ends:
a warning that an inactive account would be removed."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from portal import ratelimit
from portal.models import LoginEvent


@receiver(user_logged_in, dispatch_uid="portal.logins.logged_in")
def record_login(sender, request, user, **kwargs):
    LoginEvent.objects.create(
        user=user,
        ip_address=ratelimit.client_ip(request) if request is not None else None,
        user_agent=(
            request.headers.get("User-Agent", "")[:200] if request is not None else ""
        ),
    )
    if user.inactivity_warned_at is not None:
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
