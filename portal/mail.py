"""Sending e-mail without ever losing what the visitor sent us.

Callers save first and send after; a failing mail server is logged, not raised.
"""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

logger = logging.getLogger("portal.mail")


def send_templated_mail(
    template_prefix, context, to, reply_to=None, *, attachments=None, headers=None
):
    """Render `<prefix>_subject.txt` and `_body.txt` and send; True on success.

    `attachments` is a list of (filename, content as str, mimetype), e.g. an
    `.ics` calendar file; `headers` adds e-mail headers.
    """
    subject = " ".join(
        render_to_string(f"{template_prefix}_subject.txt", context).split()
    )
    body = render_to_string(f"{template_prefix}_body.txt", context)
    message = EmailMessage(
        subject, body, to=list(to), reply_to=reply_to, headers=headers
    )
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except Exception:
        logger.exception("Could not send %s to %s", template_prefix, ", ".join(to))
        return False
    return True
