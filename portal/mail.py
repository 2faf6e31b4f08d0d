"""The portal's mail service: render in the request, deliver in a task.

`send_templated_mail` renders `<prefix>_subject.txt`, `<prefix>_body.txt` and,
if it exists, `<prefix>_body.html`, records the message as an `OutgoingMail`
and queues one delivery task with plain data only. Nothing waits on a mail
server inside a request: a hanging or failing server delays the mail, never the
page. A failed delivery is tried again with growing pauses for at least
`RETRY_FOR`; after that the row says *niet bezorgd* and the admin lists it.

Mail that Django or Wagtail send themselves (password resets, notifications)
takes the same road through `QueuedEmailBackend`, the EMAIL_BACKEND; the task
delivers through PORTAL_MAIL_BACKEND (SMTP in production).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task, task_backends

from portal.models.mail import OutgoingMail

logger = logging.getLogger("portal.mail")

RETRY_FOR = timedelta(hours=25)
FIRST_PAUSE = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=1)


def send_templated_mail(
    template_prefix, context, to, *, reply_to=None, attachments=None, headers=None
):
    """Render and queue one message; returns its `OutgoingMail`.

    `attachments` is a list of `(filename, content_as_str, mimetype)`;
    `headers` a dict of extra headers (e.g. List-Unsubscribe).
    """
    subject = " ".join(
        render_to_string(f"{template_prefix}_subject.txt", context).split()
    )
    text = render_to_string(f"{template_prefix}_body.txt", context)
    try:
        html = render_to_string(f"{template_prefix}_body.html", context)
    except TemplateDoesNotExist:
        html = ""
    return queue_mail(
        subject,
        text,
        to,
        html=html,
        reply_to=reply_to,
        headers=headers,
        attachments=attachments,
        template=template_prefix,
    )


def queue_mail(
    subject,
    text,
    to,
    *,
    html="",
    reply_to=None,
    headers=None,
    attachments=None,
    template="",
):
    """Record a message and queue its delivery; returns the `OutgoingMail`."""
    to = list(to)
    record = OutgoingMail.objects.create(
        template=template, subject=subject[:255], recipients=", ".join(to)
    )
    deliver_mail.enqueue(
        record.pk,
        {
            "subject": subject,
            "text": text,
            "html": html or "",
            "to": to,
            "reply_to": list(reply_to or []),
            "headers": dict(headers or {}),
            "attachments": [list(item) for item in attachments or []],
        },
    )
    record.refresh_from_db()
    return record


def _pause_after(attempts):
    return min(FIRST_PAUSE * 2 ** (attempts - 1), LONGEST_PAUSE)


@task()
def deliver_mail(mail_id, message):
    """Hand one queued message to the mail server; on failure, try again later."""
    record = OutgoingMail.objects.filter(pk=mail_id).first()
    if record is None or record.state == OutgoingMail.State.SENT:
        return
    email = EmailMultiAlternatives(
        message["subject"],
        message["text"],
        to=message["to"],
        reply_to=message["reply_to"] or None,
        headers=message["headers"] or None,
        connection=get_connection(settings.PORTAL_MAIL_BACKEND),
    )
    if message["html"]:
        email.attach_alternative(message["html"], "text/html")
    for filename, content, mimetype in message["attachments"]:
        email.attach(filename, content, mimetype)
    now = timezone.now()
    record.attempts += 1
    record.last_attempt_at = now
    try:
        email.send()
    except Exception as error:  # any failure of the server or the network
        record.last_error = f"{type(error).__name__}: {error}"[:2000]
        _retry_or_give_up(record, message, now)
    else:
        record.state = OutgoingMail.State.SENT
        record.sent_at = now
        record.next_attempt_at = None
    record.save()


def _retry_or_give_up(record, message, now):
    next_attempt = now + _pause_after(record.attempts)
    backend = task_backends[deliver_mail.backend]
    if next_attempt - record.created_at > RETRY_FOR:
        record.state = OutgoingMail.State.FAILED
        record.next_attempt_at = None
        logger.error(
            "Gave up on mail %s to %s: %s",
            record.pk,
            record.recipients,
            record.last_error,
        )
        return
    record.next_attempt_at = next_attempt
    logger.warning(
        "Mail %s not delivered (%s); next try at %s.",
        record.pk,
        record.last_error,
        next_attempt.isoformat(),
    )
    if backend.supports_defer:
        deliver_mail.using(run_after=next_attempt).enqueue(record.pk, message)


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND for mail that Django and Wagtail send: queue it too."""

    def send_messages(self, email_messages):
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            queue_mail(
                message.subject,
                message.body,
                [*message.to, *message.cc, *message.bcc],
                html=html,
                reply_to=message.reply_to,
                headers=message.extra_headers,
                attachments=[_as_text(item) for item in message.attachments],
            )
        return len(email_messages)


def _as_text(attachment):
    """(filename, content as str, mimetype): what a task may carry."""
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        # Text only: a binary file would not survive the task queue's JSON.
        content = content.decode("utf-8")
    return filename, content, mimetype
