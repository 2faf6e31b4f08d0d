import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from network.factories import (
    MemberFactory,
    MembershipApplicationFactory,
    NeighbourhoodFactory,
)
from network.models import (
    MemberProfile,
    MembershipApplication,
    MembershipStatus,
    Neighbourhood,
)
from portal.models import RateLimit

pytestmark = pytest.mark.django_db

LOGIN = "/account/aanmelden/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "een-lang-testwachtwoord"


def login(client, email, password=PASSWORD, url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": password, **extra})


def test_member_logs_in_with_email_and_password(client, member):
    response = login(client, "LID@gemeente.example")
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_wrong_password_shows_a_dutch_message(client, member):
    response = login(client, member.email, "fout-wachtwoord")
    assert response.status_code == 200
    assert "passen niet bij elkaar" in response.content.decode()


def test_logout_is_a_post(client, member):
    client.force_login(member)
    assert client.get("/account/afmelden/").status_code == 405
    assert client.post("/account/afmelden/").status_code == 302
    assert client.get("/account/")["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    "next_url",
    [
        "https://kwaadaardig.example/",
        "//kwaadaardig.example/",
        "/\\kwaadaardig.example/",
        "http://testserver/netwerk/",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_the_site(client, member, next_url):
    response = login(client, member.email, next=next_url)
    assert response["Location"] == "/account/"


def test_next_leads_to_a_path_on_the_site(client, member):
    response = login(client, member.email, next="/netwerk/mechelen/")
    assert response["Location"] == "/netwerk/mechelen/"


def test_admin_login_refuses_an_offsite_next(client, editor):
    response = login(
        client, editor.email, url=ADMIN_LOGIN, next="https://kwaadaardig.example/"
    )
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_five_failures_lock_the_account_for_fifteen_minutes(
    client, member, editor, url
):
    account = editor if url == ADMIN_LOGIN else member
    for _attempt in range(5):
        assert login(client, account.email, "fout", url=url).status_code == 200
    locked = login(client, account.email, url=url)  # even the right password
    assert locked.status_code == 429
    assert "Probeer het over 15 minuten opnieuw" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    other = editor if account == member else member
    assert login(client, other.email, url=url).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, member):
    for _attempt in range(5):
        login(client, member.email, "fout")
    assert login(client, member.email).status_code == 429
    # The lock is a counter with a 15-minute window; let the window pass.
    RateLimit.objects.filter(scope="login-lock").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert login(client, member.email).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, member):
    for _attempt in range(4):
        login(client, member.email, "fout")
    login(client, member.email)
    client.logout()
    for _attempt in range(4):
        login(client, member.email, "fout")
    assert login(client, member.email).status_code == 302


def test_members_never_reach_the_wagtail_admin(client, member):
    client.force_login(member)
    for url in [
        "/admin/",
        "/admin/pages/",
        "/admin/snippets/network/membershipapplication/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    login_page = login(client, member.email, url=ADMIN_LOGIN)
    assert client.get("/admin/").status_code in (302, 403)
    assert login_page.status_code in (200, 302)


def test_editors_log_in_at_the_admin(client, editor):
    response = login(client, editor.email, url=ADMIN_LOGIN)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_password_reset_does_not_reveal_whether_an_address_exists(client, member):
    known = client.post("/account/wachtwoord-vergeten/", {"email": member.email})
    unknown = client.post(
        "/account/wachtwoord-vergeten/", {"email": "niemand@gemeente.example"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "/account/wachtwoord-vergeten/" in mail.outbox[0].body
    done = client.get(known["Location"]).content.decode()
    assert "Hoort er een account bij" in done


def test_an_invited_member_without_password_can_ask_a_new_link(client, mechelen):
    user = MemberFactory(email="nieuw@mechelen.example", profile__municipality=mechelen)
    user.set_unusable_password()
    user.save()
    client.post("/account/wachtwoord-vergeten/", {"email": user.email})
    assert mail.outbox[0].to == [user.email]


def test_password_change(client, member):
    client.force_login(member)
    response = client.post(
        "/account/wachtwoord-wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "Nieuwe-buren-op-het-plein",
            "new_password2": "Nieuwe-buren-op-het-plein",
        },
    )
    assert response["Location"] == "/account/"
    member.refresh_from_db()
    assert member.check_password("Nieuwe-buren-op-het-plein")


def test_dashboard_shows_my_municipality_profile_and_colleagues(
    client, member, mechelen, leuven
):
    MemberFactory(
        email="collega@mechelen.example",
        first_name="Cas",
        last_name="Collega",
        profile__municipality=mechelen,
    )
    MemberFactory(
        email="ander@leuven.example",
        first_name="Andere",
        last_name="Stad",
        profile__municipality=leuven,
    )
    MemberFactory(
        email="stil@mechelen.example",
        profile__municipality=mechelen,
        profile__email_visible_to_members=False,
    )
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "Mijn gemeente" in html and "Mechelen" in html
    assert "Mijn profiel" in html
    assert "Cas Collega" in html
    assert "ander@leuven.example" not in html
    assert "stil@mechelen.example" not in html


def test_members_edit_their_municipality_description_and_neighbourhoods(
    client, member, mechelen, leuven
):
    otterbeek = NeighbourhoodFactory(municipality=mechelen, name="Otterbeek")
    foreign = NeighbourhoodFactory(municipality=leuven, name="Leuvense wijk")
    client.force_login(member)
    assert client.get("/account/gemeente/").status_code == 200
    response = client.post(
        "/account/gemeente/",
        {
            "description": "Vier wijken met een pleinmaker.",
            "membership_status": "geen",
            "municipality": str(leuven.pk),
            "wijken-TOTAL_FORMS": "2",
            "wijken-INITIAL_FORMS": "1",
            "wijken-0-id": str(otterbeek.pk),
            "wijken-0-name": "Otterbeek-Noord",
            "wijken-0-description": "",
            "wijken-0-pleinmakers_active": "on",
            "wijken-1-id": str(foreign.pk),
            "wijken-1-name": "Nieuwe wijk",
            "wijken-1-description": "In voorbereiding.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mechelen.refresh_from_db()
    leuven.refresh_from_db()
    assert mechelen.description == "Vier wijken met een pleinmaker."
    assert mechelen.membership_status == MembershipStatus.MENTOR
    assert leuven.description == ""
    assert set(mechelen.neighbourhoods.values_list("name", flat=True)) == {
        "Otterbeek-Noord",
        "Nieuwe wijk",
    }
    foreign.refresh_from_db()
    assert foreign.name == "Leuvense wijk"
    assert foreign.municipality == leuven


def test_a_missing_neighbourhood_name_is_refused(client, member):
    client.force_login(member)
    response = client.post(
        "/account/gemeente/",
        {
            "description": "Tekst",
            "wijken-TOTAL_FORMS": "1",
            "wijken-INITIAL_FORMS": "0",
            "wijken-0-name": "",
            "wijken-0-description": "Zonder naam",
        },
    )
    assert response.status_code == 200
    assert Neighbourhood.objects.count() == 0


def test_profile_with_visibility_choices(client, member):
    client.force_login(member)
    response = client.post(
        "/account/profiel/",
        {
            "first_name": "Lien",
            "last_name": "Leden",
            "job_title": "Coördinator",
            "phone": "015 00 00 00",
            "listed_publicly": "on",
            "phone_visible_to_members": "on",
            "municipality": "1",
        },
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.job_title == "Coördinator"
    assert profile.listed_publicly is True
    assert profile.email_visible_to_members is False
    assert profile.phone_visible_to_members is True
    assert profile.municipality.nis_code == "12025"
    member.refresh_from_db()
    assert member.last_name == "Leden"


def test_sharing_is_off_until_the_member_turns_it_on_and_consent_is_dated(
    client, member
):
    profile = MemberProfile.objects.get(user=member)
    assert profile.email_visible_to_members is False
    assert profile.listed_publicly is False
    client.force_login(member)
    form = client.get("/account/profiel/").content.decode()
    assert 'name="email_visible_to_members"' in form
    assert 'name="email_visible_to_members" checked' not in form

    data = {"first_name": "Lien", "last_name": "Lid", "email_visible_to_members": "on"}
    before = timezone.now()
    client.post("/account/profiel/", data)
    profile.refresh_from_db()
    assert profile.email_visible_to_members is True
    assert before <= profile.email_visible_since <= timezone.now()
    assert profile.phone_visible_since is None
    exported = json.loads(b"".join(client.get("/account/mijn-gegevens.json")))
    assert exported["profile"]["consents"] == {
        "email_visible_to_members": profile.email_visible_since.isoformat()
    }

    client.post("/account/profiel/", {"first_name": "Lien", "last_name": "Lid"})
    profile.refresh_from_db()
    assert profile.email_visible_to_members is False
    assert profile.email_visible_since is None


def test_invite_a_colleague(client, member, mechelen, editor):
    client.force_login(member)
    response = client.post(
        "/account/collega-uitnodigen/",
        {"first_name": "Nele", "last_name": "Nieuw", "email": "nele@mechelen.example"},
    )
    assert response.status_code == 302
    colleague = get_user_model().objects.get(email="nele@mechelen.example")
    assert not colleague.has_usable_password()
    assert colleague.member_profile.municipality == mechelen
    assert colleague.member_profile.invited_by == member
    invitation, to_editors = mail.outbox
    assert invitation.to == ["nele@mechelen.example"]
    assert "/account/uitnodiging/" in invitation.body
    assert to_editors.to == [editor.email]
    assert "Nele Nieuw" in to_editors.body


def test_inviting_an_existing_account_reveals_nothing(client, member, editor):
    """The inviter gets the same answer as for a new colleague; the owner of
    the address is told by e-mail, and no account or profile changes."""
    client.force_login(member)
    new = client.post(
        "/account/collega-uitnodigen/",
        {"first_name": "Nele", "last_name": "Nieuw", "email": "nele@mechelen.example"},
        follow=True,
    ).content.decode()
    mail.outbox.clear()
    known = client.post(
        "/account/collega-uitnodigen/",
        {"first_name": "Re", "last_name": "Dacteur", "email": editor.email.upper()},
        follow=True,
    ).content.decode()

    assert "Er bestaat al een account" not in known
    assert "is klaargezet" in known and "is klaargezet" in new
    (explanation,) = mail.outbox
    assert explanation.to == [editor.email]
    assert "al een account" in explanation.body
    assert "/account/aanmelden/" in explanation.body
    assert not MemberProfile.objects.filter(user=editor).exists()


def test_every_invitation_post_counts_valid_or_not(client, member):
    client.force_login(member)
    for _number in range(10):
        response = client.post("/account/collega-uitnodigen/", {"email": "geen adres"})
        assert response.status_code == 200
    response = client.post(
        "/account/collega-uitnodigen/",
        {"first_name": "Nele", "last_name": "Nieuw", "email": "nele@mechelen.example"},
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 86000
    assert not get_user_model().objects.filter(email="nele@mechelen.example").exists()


def test_member_pages_are_for_members_only(client, editor):
    assert client.get("/account/profiel/")["Location"].startswith(LOGIN)
    client.force_login(editor)
    for url in [
        "/account/gemeente/",
        "/account/profiel/",
        "/account/collega-uitnodigen/",
    ]:
        assert client.get(url).status_code == 403


def test_data_export_holds_only_my_data(client, member, mechelen):
    MembershipApplicationFactory(
        municipality=mechelen, email=member.email, full_name="Lien Lid"
    )
    MembershipApplicationFactory(
        municipality=mechelen, email="iemand.anders@mechelen.example"
    )
    MemberFactory(email="collega@mechelen.example", profile__municipality=mechelen)
    client.force_login(member)
    response = client.get("/account/mijn-gegevens.json")
    assert (
        response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    )
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["municipality"] == "Mechelen"
    assert len(data["applications"]) == 1
    assert data["consents"][0]["version"]
    text = response.content.decode()
    assert "iemand.anders@mechelen.example" not in text
    assert "collega@mechelen.example" not in text


def test_deleting_my_account_needs_my_password(client, member):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": "fout"})
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_deleting_my_account_removes_my_personal_data(client, member, mechelen):
    MembershipApplicationFactory(
        municipality=mechelen,
        email=member.email,
        full_name="Lien Lid",
        phone="015 99 99 99",
        user=member,
    )
    client.force_login(member)
    response = client.post(
        "/account/verwijderen/", {"password": PASSWORD, "experiences": "anonymise"}
    )
    assert response["Location"] == "/account/verwijderd/"
    assert not get_user_model().objects.filter(email=member.email).exists()
    assert not MemberProfile.objects.filter(user_id=member.pk).exists()
    # The application and the editors' note on it go too.
    assert not MembershipApplication.objects.exists()
    assert "_auth_user_id" not in client.session


def test_deleting_my_account_asks_what_becomes_of_my_experiences(client, member):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": PASSWORD})
    assert "Kies of wat je deelde blijft staan of verdwijnt." in (
        response.content.decode()
    )
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_the_header_offers_login_or_my_account(client, member, home_page):
    assert 'href="/account/aanmelden/">Aanmelden' in client.get("/").content.decode()
    client.force_login(member)
    page = client.get("/").content.decode()
    assert 'href="/account/">Mijn account' in page
    assert "Aanmelden</a>" not in page
