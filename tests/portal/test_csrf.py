"""One CSRF token per request (`portal.context_processors.csrf`): every section
rendered on its own (the dashboard's follow list, a follow button, a form)
shows the same masked token, which still validates, and a login's new secret
gets a new token."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token, rotate_token
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from taggit.models import Tag

from digests.models import Follow

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "een-lang-testwachtwoord"


def tokens(response):
    return TOKEN.findall(response.content.decode())


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_every_form_of_a_page_has_the_same_token_and_it_validates(
    strict_client, member, leuven
):
    Follow.objects.create(user=member, theme=Tag.objects.create(name="groen"))
    theirs = Follow.objects.create(user=member, municipality=leuven)
    strict_client.force_login(member)

    found = tokens(strict_client.get("/account/"))

    # The follow list is rendered on its own, after the page's own forms.
    assert len(found) >= 3
    assert len(set(found)) == 1
    assert (
        _unmask_cipher_token(found[0])
        == strict_client.cookies[settings.CSRF_COOKIE_NAME].value
    )
    stop = f"/volgen/{theirs.pk}/stoppen/"
    assert strict_client.post(stop, {"next": "/account/"}).status_code == 403
    response = strict_client.post(
        stop, {"next": "/account/", "csrfmiddlewaretoken": found[0]}
    )
    assert response.status_code == 302
    assert not Follow.objects.filter(pk=theirs.pk).exists()


def test_after_login_a_page_has_a_token_of_the_new_secret(strict_client, member):
    before = tokens(strict_client.get("/account/aanmelden/"))[0]
    response = strict_client.post(
        "/account/aanmelden/",
        {"username": member.email, "password": PASSWORD, "csrfmiddlewaretoken": before},
    )
    assert response.status_code == 302

    after = tokens(strict_client.get("/account/"))[0]

    secret = strict_client.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(after) == secret != _unmask_cipher_token(before)


def test_a_rotated_secret_is_masked_anew_within_the_request():
    request = RequestFactory().get("/")
    template = Template("{% csrf_token %}")

    def token():
        return TOKEN.search(template.render(RequestContext(request))).group(1)

    first = token()
    assert token() == first
    rotate_token(request)
    rotated = token()

    assert rotated != first
    assert _unmask_cipher_token(rotated) == request.META["CSRF_COOKIE"]
    assert token() == rotated
