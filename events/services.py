"""The agenda's workflows: registering, cancelling, moving up the waiting list,
telling registrants about changes, reminders, messages and erasing a person.

Everything that counts places runs in one transaction holding a lock on the
event row (`select_for_update`; on SQLite the write lock taken at BEGIN does the
same), so the last place goes to exactly one person however many ask at once.
E-mails are queued as tasks (`events.tasks`) only after the transaction.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search import index

from events.models import (
    BRUSSELS,
    CALENDAR_FIELDS,
    CALENDAR_STATE_FIELDS,
    CONSENT_VERSION,
    NOTIFY_FIELDS,
    EventPage,
    Registration,
    RegistrationStatus,
    normalise_email,
)
from events.tasks import send_event_message, send_registration_mail
from portal.roles import is_network_member

MESSAGE_ACTION = "events.message"
CANCEL_ACTION = "events.registration.cancel"
ATTENDANCE_ACTION = "events.attendance"
# A reminder is for people who registered a while ago.
REMINDER_MIN_AGE = timedelta(hours=12)


class RegistrationRefused(Exception):
    """Nobody can register (any more); the message says why, in Dutch."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lock(event):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _notify(registrations, kind, **kwargs):
    for registration in registrations:
        send_registration_mail.enqueue(registration.pk, kind, **kwargs)


# Registering and cancelling --------------------------------------------------------


def register(
    event,
    *,
    user=None,
    name="",
    email="",
    organisation="",
    municipality=None,
    consent=False,
):
    """Register one person: a place while there is one, else the waiting list.

    Returns (registration, created). When the person (same account or same
    e-mail address) already holds a place or a spot on the waiting list, that
    registration comes back with created=False and nothing changes.
    """
    email = normalise_email(email)
    with transaction.atomic():
        locked = _lock(event)
        reason = locked.registration_closed_reason()
        if reason:
            raise RegistrationRefused(reason)
        if not locked.is_open_to_all and not (user and is_network_member(user)):
            raise RegistrationRefused(
                _("Deze bijeenkomst is alleen voor leden van het lerend netwerk.")
            )
        existing = (
            Registration.objects.active()
            .filter(event=locked)
            .of_person(email=email, user=user)
            .first()
        )
        if existing:
            return existing, False
        taken = Registration.objects.confirmed().filter(event=locked).count()
        full = locked.capacity is not None and taken >= locked.capacity
        now = timezone.now()
        registration = Registration.objects.create(
            event=locked,
            user=user,
            name=name.strip(),
            email=email,
            organisation=organisation.strip(),
            municipality=municipality,
            status=(
                RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
            ),
            created_at=now,
            consent_given_at=now if consent else None,
            consent_version=CONSENT_VERSION if consent else "",
        )
    _notify([registration], "waitlisted" if full else "confirmed")
    return registration, True


def register_member(event, user):
    """One click: name, e-mail and municipality come from the account."""
    profile = getattr(user, "member_profile", None)
    return register(
        event,
        user=user,
        name=user.get_full_name() or user.email,
        email=user.email,
        municipality=profile.municipality if profile else None,
    )


def _fill_places(event, now=None):
    """Move people up from the waiting list, first in line first, while there
    are places. Call with the event row locked; returns who moved up."""
    now = now or timezone.now()
    if event.is_cancelled or event.has_started(now):
        return []
    waiting = Registration.objects.waitlisted().filter(event=event)
    if event.capacity is not None:
        free = (
            event.capacity
            - Registration.objects.confirmed().filter(event=event).count()
        )
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
    Registration.objects.bulk_update(promoted, ["status", "promoted_at"])
    return promoted


def fill_places(event):
    """After an editor raised the capacity: move people up and tell them."""
    with transaction.atomic():
        promoted = _fill_places(_lock(event))
    _notify(promoted, "promoted")
    return promoted


