import csv
import io
import logging
import smtplib
from unittest import mock

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.factories import ContactPageFactory, UserFactory
from portal.formtokens import new_token
from portal.models import (
    ContactFormField,
    ContactPage,
    ContactSubmission,
    OutgoingMail,
    SiteSettings,
)
from portal.models.contact import HONEYPOT_FIELD
from tests.helpers import assert_service_link

VALID = {
    "naam": "An Peeters",
    "e_mailadres": "an.peeters@gemeente.be",
    "organisatie": "Gemeente Voorbeeld",
    "onderwerp": "Aansluiten bij het netwerk",
    "bericht": "Wij willen graag aansluiten bij het lerend netwerk.",
    "privacy": "on",
}


@pytest.fixture
def contact_page(home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.email = "team@mechelen.example"
    settings.press_name = "Persdienst Mechelen"
    settings.press_email = "pers@mechelen.example"
    settings.press_phone = "015 00 00 00"
    settings.save()
    return ContactPageFactory(parent=home_page)


def post(client, page, ip="192.0.2.10", **changes):
    data = {**VALID, "form_token": new_token(), **changes}
    return client.post(page.url, data, REMOTE_ADDR=ip)


class TestPageTree(WagtailPageTestCase):
    def test_one_contact_page_below_the_home_page(self):
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(ContactPage, ContactPage)
        home = HomePage.objects.get()
        ContactPageFactory(parent=home)
        assert not ContactPage.can_create_at(home)


def test_form_shows_the_default_fields_and_the_press_contact(client, contact_page):
    html = client.get(contact_page.url).content.decode()
    for name in ("naam", "e_mailadres", "organisatie", "onderwerp", "bericht"):
        assert f'name="{name}"' in html
    assert 'type="checkbox" name="privacy"' in html
    for subject in ("Vraag over pleinmakers", "Aansluiten bij het netwerk", "Pers"):
        assert f'<option value="{subject}"' in html
    assert "Voor de pers" in html
    assert "Persdienst Mechelen" in html
    assert 'href="mailto:pers@mechelen.example"' in html
    assert "015 00 00 00" in html
    assert 'href="mailto:team@mechelen.example"' in html


def test_editors_can_change_the_fields(client, contact_page):
    ContactFormField.objects.create(
        page=contact_page, label="Telefoonnummer", field_type="singleline"
    )
    html = client.get(contact_page.url).content.decode()
    assert 'name="telefoonnummer"' in html


def test_a_message_is_saved_and_both_emails_go_out(client, contact_page):
    response = post(client, contact_page)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bedankt voor je bericht" in html

    submission = ContactSubmission.objects.get(page=contact_page)
    assert submission.form_data["naam"] == "An Peeters"
    assert submission.form_data["bericht"] == VALID["bericht"]
    assert HONEYPOT_FIELD not in submission.form_data

    team, confirmation = mail.outbox
    assert team.to == ["team@mechelen.example"]
    assert team.reply_to == ["an.peeters@gemeente.be"]
    assert "Wij willen graag aansluiten" in team.body
    assert "Gemeente Voorbeeld" in team.body
    assert confirmation.to == ["an.peeters@gemeente.be"]
    assert confirmation.subject == "We ontvingen je bericht"
    assert "Wij willen graag aansluiten" in confirmation.body


def test_the_page_can_send_to_another_address(client, contact_page):
    contact_page.to_address = "andere@mechelen.example"
    contact_page.save()
    post(client, contact_page)
    assert mail.outbox[0].to == ["andere@mechelen.example"]


def test_editors_see_the_submissions_in_the_admin(client, contact_page):
    post(client, contact_page)
    client.force_login(
        UserFactory(email="beheer@voorbeeld.be", is_staff=True, is_superuser=True)
    )
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    html = client.get(url).content.decode()
    assert "An Peeters" in html


def test_missing_fields_get_dutch_errors_and_keep_the_input(client, contact_page):
    response = post(client, contact_page, naam="", e_mailadres="geen-adres", privacy="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Controleer wat je invulde" in html
    assert (
        '<p class="field__error" id="id_naam_error">Dit is een verplicht veld.</p>'
        in html
    )
    assert "Voer een geldig e-mailadres in." in html
    assert 'id="id_privacy_error">Dit is een verplicht veld.' in html
    assert 'value="geen-adres"' in html
    assert 'value="Gemeente Voorbeeld"' in html
    assert "Wij willen graag aansluiten bij het lerend netwerk.</textarea>" in html
    assert '<option value="Aansluiten bij het netwerk" selected>' in html
    assert 'aria-invalid="true"' in html
    assert not ContactSubmission.objects.exists()
    assert mail.outbox == []


def test_a_message_over_5000_characters_is_refused(client, contact_page):
    response = post(client, contact_page, bericht="x" * 5001)
    html = response.content.decode()
    assert "Je bericht is te lang: hoogstens 5000 tekens" in html
    assert not ContactSubmission.objects.exists()
    assert mail.outbox == []

    response = post(client, contact_page, bericht="x" * 5000)
    assert "Bedankt voor je bericht" in response.content.decode()
    assert ContactSubmission.objects.count() == 1


def test_a_bot_filling_the_honeypot_sees_thanks_but_nothing_happens(
    client, contact_page
):
    html = client.get(contact_page.url).content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in html
    response = post(client, contact_page, **{HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 200
    assert "Bedankt voor je bericht" in response.content.decode()
    assert not ContactSubmission.objects.exists()
    assert mail.outbox == []


def test_the_sixth_attempt_within_an_hour_gets_429(client, contact_page):
    for _ in range(5):
        assert post(client, contact_page).status_code == 200
    response = post(client, contact_page)
    assert response.status_code == 429
    assert "vijf berichten" in response.content.decode()
    assert ContactSubmission.objects.count() == 5
    # Someone else, from another address, can still write.
    assert post(client, contact_page, ip="192.0.2.99").status_code == 200


def test_failed_attempts_count_towards_the_limit(client, contact_page):
    for _ in range(5):
        post(client, contact_page, naam="")
    assert post(client, contact_page).status_code == 429


def test_the_limit_survives_a_flushed_cache(client, contact_page):
    """Limits live in the database: a Redis restart or flush lifts none."""
    from django.core.cache import cache

    from portal import ratelimit

    post(client, contact_page)
    assert ratelimit.count("contact", "192.0.2.10") == 1
    cache.clear()
    assert ratelimit.count("contact", "192.0.2.10") == 1


def test_a_failing_mail_server_still_saves_and_thanks(client, contact_page, caplog):
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send",
            side_effect=smtplib.SMTPException("server weg"),
        ),
        caplog.at_level(logging.WARNING, logger="portal.mail"),
    ):
        response = post(client, contact_page)
    assert response.status_code == 200
    assert "Bedankt voor je bericht" in response.content.decode()
    assert ContactSubmission.objects.count() == 1
    team_mail = OutgoingMail.objects.get(template="portal/email/contact_team")
    assert team_mail.state == OutgoingMail.State.QUEUED
    assert "server weg" in team_mail.last_error
    assert "not delivered" in caplog.text


def test_contact_page_query_budget(client, contact_page, django_assert_max_num_queries):
    client.get(contact_page.url)
    with django_assert_max_num_queries(12):
        assert client.get(contact_page.url).status_code == 200


def test_demo_contact_page_has_the_default_fields(client, demo):
    page = ContactPage.objects.get()
    assert page.url == "/contact/"
    assert_service_link(client, "/contact/")
    assert [field.clean_name for field in page.form_fields.all()] == [
        "naam",
        "e_mailadres",
        "organisatie",
        "onderwerp",
        "bericht",
        "privacy",
    ]
    assert "Voor de pers" in client.get(page.url).content.decode()


def test_the_submissions_csv_export_escapes_formulas(
    admin_client, client, contact_page
):
    """What a visitor types must not run as a formula in the editor's
    spreadsheet (CSV injection)."""
    post(client, contact_page, naam="=cmd|' /C calc'!A0", bericht="@SUM(1+1)")
    response = admin_client.get(
        f"/admin/forms/submissions/{contact_page.pk}/", {"export": "csv"}
    )
    assert response.status_code == 200
    csv_text = b"".join(response.streaming_content).decode()
    assert "'=cmd|" in csv_text
    assert "'@SUM(1+1)" in csv_text
    assert ",=cmd" not in csv_text and "\n=cmd" not in csv_text


FORMULAS = {
    "naam": "=cmd|' /C calc'!A0",
    "organisatie": "+1+1",
    "onderwerp": "-2+3",
    "bericht": "@SUM(1+1)\tmet een tab",
}


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_prefix_is_escaped_in_the_csv(admin_client, contact_page, prefix):
    """Stored as typed (the form strips a leading tab, an import need not)."""
    ContactSubmission.objects.create(
        page=contact_page,
        form_data={**VALID, "organisatie": f"{prefix}HYPERLINK(1)"},
    )
    response = admin_client.get(
        f"/admin/forms/submissions/{contact_page.pk}/", {"export": "csv"}
    )
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert f"'{prefix}HYPERLINK(1)" in rows[1]


def test_the_submissions_xlsx_export_holds_no_formula(admin_client, contact_page):
    ContactSubmission.objects.create(page=contact_page, form_data={**VALID, **FORMULAS})
    response = admin_client.get(
        f"/admin/forms/submissions/{contact_page.pk}/", {"export": "xlsx"}
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert [cell for cell in cells if cell.data_type == "f"] == []
    assert "=cmd|' /C calc'!A0" in [cell.value for cell in cells]


def test_a_double_submit_saves_and_sends_once(client, contact_page):
    data = {**VALID, "form_token": new_token()}
    first = client.post(contact_page.url, data)
    sent = len(mail.outbox)
    second = client.post(contact_page.url, data)
    assert first.status_code == second.status_code == 200
    thanks = "Bedankt"
    assert thanks in first.content.decode() and thanks in second.content.decode()
    assert ContactSubmission.objects.count() == 1
    assert sent == 2 and len(mail.outbox) == sent
    # The token is not stored with the message.
    assert "form_token" not in ContactSubmission.objects.get().form_data


def test_a_message_without_its_form_token_is_not_saved(client, contact_page):
    response = client.post(contact_page.url, VALID)
    html = response.content.decode()
    assert "verstuur het opnieuw" in html
    assert "An Peeters" in html
    assert not ContactSubmission.objects.exists()


def test_a_join_request_by_contact_points_to_the_join_form(client, contact_page):
    html = post(client, contact_page).content.decode()
    assert 'href="/netwerk/aansluiten/"' in html
    confirmation = mail.outbox[1]
    assert "/netwerk/aansluiten/" in confirmation.body


def test_other_subjects_get_no_pointer_to_the_join_form(client, contact_page):
    html = post(client, contact_page, onderwerp="Pers").content.decode()
    assert "/netwerk/aansluiten/" not in html
    assert "/netwerk/aansluiten/" not in mail.outbox[1].body


def test_a_new_message_waits_in_the_editors_queue_until_handled(
    client, contact_page, editor
):
    from portal.models import ContactStatus

    post(client, contact_page)
    message = ContactSubmission.objects.get()
    assert message.status == ContactStatus.NEW
    client.force_login(editor)
    queue = client.get("/admin/contact_messages/?status=nieuw").content.decode()
    assert "An Peeters" in queue and "Aansluiten bij het netwerk" in queue

    response = client.post(
        f"/admin/contact_messages/edit/{message.pk}/",
        {"status": ContactStatus.FORWARDED},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == ContactStatus.FORWARDED
    assert message.status_changed_at is not None
    queue = client.get("/admin/contact_messages/?status=nieuw").content.decode()
    assert "An Peeters" not in queue.split("<tbody", 1)[-1].split("</tbody>")[0]
    # Messages come from the form only: editors neither add nor delete them.
    assert client.get("/admin/contact_messages/new/").status_code in (302, 403)
    assert client.get(f"/admin/contact_messages/delete/{message.pk}/").status_code in (
        302,
        403,
    )


def test_members_never_reach_the_contact_queue(client, contact_page, member):
    post(client, contact_page)
    client.force_login(member)
    assert client.get("/admin/contact_messages/").status_code in (302, 403)


def test_messages_sent_before_statuses_join_the_queue_as_new(contact_page):
    """The migration's data step moves the contact page's old submissions."""
    import importlib
    from pathlib import Path

    from django.apps import apps
    from wagtail.contrib.forms.models import FormSubmission

    import portal.migrations
    from portal.models import ContactStatus

    # Found by name: the number may change when migrations are renumbered.
    folder = Path(portal.migrations.__file__).parent
    (path,) = folder.glob("*_contact_submission_status.py")
    migration = importlib.import_module(f"portal.migrations.{path.stem}")
    FormSubmission.objects.create(page=contact_page, form_data={"naam": "Oud"})
    migration.move_contact_messages(apps, None)
    assert not FormSubmission.objects.filter(page=contact_page).exists()
    (message,) = ContactSubmission.objects.all()
    assert message.sender_name == "Oud" and message.status == ContactStatus.NEW
