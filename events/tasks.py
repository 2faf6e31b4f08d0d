"""E-mails to registrants, run on Django's task framework (`django-tasks`).

Tasks take ids, not objects, and read the registration when they run: a person
who cancelled or was erased in the meantime gets nothing. Each e-mail goes
through `portal.mail.send_templated_mail`; those that concern a confirmed place
carry the person's own `.ics` (with the online link for online events).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from events.calendar import absolute, calendar_attachment
from events.models import BRUSSELS, Registration
from portal.mail import send_templated_mail

# E-mails about a place someone holds: they carry the .ics.
WITH_CALENDAR = {
    "confirmed",
    "promoted",
    "already_registered",
    "reminder",
    "event_changed",
    "event_cancelled",
}
# E-mails that still go out when the registration is cancelled.
FOR_CANCELLED = {"cancelled"}
KINDS = WITH_CALENDAR | {"waitlisted", "cancelled"}


def _context(registration):
    from events.tokens import registration_path

    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": absolute(event.url),
        "registration_url": absolute(registration_path(registration, event)),
        "show_online_link": (
            registration.is_confirmed and event.is_online and not event.is_cancelled
        ),
        "waiting_position": registration.waiting_position(),
        "starts_tomorrow": event.local_start.date()
        == timezone.localtime(timezone.now(), BRUSSELS).date() + timedelta(days=1),
        "site_url": settings.PORTAL_BASE_URL,
    }


def _load(registration_id):
    return (
        Registration.objects.select_related("event", "municipality")
        .filter(pk=registration_id)
        .exclude(email="")
        .first()
    )


@task()
def send_registration_mail(registration_id, kind, changed=()):
    """One e-mail about one registration; `kind` names the template."""
    if kind not in KINDS:
        raise ValueError(f"Unknown registration e-mail: {kind}")
    registration = _load(registration_id)
    if registration is None:
        return False
    if registration.is_cancelled and kind not in FOR_CANCELLED:
        return False
    if kind == "reminder" and (
        not registration.is_confirmed or registration.event.is_cancelled
    ):
        return False
    context = {**_context(registration), "changed": list(changed)}
    attachments = []
    if kind in WITH_CALENDAR and registration.is_confirmed:
        attachments.append(calendar_attachment(registration.event, registration))
    sent = send_templated_mail(
        f"events/email/{kind}",
        context,
        [registration.email],
        attachments=attachments,
    )
    # A task's result must be JSON; the mail service may return more.
    return bool(sent)


@task()
def send_event_message(registration_id, subject, message):
    """An editor's message to the registrants of an event."""
    registration = _load(registration_id)
    if registration is None or registration.is_cancelled:
        return False
    context = {**_context(registration), "subject": subject, "message": message}
    return bool(
        send_templated_mail("events/email/message", context, [registration.email])
    )
