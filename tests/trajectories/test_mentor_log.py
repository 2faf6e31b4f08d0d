"""The mentor log: recorded by editors, read by the municipality, mailed about."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.helpers import work_line
from tests.trajectories.conftest import SECRET_LOG
from trajectories.factories import MentorContactFactory
from trajectories.models import MentorContact

ADD_URL = "/admin/snippets/trajectories/mentorcontact/add/"


def contact_data(municipality, **overrides):
    return {
        "municipality": municipality.pk,
        "date": "2026-01-15",
        "form": "telefoon",
        "topics": "De oproep voor kandidaten.",
        "agreements": SECRET_LOG,
        "next_step": "Oproep publiceren",
        "due_date": "2026-02-15",
        **overrides,
    }


def test_an_agreement_recorded_by_an_editor_is_mailed_to_that_municipalitys_members(
    client, editor, member, other_member, leuven
):
    client.force_login(editor)
    response = client.post(ADD_URL, contact_data(leuven))
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = MentorContact.objects.get()
    assert contact.recorded_by == editor
    assert contact.agreement_mailed_at is not None
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert SECRET_LOG in mail.outbox[0].body
    assert "/netwerk/trajecten/leuven/mentorlog/" in mail.outbox[0].body


def test_an_edit_that_keeps_the_agreements_sends_no_new_mail(
    client, editor, member, leuven
):
    client.force_login(editor)
    client.post(ADD_URL, contact_data(leuven))
    contact = MentorContact.objects.get()
    mail.outbox.clear()
    edit_url = f"/admin/snippets/trajectories/mentorcontact/edit/{contact.pk}/"
    client.post(edit_url, contact_data(leuven, next_step="Oproep nalezen"))
    assert mail.outbox == []
    client.post(edit_url, contact_data(leuven, agreements="Nieuwe afspraak"))
    assert len(mail.outbox) == 1


def test_a_contact_without_agreements_sends_no_mail(client, editor, member, leuven):
    client.force_login(editor)
    client.post(ADD_URL, contact_data(leuven, agreements="", due_date=""))
    assert MentorContact.objects.count() == 1
    assert mail.outbox == []


def test_a_due_date_without_agreement_is_refused(client, editor, leuven):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        contact_data(leuven, agreements="", next_step="", due_date="2026-02-01"),
    )
    assert response.status_code == 200
    assert "Een termijn hoort bij een afspraak" in response.content.decode()
    assert not MentorContact.objects.exists()


@pytest.fixture
def overdue(leuven):
    return MentorContactFactory(
        municipality=leuven,
        agreements=SECRET_LOG,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )


def test_a_passed_due_date_is_reminded_once(member, overdue, leuven):
    upcoming = MentorContactFactory(
        municipality=leuven,
        agreements="Later",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    done = MentorContactFactory(
        municipality=leuven,
        agreements="Gedaan",
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        agreement_done=True,
    )
    call_command("send_trajectory_reminders", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "Herinnering" in mail.outbox[0].subject
    overdue.refresh_from_db()
    assert overdue.reminder_sent_at is not None
    upcoming.refresh_from_db()
    done.refresh_from_db()
    assert upcoming.reminder_sent_at is None and done.reminder_sent_at is None

    call_command("send_trajectory_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_a_moved_due_date_earns_a_new_reminder(client, editor, member, overdue):
    call_command("send_trajectory_reminders", stdout=io.StringIO())
    client.force_login(editor)
    new_due = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        f"/admin/snippets/trajectories/mentorcontact/edit/{overdue.pk}/",
        contact_data(
            overdue.municipality,
            agreements=SECRET_LOG,
            date=str(overdue.date),
            due_date=str(new_due - datetime.timedelta(days=1)),
        ),
    )
    overdue.refresh_from_db()
    assert overdue.reminder_sent_at is None
    mail.outbox.clear()
    call_command("send_trajectory_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_members_read_their_own_log(client, member, overdue):
    client.force_login(member)
    html = client.get("/netwerk/trajecten/leuven/mentorlog/").content.decode()
    assert SECRET_LOG in html
    assert "termijn verstreken" in html


def test_the_admin_dashboard_lists_overdue_agreements(client, editor, overdue):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert work_line(html, "afspraak met verstreken termijn")[0] == 1
    assert "/admin/snippets/trajectories/mentorcontact/?agreement_done=false" in html
