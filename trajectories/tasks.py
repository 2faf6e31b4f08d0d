"""Work for the task worker, never inside a request: mail about the mentor log
and the figures page's counts."""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from portal.fragment_cache import content_changed
from portal.mail import send_templated_mail
from trajectories.models import MentorContact
from trajectories.monthly_counts import QUEUED_KEY, refresh_monthly_counts
from trajectories.services import member_recipients


def _context(contact):
    return {
        "contact": contact,
        "municipality": contact.municipality,
        "mentor_log_url": settings.PORTAL_BASE_URL
        + reverse("trajectories:mentor-log", args=[contact.municipality.slug]),
    }


def _send(contact, template_prefix):
    recipients = member_recipients(contact.municipality)
    for email in recipients:
        send_templated_mail(template_prefix, _context(contact), [email])
    return len(recipients)


@task()
def mail_agreements(contact_id):
    """Tell the municipality's members what was agreed with their mentor."""
    contact = (
        MentorContact.objects.select_related("municipality")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None or not contact.agreements.strip():
        return 0
    sent = _send(contact, "trajectories/email/agreement")
    MentorContact.objects.filter(pk=contact_id).update(
        agreement_mailed_at=timezone.now()
    )
    return sent


@task()
def mail_reminder(contact_id):
    """Remind the members of an agreement whose due date has passed."""
    contact = (
        MentorContact.objects.select_related("municipality")
        .filter(pk=contact_id, agreement_done=False)
        .first()
    )
    if contact is None:
        return 0
    return _send(contact, "trajectories/email/reminder")


def enqueue_due_reminders(today=None):
    """Mark every overdue agreement as reminded, once, and enqueue its mail.

    The mark is set with a conditional UPDATE before enqueueing, so two runs (or
    two machines running the same cron line) never remind twice.
    """
    enqueued = 0
    now = timezone.now()
    for pk in list(
        MentorContact.objects.due_for_reminder(today).values_list("pk", flat=True)
    ):
        claimed = MentorContact.objects.filter(
            pk=pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed:
            mail_reminder.enqueue(pk)
            enqueued += 1
    return enqueued


def reset_reminder_if_due_date_moved(contact, previous_due_date):
    """A new due date earns a new reminder when that one passes."""
    if previous_due_date != contact.due_date:
        MentorContact.objects.filter(pk=contact.pk).update(reminder_sent_at=None)
        contact.reminder_sent_at = None


@task()
def refresh_monthly_counts_task():
    """Recount the figures page's months (queued by `schedule_refresh`)."""
    cache.delete(QUEUED_KEY)
    rows = refresh_monthly_counts()
    # A page built between the change and this recount showed the old numbers.
    content_changed()
    return rows
