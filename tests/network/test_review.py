import re
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from wagtail.models import ModelLogEntry

from network.models import (
    ApplicationStatus,
    MemberProfile,
    MembershipApplication,
    MembershipStatus,
)
from network.services import approve, reject
from network.tokens import InvitationTokenGenerator
from portal.roles import MEMBERS_GROUP
from tests.network.conftest import JOIN_URL

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/network/membershipapplication/"
INVITATION_LINK = re.compile(
    r"http://testserver(/account/uitnodiging/[^/\s]+/[^/\s]+/)"
)


def decide(client, application, decision, note=""):
    return client.post(
        f"{ADMIN}decide/{application.pk}/", {"decision": decision, "note": note}
    )


def test_editors_list_filter_and_search_applications(client, editor, application):
    client.force_login(editor)
    assert "Ilse Janssens" in client.get(ADMIN).content.decode()
    assert "Ilse Janssens" in client.get(f"{ADMIN}?status=ingediend").content.decode()
    assert "Ilse Janssens" not in (
        client.get(f"{ADMIN}?status=afgewezen").content.decode()
    )
    by_province = client.get(f"{ADMIN}?municipality__province=limburg")
    assert "Ilse Janssens" in by_province.content.decode()
    other_province = client.get(f"{ADMIN}?municipality__province=antwerpen")
    assert "Ilse Janssens" not in other_province.content.decode()
    assert "Ilse Janssens" in client.get(f"{ADMIN}?q=hasselt").content.decode()
    assert "Ilse Janssens" in client.get(f"{ADMIN}?q=janssens").content.decode()
    assert "Ilse Janssens" not in client.get(f"{ADMIN}?q=kortrijk").content.decode()


def test_the_whole_application_is_on_one_screen(client, editor, application):
    client.force_login(editor)
    html = client.get(f"{ADMIN}inspect/{application.pk}/").content.decode()
    for text in [
        "Ilse Janssens",
        "ilse@hasselt.example",
        "Hasselt",
        "We willen starten met pleinmakers in twee wijken.",
        "Goedkeuren en uitnodiging sturen",
        "Afwijzen",
    ]:
        assert text in html
    edit = client.get(f"{ADMIN}edit/{application.pk}/")
    assert edit.status_code == 302


def test_approve_creates_one_member_account_and_sends_the_invitation(
    client, editor, application, hasselt
):
    client.force_login(editor)
    response = decide(client, application, "approve", "Welkom!")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == editor
    assert application.decided_at is not None
    hasselt.refresh_from_db()
    assert hasselt.membership_status == MembershipStatus.MEMBER
    assert hasselt.member_since is not None

    user = get_user_model().objects.get(email="ilse@hasselt.example")
    assert not user.has_usable_password()
    assert user.groups.filter(name=MEMBERS_GROUP).exists()
    assert user.member_profile.municipality == hasselt
    assert (user.first_name, user.last_name) == ("Ilse", "Janssens")
    assert application.user == user

    (invitation,) = mail.outbox
    assert invitation.to == ["ilse@hasselt.example"]
    assert "Welkom!" in invitation.body
    assert INVITATION_LINK.search(invitation.body)

    entry = ModelLogEntry.objects.get(action="network.application.approve")
    assert entry.user == editor
    assert entry.data == {"note": "Welkom!"}
    history = client.get(f"{ADMIN}history/{application.pk}/").content.decode()
    assert "Aanvraag goedgekeurd" in history


def test_member_since_is_the_first_approval(editor, application, hasselt):
    first = hasselt.member_since = "2024-01-01"
    hasselt.membership_status = MembershipStatus.FORMER
    hasselt.save()
    approve(application, editor)
    hasselt.refresh_from_db()
    assert str(hasselt.member_since) == first
    assert hasselt.membership_status == MembershipStatus.MEMBER


def test_approving_twice_creates_one_account(client, editor, application):
    client.force_login(editor)
    decide(client, application, "approve")
    response = decide(client, application, "approve")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Over deze aanvraag was al beslist." in messages
    assert get_user_model().objects.filter(email="ilse@hasselt.example").count() == 1
    assert MemberProfile.objects.count() == 1
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.filter(action__startswith="network.").count() == 1


def test_two_editors_deciding_on_a_stale_copy_create_one_account(editor, application):
    from portal.factories import EditorFactory

    other_editor = EditorFactory(email="tweede@mechelen.example")
    # Both loaded the application while it was still open.
    copy_one = MembershipApplication.objects.get(pk=application.pk)
    copy_two = MembershipApplication.objects.get(pk=application.pk)
    assert approve(copy_one, editor) is True
    assert reject(copy_two, other_editor, "Te laat") is False
    assert approve(copy_two, other_editor) is False
    assert get_user_model().objects.filter(email="ilse@hasselt.example").count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == editor


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_approvals_create_one_account(hasselt):
    # Threads need committed data; serialized rollback brings back the migrated
    # municipalities that another transactional test may have flushed.
    from network.factories import MembershipApplicationFactory
    from portal.factories import EditorFactory

    application = MembershipApplicationFactory(
        municipality=hasselt, email="tegelijk@hasselt.example"
    )
    editors = [EditorFactory(email=f"r{n}@mechelen.example") for n in range(4)]
    barrier = threading.Barrier(len(editors))
    results = []

    def run(editor):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            results.append(approve(application, editor))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(e,)) for e in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert (
        get_user_model().objects.filter(email="tegelijk@hasselt.example").count() == 1
    )