def cancel(registration, *, by=None):
    """Cancel once; a freed place goes to the first on the waiting list.

    Returns False when the registration was already cancelled.
    """
    with transaction.atomic():
        event = _lock(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.is_cancelled:
            return False
        had_place = current.is_confirmed
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        promoted = _fill_places(event) if had_place else []
        if by is not None:
            log(event, CANCEL_ACTION, user=by, data={"registration": current.pk})
    registration.status, registration.cancelled_at = (
        current.status,
        current.cancelled_at,
    )
    _notify([current], "cancelled")
    _notify(promoted, "promoted")
    return True


# When an editor publishes an event -------------------------------------------------


def event_published(page):
    """Keep calendars and registrants in step with what was just published.

    A change to any field of the calendar entry raises SEQUENCE; a change of
    time, place, link or a cancellation also e-mails everyone registered, with
    the updated .ics. A raised capacity moves people up the waiting list.
    """
    now = timezone.now()
    state = page.calendar_state()
    with transaction.atomic():
        event = _lock(page)
        previous = event.calendar_snapshot
        changed = (
            [name for name in CALENDAR_FIELDS if previous.get(name) != state[name]]
            if previous
            else []
        )
        updates = {"calendar_snapshot": state}
        if changed or not previous:
            updates["calendar_changed_at"] = now
        if changed:
            updates["sequence"] = F("sequence") + 1
        if event.is_cancelled and event.cancelled_at is None:
            updates["cancelled_at"] = now
        elif not event.is_cancelled and event.cancelled_at is not None:
            updates["cancelled_at"] = None
        EventPage.objects.filter(pk=event.pk).update(**updates)
        event.refresh_from_db(fields=list(CALENDAR_STATE_FIELDS))
        promoted = _fill_places(event, now)
    for name in CALENDAR_STATE_FIELDS:
        setattr(page, name, getattr(event, name))

    news = [name for name in changed if name in NOTIFY_FIELDS]
    if news and not event.is_past(now):
        kind = (
            "event_cancelled"
            if "is_cancelled" in news and event.is_cancelled
            else "event_changed"
        )
        registrations = Registration.objects.active().filter(event=event)
        _notify(registrations.only("pk"), kind, changed=news)
    _notify(promoted, "promoted")
    if not event.is_open_to_all:
        # Site search lists open events only (`EventPage.get_indexed_objects`).
        index.remove_object(event)


# Reminders -------------------------------------------------------------------------


def queue_reminders(now=None):
    """Queue the reminder for everyone with a place at an event that starts
    before the end of tomorrow (Brussels time); each person gets one, however
    often this runs. Returns how many were queued."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now, BRUSSELS).date() + timedelta(days=1)
    until = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=BRUSSELS)
    due = Registration.objects.confirmed().filter(
        reminder_sent_at__isnull=True,
        created_at__lte=now - REMINDER_MIN_AGE,
        event__live=True,
        event__is_cancelled=False,
        event__start__gt=now,
        event__start__lt=until,
    )
    queued = 0
    for pk in due.values_list("pk", flat=True):
        # Claim it first: a second run at the same moment finds it taken.
        claimed = Registration.objects.filter(
            pk=pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed:
            send_registration_mail.enqueue(pk, "reminder")
            queued += 1
    return queued


# Editors ---------------------------------------------------------------------------


def send_message(event, subject, message, *, include_waiting_list, sender):
    """E-mail every registrant of `event`; returns how many will get it."""
    registrations = Registration.objects.filter(event=event)
    if include_waiting_list:
        registrations = registrations.active()
    else:
        registrations = registrations.confirmed()
    ids = list(registrations.exclude(email="").values_list("pk", flat=True))
    for pk in ids:
        send_event_message.enqueue(pk, subject, message)
    log(
        event,
        MESSAGE_ACTION,
        user=sender,
        data={"subject": subject, "recipients": len(ids)},
    )
    return len(ids)


def mark_attendance(event, present_ids, *, by):
    """Who came: every person with a place, present or not."""
    present_ids = {int(pk) for pk in present_ids}
    with transaction.atomic():
        confirmed = list(Registration.objects.confirmed().filter(event=event))
        for registration in confirmed:
            registration.attended = registration.pk in present_ids
        Registration.objects.bulk_update(confirmed, ["attended"])
        log(
            event,
            ATTENDANCE_ACTION,
            user=by,
            data={"present": sum(1 for r in confirmed if r.attended)},
        )
    return confirmed


# A person's data -------------------------------------------------------------------


def erase_person(*, email=None, user=None):
    """Leave nothing of this person in any registration.

    Coming events: the registration is removed and its place goes to the
    waiting list. Past events: the row stays, anonymised (no name, e-mail,
    organisation or account), so attendance figures remain right.
    """
    email = normalise_email(email)
    if not email and user is None:
        return 0
    now = timezone.now()
    promoted = []
    erased = 0
    for registration in list(
        Registration.objects.of_person(email=email, user=user).select_related("event")
    ):
        with transaction.atomic():
            event = _lock(registration.event)
            current = Registration.objects.filter(pk=registration.pk).first()
            if current is None:
                continue
            if event.is_past(now):
                current.anonymise()
                current.save()
            else:
                had_place = current.is_confirmed
                current.delete()
                if had_place:
                    promoted += _fill_places(event, now)
        erased += 1
    _notify(promoted, "promoted")
    return erased


def export_registrations(user):
    """The member's registrations, for "download my data"."""
    return [
        {
            "event": registration.event.title,
            "start": registration.event.start.isoformat(),
            "status": registration.status,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "municipality": (
                registration.municipality.name if registration.municipality else None
            ),
            "registered_at": registration.created_at.isoformat(),
            "attended": registration.attended,
            "consent_given_at": (
                registration.consent_given_at.isoformat()
                if registration.consent_given_at
                else None
            ),
        }
        for registration in Registration.objects.of_person(
            email=user.email, user=user
        ).select_related("event", "municipality")
    ]
