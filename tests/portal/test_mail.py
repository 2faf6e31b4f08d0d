"""The queued mail service (issue #10): nothing waits on a mail server inside a
request, failed mail is retried for a day, and the admin shows what never
arrived."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends

from portal.formtokens import new_token
from portal.mail import RETRY_FOR, deliver_mail, send_templated_mail
from portal.models import OutgoingMail

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
CONTEXT = {
    "page": None,
    "fields": [("Naam", "Ilse")],
    "site_settings": None,
    "base_url": "http://testserver",
}


class RefusingBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("server weg")


class ExplodingBackend:
    """A mail server that must never be called inside the request."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise AssertionError("mail sent inside the request")


@pytest.fixture
def html_template(tmp_path, settings):
    folder = tmp_path / "mailtest"
    folder.mkdir()
    (folder / "notice_subject.txt").write_text("Een   bericht\n")
    (folder / "notice_body.txt").write_text("Dag {{ name }}")
    (folder / "notice_body.html").write_text("<p>Dag <b>{{ name }}</b></p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "mailtest/notice"


def test_a_message_with_html_headers_and_attachment_is_delivered(html_template):
    record = send_templated_mail(
        html_template,
        {"name": "Ilse"},
        ["ilse@hasselt.example"],
        reply_to=["team@mechelen.example"],
        attachments=[("uitnodiging.ics", "BEGIN:VCALENDAR", "text/calendar")],
        headers={"List-Unsubscribe": "<https://pleinmakers.example/uit/>"},
    )
    assert isinstance(record, OutgoingMail)
    assert record.state == OutgoingMail.State.SENT
    assert record.attempts == 1
    (message,) = mail.outbox
    assert message.subject == "Een bericht"
    assert message.body == "Dag Ilse"
    assert message.alternatives[0] == ("<p>Dag <b>Ilse</b></p>", "text/html")
    assert message.reply_to == ["team@mechelen.example"]
    assert message.extra_headers["List-Unsubscribe"] == (
        "<https://pleinmakers.example/uit/>"
    )
    assert message.attachments[0][:2] == ("uitnodiging.ics", "BEGIN:VCALENDAR")


def test_the_task_carries_only_plain_data(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    record = send_templated_mail(
        "portal/email/contact_team", CONTEXT, ["team@mechelen.example"]
    )
    (result,) = task_backends["default"].results
    assert result.args[0] == record.pk
    message = result.args[1]
    assert set(message) == {
        "subject",
        "text",
        "html",
        "to",
        "reply_to",
        "headers",
        "attachments",
    }
    assert record.state == OutgoingMail.State.QUEUED
    assert not mail.outbox


def test_a_refused_message_is_tried_again_later_with_growing_pauses(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    settings.PORTAL_MAIL_BACKEND = "tests.portal.test_mail.RefusingBackend"
    record = send_templated_mail(
        "portal/email/contact_team", CONTEXT, ["team@mechelen.example"]
    )
    backend = task_backends["default"]
    pauses = []
    for _attempt in range(3):
        queued = backend.results[-1]
        before = timezone.now()
        deliver_mail.call(*queued.args)
        pauses.append(backend.results[-1].task.run_after - before)
    record.refresh_from_db()
    assert record.state == OutgoingMail.State.QUEUED
    assert record.attempts == 3
    assert "server weg" in record.last_error
    assert pauses[0] >= timedelta(seconds=59)
    assert pauses[0] < pauses[1] < pauses[2]


def test_after_more_than_a_day_the_message_is_undeliverable(settings, admin_client):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    settings.PORTAL_MAIL_BACKEND = "tests.portal.test_mail.RefusingBackend"
    record = send_templated_mail(
        "portal/email/contact_team", CONTEXT, ["team@mechelen.example"]
    )
    OutgoingMail.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - RETRY_FOR
    )
    deliver_mail.call(*task_backends["default"].results[-1].args)
    record.refresh_from_db()
    assert record.state == OutgoingMail.State.FAILED
    assert len(task_backends["default"].results) == 1  # no further try

    listing = admin_client.get("/admin/outgoing_mail/", {"state": "failed"})
    html = listing.content.decode()
    assert record.subject in html
    assert "niet bezorgd" in html


def test_a_hanging_mail_server_never_holds_up_a_request(client, settings, home_page):
    """In production the database queue holds the mail until the worker runs;
    the contact form answers without touching the mail server."""
    from portal.factories import ContactPageFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_MAIL_BACKEND = "tests.portal.test_mail.ExplodingBackend"
    page = ContactPageFactory(parent=home_page)
    response = client.post(
        page.url,
        {
            "naam": "Ilse",
            "e_mailadres": "ilse@hasselt.example",
            "onderwerp": "Vraag over pleinmakers",
            "bericht": "Hallo",
            "privacy": "on",
            "form_token": new_token(),
        },
    )
    assert response.status_code == 200
    assert "Bedankt voor je bericht" in response.content.decode()
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"queued"}


def test_password_reset_mail_goes_through_the_queue(client, settings):
    from portal.factories import UserFactory

    # Django's test set-up replaces EMAIL_BACKEND with locmem; put ours back.
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    user = UserFactory()
    client.post("/account/wachtwoord-vergeten/", {"email": user.email})
    record = OutgoingMail.objects.get()
    assert record.recipients == user.email
    assert record.state == OutgoingMail.State.SENT
    assert mail.outbox[0].to == [user.email]


# The worker takes its tasks in a transaction of its own. serialized_rollback
# puts the migrated data (groups, site) back for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_delivers_queued_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    record = send_templated_mail(
        "portal/email/contact_team", CONTEXT, ["team@mechelen.example"]
    )
    assert record.state == OutgoingMail.State.QUEUED
    assert not mail.outbox
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    record.refresh_from_db()
    assert record.state == OutgoingMail.State.SENT
    assert record.sent_at is not None
    assert [message.to for message in mail.outbox] == [["team@mechelen.example"]]