def test_reject_sends_the_note_and_is_logged(client, editor, application, hasselt):
    hasselt.membership_status = MembershipStatus.CANDIDATE
    hasselt.save()
    client.force_login(editor)
    decide(client, application, "reject", "Jullie zijn geen lokaal bestuur.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_note == "Jullie zijn geen lokaal bestuur."
    (rejection,) = mail.outbox
    assert rejection.to == ["ilse@hasselt.example"]
    assert "Jullie zijn geen lokaal bestuur." in rejection.body
    assert not get_user_model().objects.filter(email="ilse@hasselt.example").exists()
    hasselt.refresh_from_db()
    assert hasselt.membership_status == MembershipStatus.NONE
    assert ModelLogEntry.objects.get(action="network.application.reject").user == editor


def test_reject_needs_a_note(client, editor, application):
    client.force_login(editor)
    response = decide(client, application, "reject", "  ")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Leg kort uit waarom je de aanvraag afwijst." in messages
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_members_and_visitors_cannot_decide(client, member, application):
    assert decide(client, application, "approve").status_code == 302
    client.force_login(member)
    response = decide(client, application, "approve")
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_full_journey_from_application_to_dashboard(client, editor, hasselt, join_data):
    # 1. Apply.
    assert client.post(JOIN_URL, join_data).status_code == 302
    application = MembershipApplication.objects.get()
    assert [m.to for m in mail.outbox] == [
        ["ilse.janssens@hasselt.example"],
        ["redacteur@mechelen.example"],
    ]
    # 2. An editor approves through the admin views.
    client.force_login(editor)
    assert client.get(f"{ADMIN}inspect/{application.pk}/").status_code == 200
    decide(client, application, "approve", "Welkom in het netwerk.")
    client.logout()
    invitation = mail.outbox[-1]
    assert invitation.to == ["ilse.janssens@hasselt.example"]
    link = INVITATION_LINK.search(invitation.body).group(1)
    # 3. The invitation link: choose a password (validators apply).
    form_url = client.get(link)["Location"]
    assert "wachtwoord-kiezen" in form_url
    weak = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 200
    assert 'id="id_new_password2_error"' in weak.content.decode()
    common = client.post(
        form_url, {"new_password1": "password123", "new_password2": "password123"}
    )
    assert "Dit wachtwoord is te algemeen." in common.content.decode()
    chosen = "Pleinen-vol-buren-2026"
    done = client.post(form_url, {"new_password1": chosen, "new_password2": chosen})
    assert done["Location"] == "/account/"
    # 4. The link cannot be used twice.
    client.logout()
    again = client.get(link, follow=True).content.decode()
    assert "Deze link is al gebruikt of verlopen" in again
    assert "Stuur me een nieuwe link" in again
    # 5. Log in and see the dashboard.
    response = client.post(
        "/account/aanmelden/",
        {"username": "ilse.janssens@hasselt.example", "password": chosen},
    )
    assert response["Location"] == "/account/"
    dashboard = client.get("/account/").content.decode()
    assert "Mijn gemeente" in dashboard
    assert "Hasselt" in dashboard


def test_an_invitation_link_expires_after_seven_days(
    client, editor, application, monkeypatch
):
    approve(application, editor)
    link = INVITATION_LINK.search(mail.outbox[-1].body).group(1)
    real_now = InvitationTokenGenerator._now
    monkeypatch.setattr(
        InvitationTokenGenerator,
        "_now",
        lambda self: real_now(self) + timedelta(days=6, hours=23),
    )
    assert "wachtwoord-kiezen" in client.get(link)["Location"]
    monkeypatch.setattr(
        InvitationTokenGenerator,
        "_now",
        lambda self: real_now(self) + timedelta(days=7, hours=1),
    )
    expired = client.get(link, follow=True).content.decode()
    assert "Deze link is al gebruikt of verlopen" in expired


class RefusingMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_approval_says_the_invitation_is_queued_then_shows_its_delivery(
    client, editor, application, settings
):
    client.force_login(editor)
    settings.PORTAL_MAIL_BACKEND = "tests.network.test_review.RefusingMailBackend"
    response = decide(client, application, "approve")
    page = client.get(response["Location"]).content.decode()
    assert "uitnodiging is klaargezet" in page
    assert "verstuurd" not in page
    assert "in de wachtrij" in page
    assert "1 poging mislukt" in page

    # A later try (by the worker) succeeds: the screen says it was delivered.
    from portal.models import OutgoingMail

    OutgoingMail.objects.filter(template="network/email/invitation").update(
        state=OutgoingMail.State.SENT
    )
    html = client.get(response["Location"]).content.decode()
    assert "afgeleverd bij de mailserver" in html
