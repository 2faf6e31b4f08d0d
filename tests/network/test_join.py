import pytest
from django.core import mail

from network.models import (
    CONSENT_VERSION,
    ApplicationStatus,
    MembershipApplication,
    MembershipStatus,
)
from portal.factories import UserFactory
from portal.formtokens import new_token
from tests.network.conftest import JOIN_URL

pytestmark = pytest.mark.django_db


def test_join_form_marks_municipalities_that_are_already_members(client, mechelen):
    html = client.get(JOIN_URL).content.decode()
    assert "Mechelen (al lid: je sluit aan als collega)" in html
    assert ">Hasselt<" in html
    assert "Verstuur mijn aanvraag" in html


def test_join_form_preselects_the_municipality_from_the_link(client, hasselt):
    html = client.get(f"{JOIN_URL}?gemeente=hasselt").content.decode()
    assert f'<option value="{hasselt.pk}" selected>Hasselt</option>' in html


def test_a_valid_application_is_saved_and_both_emails_go_out(
    client, editor, hasselt, join_data
):
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 302
    assert response["Location"] == "/netwerk/aansluiten/bedankt/"

    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.email == "ilse.janssens@hasselt.example"
    assert application.consent_version == CONSENT_VERSION
    assert application.consent_given_at is not None
    assert application.is_colleague is False
    hasselt.refresh_from_db()
    # Not public until an editor takes the application up (test_candidates.py).
    assert hasselt.membership_status == MembershipStatus.NONE

    to_applicant, to_editors = mail.outbox
    assert to_applicant.to == ["ilse.janssens@hasselt.example"]
    assert "We ontvingen je aanvraag" in to_applicant.subject
    assert to_editors.to == ["redacteur@mechelen.example"]
    assert "Hasselt" in to_editors.subject
    assert (
        f"/admin/snippets/network/membershipapplication/inspect/{application.pk}/"
        in to_editors.body
    )

    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt voor je aanvraag" in thanks
    assert "Wat gebeurt er nu?" in thanks


def test_an_application_for_a_member_municipality_is_a_colleague(
    client, mechelen, join_data
):
    join_data["municipality"] = str(mechelen.pk)
    response = client.post(JOIN_URL, join_data, follow=True)
    assert MembershipApplication.objects.get().is_colleague is True
    assert "collega van een lid" in response.content.decode()
    assert "collega van een lid" in mail.outbox[0].body
    mechelen.refresh_from_db()
    assert mechelen.membership_status == MembershipStatus.MENTOR


def refused(client, data, field, message):
    response = client.post(JOIN_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert not MembershipApplication.objects.exists()
    assert not mail.outbox
    return html


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("full_name", "Vul je naam in."),
        ("job_title", "Vul je functie in."),
        ("email", "Vul je e-mailadres in."),
        ("motivation", "Vertel kort waarom je wil aansluiten."),
        ("municipality", "Kies de gemeente waarvoor je werkt."),
    ],
)
def test_missing_fields_are_refused_and_input_kept(client, join_data, field, message):
    join_data[field] = ""
    html = refused(client, join_data, field, message)
    assert 'value="Beleidsmedewerker samenleven"' in html or field == "job_title"


def test_an_invalid_email_is_refused(client, join_data):
    join_data["email"] = "ilse@"
    html = refused(client, join_data, "email", "Dit is geen geldig e-mailadres")
    assert 'value="Ilse Janssens"' in html


def test_no_consent_is_refused(client, join_data):
    del join_data["consent"]
    refused(client, join_data, "consent", "akkoord gaat met de privacyverklaring")


def test_another_municipality_id_that_does_not_exist_is_refused(client, join_data):
    join_data["municipality"] = "999999"
    refused(client, join_data, "municipality", "Kies een gemeente uit de lijst.")


def test_an_open_application_gets_the_neutral_answer_and_an_email(
    client, application, join_data
):
    join_data["email"] = "ILSE@hasselt.example"
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 302
    assert response["Location"] == "/netwerk/aansluiten/bedankt/"
    assert MembershipApplication.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["ilse@hasselt.example"]]
    assert "loopt al een aanvraag" in mail.outbox[0].body


