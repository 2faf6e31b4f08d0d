"""One lock for every login form the site answers (issue #10)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.factories import ContentPageFactory, EditorFactory, UserFactory
from portal.lockout import MAX_FAILURES_PER_IP
from portal.models import normalize_email

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-testwachtwoord"
MEMBER_LOGIN = "/account/aanmelden/"
ADMIN_LOGIN = "/admin/login/"
FRONTEND_LOGIN = "/_util/login/"


@pytest.fixture
def editor():
    return EditorFactory(email="lid@pleinmakers.example")


def login(client, email, password=PASSWORD, url=MEMBER_LOGIN, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


def lock(client, email):
    for _attempt in range(5):
        login(client, email, "fout")


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [MEMBER_LOGIN, ADMIN_LOGIN, FRONTEND_LOGIN])
def test_a_locked_account_logs_in_nowhere(client, editor, url):
    lock(client, editor.email)
    response = login(client, editor.email, url=url)
    assert not logged_in(client)
    assert client.get("/admin/").status_code == 302
    assert response.status_code in (302, 429)


def test_the_frontend_login_is_the_member_login(client, settings):
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == MEMBER_LOGIN
    response = client.get(FRONTEND_LOGIN + "?next=/prive/")
    assert response.status_code == 302
    assert response["Location"] == MEMBER_LOGIN + "?next=/prive/"


def test_a_private_page_sends_visitors_to_the_member_login(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Intern", slug="intern")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/intern/")
    assert response.status_code == 302
    assert response["Location"].startswith(MEMBER_LOGIN)


def test_any_call_to_authenticate_refuses_a_locked_account(client, editor):
    """The lock sits in the authentication backend, so a login form we did not
    write (a later package, Django's own) cannot get around it."""
    from django.contrib.auth import authenticate

    lock(client, editor.email)
    assert authenticate(None, username=editor.email, password=PASSWORD) is None


@pytest.mark.parametrize(
    "spelling",
    [
        "LID@PLEINMAKERS.EXAMPLE",
        "lid@pleinmakerſ.example",  # the long s folds to s
        " lid@pleinmakers.example ",
        "ｌｉｄ@pleinmakers.example",  # full-width letters
    ],
)
def test_look_alike_spellings_are_the_same_locked_account(client, editor, spelling):
    lock(client, editor.email)
    response = login(client, spelling)
    assert response.status_code == 429
    assert not logged_in(client)


def test_a_dotless_i_is_another_address_and_logs_in_to_nothing(client, editor):
    lock(client, editor.email)
    response = login(client, "lıd@pleinmakers.example")
    assert not logged_in(client)
    assert response.status_code in (200, 429)


def test_addresses_are_stored_and_found_in_one_form():
    assert normalize_email(" Lid@Pleinmakerſ.EXAMPLE ") == "lid@pleinmakers.example"
    user = UserFactory(email="Ilse.JANSSENS@Hasselt.example")
    assert user.email == "ilse.janssens@hasselt.example"
    found = get_user_model().objects.get_by_natural_key("ILSE.janssens@hasselt.example")
    assert found == user


def test_the_migration_normalises_existing_addresses():
    import importlib

    migration = importlib.import_module(
        "portal.migrations.0004_ratelimit_and_normalised_email"
    )
    from django.apps import apps

    user = UserFactory()
    get_user_model().objects.filter(pk=user.pk).update(email="Oud@Adreſ.example")
    migration.normalise_emails(apps, None)
    user.refresh_from_db()
    assert user.email == "oud@adres.example"


def test_thirty_failures_from_one_address_block_every_account(client, editor):
    other = UserFactory(email="ander@gemeente.example")
    for number in range(MAX_FAILURES_PER_IP):
        login(client, f"bestaat-niet-{number}@gemeente.example", "fout")
    for url in (MEMBER_LOGIN, ADMIN_LOGIN):
        response = login(client, other.email, url=url)
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
    assert not logged_in(client)
    # Another address is not blocked.
    assert login(client, other.email, REMOTE_ADDR="192.0.2.77").status_code == 302


def test_wrong_page_passwords_count_towards_the_address_block(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Met wachtwoord", slug="geheim")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="juist"
    )
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )
    for _attempt in range(MAX_FAILURES_PER_IP):
        assert client.post(url, {"password": "fout", "return_url": "/"}).status_code
    response = client.post(url, {"password": "juist", "return_url": "/"})
    assert response.status_code == 429
    assert login(client, "iemand@gemeente.example").status_code == 429


@pytest.mark.parametrize(
    "url", ["/account/wachtwoord-vergeten/", "/admin/password_reset/"]
)
def test_password_resets_are_throttled_per_address_and_per_ip(client, editor, url):
    for _attempt in range(3):
        assert client.post(url, {"email": editor.email}).status_code == 302
    # A fourth mail to the same address is not sent, and the answer is the same.
    response = client.post(url, {"email": editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    for number in range(2):
        client.post(url, {"email": f"niemand{number}@gemeente.example"})
    refused = client.post(url, {"email": "nog-iemand@gemeente.example"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_the_admin_password_reset_never_reveals_an_account(client, editor):
    known = client.post("/admin/password_reset/", {"email": editor.email})
    unknown = client.post("/admin/password_reset/", {"email": "x@gemeente.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [[editor.email]]