def test_the_join_form_never_tells_whether_an_address_has_an_account(
    client, join_data, mechelen
):
    """Known and unknown addresses get the same page; only the owner of a known
    address learns, by e-mail, that it has an account."""
    UserFactory(email="ilse.janssens@hasselt.example")
    known = client.post(JOIN_URL, join_data)
    known_page = client.get(known["Location"]).content.decode()
    assert not MembershipApplication.objects.exists()
    assert [message.to for message in mail.outbox] == [
        ["ilse.janssens@hasselt.example"]
    ]
    assert "Er bestaat al een account met dit adres" in mail.outbox[0].body
    assert "/account/wachtwoord-vergeten/" in mail.outbox[0].body

    client.cookies.clear()
    join_data["email"] = "nieuw@hasselt.example"
    join_data["form_token"] = new_token()
    unknown = client.post(JOIN_URL, join_data)
    unknown_page = client.get(unknown["Location"]).content.decode()
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert "Er bestaat al" not in known_page
    strip = lambda html: html.split("<main")[1].split("</main>")[0]  # noqa: E731
    assert strip(known_page) == strip(unknown_page)


def test_the_honeypot_saves_nothing_and_sends_nothing(client, join_data):
    join_data["website"] = "http://spam.example"
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()
    assert not mail.outbox


def test_five_posts_per_hour_per_address_valid_or_not(client, join_data):
    for number in range(3):
        join_data["email"] = f"persoon{number}@hasselt.example"
        join_data["form_token"] = new_token()  # three forms, not one posted thrice
        assert client.post(JOIN_URL, join_data).status_code == 302
    join_data["email"] = "geen-adres"
    assert client.post(JOIN_URL, join_data).status_code == 200  # invalid, counted
    assert client.post(JOIN_URL, join_data).status_code == 200
    join_data["email"] = "persoon4@hasselt.example"
    join_data["form_token"] = new_token()
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3000
    assert "vijf keer" in response.content.decode()
    assert MembershipApplication.objects.count() == 3
    other = client.post(JOIN_URL, join_data, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_posted_status_and_decision_fields_change_nothing(client, editor, join_data):
    join_data.update(
        status="goedgekeurd",
        is_colleague="on",
        decided_by=str(editor.pk),
        user=str(editor.pk),
        consent_version="0",
    )
    client.post(JOIN_URL, join_data)
    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.is_colleague is False
    assert application.decided_by is None
    assert application.user is None
    assert application.consent_version == CONSENT_VERSION


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_never_loses_the_application(
    client, settings, join_data, editor
):
    settings.EMAIL_BACKEND = "tests.network.test_join.BrokenMailBackend"
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 302
    assert MembershipApplication.objects.filter(
        email="ilse.janssens@hasselt.example"
    ).exists()


def test_new_addresses_must_be_ascii_before_the_at(client, join_data):
    join_data["email"] = "lıd@pleinmakers.example"
    response = client.post("/netwerk/aansluiten/", join_data)
    assert response.status_code == 200
    assert "alleen gewone letters" in response.content.decode()
    assert not mail.outbox


def test_a_double_submit_makes_one_application(client, join_data):
    """The same form posted twice (a double click) is handled once; the second
    post lands on the same thank-you page."""
    first = client.post(JOIN_URL, join_data)
    sent = len(mail.outbox)
    second = client.post(JOIN_URL, join_data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/netwerk/aansluiten/bedankt/"
    assert MembershipApplication.objects.count() == 1
    assert sent >= 1 and len(mail.outbox) == sent


def test_a_post_without_its_form_token_saves_nothing(client, join_data):
    del join_data["form_token"]
    response = client.post(JOIN_URL, join_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "verstuur het opnieuw" in html
    assert "Ilse Janssens" in html  # what was typed stays
    assert 'name="form_token"' in html  # with a fresh token to send it again
    assert not MembershipApplication.objects.exists()
