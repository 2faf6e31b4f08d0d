"""The restore drill: back up a living site, restore it elsewhere, compare.

The demo plus a member's activity is backed up, restored into a new database and
a new media folder, and the restored site must answer exactly like the original:
every public page of the sitemap (tokens normalised), five searches, every
document download, and a member's login. It runs on SQLite and, in CI, on
PostgreSQL (the test database's server gets a second database for the restore).
"""

import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from experiences.factories import ExperienceFactory
from experiences.models import Experience, Reaction
from network.factories import MemberFactory
from network.models import MembershipApplication, MembershipStatus, Municipality
from portal.continuity.pages import Visitor, body, sitemap_urls
from portal.erasure import erase_person
from portal.factories import EditorFactory
from portal.formtokens import new_token
from portal.models import ContactPage, ContactSubmission, ToolkitDocument

from .conftest import fresh_site

PASSWORD = "een-lang-drillwachtwoord"
SEARCHES = ["pleinmakers", "burendag", "Woonpunt", "huurbijdrage", "soep"]
# What legitimately differs between two renders of the same page.
VOLATILE = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1CSRF"),
    (re.compile(r'(nonce=")[^"]*'), r"\1NONCE"),
    (re.compile(r'(name="form_token" value=")[^"]*'), r"\1TOKEN"),
]


def normalised_hash(html):
    text = html.decode()
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return hashlib.sha256(text.encode()).hexdigest()


def member_activity():
    """A member approved into the network, their published experience with a
    reaction, a join application and a contact message, the way visitors make
    them."""
    leuven = Municipality.objects.get(nis_code="24062")
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    member = MemberFactory(
        email="drill@leuven.example",
        first_name="Dries",
        last_name="Drill",
        password=PASSWORD,
        profile__municipality=leuven,
    )
    experience = ExperienceFactory(
        author=member,
        title="Soep op het plein in Leuven",
        summary="Een pot soep bracht de buren van het plein samen.",
        body="We zetten **één grote pot** soep op het plein.",
        themes=["burendag"],
        publish=True,
        publish__by=EditorFactory(email="drill-redactie@mechelen.example"),
    )
    client = Visitor()
    assert client.login(email=member.email, password=PASSWORD)
    response = client.post(
        f"{experience.get_absolute_url().rsplit('/', 2)[0]}/{experience.pk}/reageren/",
        {"body": "Dat proberen wij ook, bedankt voor de tip!"},
    )
    assert response.status_code == 302
    client.logout()

    zonnebeke = Municipality.objects.get(slug="zonnebeke")
    response = client.post(
        "/netwerk/aansluiten/",
        {
            "municipality": str(zonnebeke.pk),
            "full_name": "Joris Claes",
            "job_title": "Beleidsmedewerker samenleven",
            "email": "joris.claes@zonnebeke.example",
            "phone": "051 00 00 00",
            "motivation": "We willen pleinmakers in onze sociale woonwijk.",
            "neighbourhoods": "Centrum",
            "housing_partner": "Woonpunt Zennevallei",
            "consent": "on",
            "website": "",
            "form_token": new_token(),
        },
    )
    assert response.status_code == 302
    contact = ContactPage.objects.live().get()
    response = client.post(
        contact.url,
        {
            "naam": "An Peeters",
            "e_mailadres": "an.peeters@gemeente.example",
            "organisatie": "Gemeente Voorbeeld",
            "onderwerp": "Vraag over pleinmakers",
            "bericht": "Hoe rekenen jullie de huurbijdrage uit?",
            "privacy": "on",
            "form_token": new_token(),
        },
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 200
    assert Reaction.objects.filter(experience=experience).count() == 1
    assert MembershipApplication.objects.filter(full_name="Joris Claes").exists()
    assert ContactSubmission.objects.filter(page=contact).count() == 1
    return member, experience


def snapshot_of_the_site():
    """What a visitor gets: {url: hash} for pages, searches and documents."""
    client = Visitor()
    urls = sitemap_urls(client)
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = normalised_hash(body(response))
    searches = {}
    for query in SEARCHES:
        response = client.get("/zoeken/", {"q": query})
        assert response.context["total"] > 0, query
        searches[query] = normalised_hash(body(response))
    documents = {}
    for document in ToolkitDocument.objects.order_by("pk"):
        response = client.get(document.url)
        assert response.status_code == 200, document.url
        documents[document.url] = hashlib.sha256(body(response)).hexdigest()
    return {"pages": pages, "searches": searches, "documents": documents}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_serves_the_same_site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    call_command("load_demo", stdout=io.StringIO())
    member, experience = member_activity()
    before = snapshot_of_the_site()
    assert experience.get_absolute_url() in " ".join(before["pages"])
    assert len(before["documents"]) >= 5
    backup = tmp_path / "drill.tar.zst"
    call_command("backup_site", str(backup), stdout=io.StringIO())

    with fresh_site(tmp_path / "restored"):
        call_command("restore_site", str(backup), stdout=io.StringIO())
        after = snapshot_of_the_site()
        assert Experience.objects.get(pk=experience.pk).reactions.count() == 1

        client = Visitor()
        response = client.post(
            "/account/aanmelden/", {"username": member.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert "Dries" in client.get("/account/").content.decode()

    assert after["pages"].keys() == before["pages"].keys()
    changed = [
        url for url in before["pages"] if after["pages"][url] != before["pages"][url]
    ]
    assert changed == []
    assert after["searches"] == before["searches"]
    assert after["documents"] == before["documents"]

    # The member deletes their account after the backup, keeping their
    # experience online. A restore of that backup must not bring them back.
    settings.PORTAL_TOMBSTONE_FILE = str(tmp_path / "tombstones.json")
    erase_person(user=member, experiences="anonymise")
    with fresh_site(tmp_path / "restored-after-erasure"):
        out = io.StringIO()
        call_command("restore_site", str(backup), stdout=out)
        assert "1 people found and erased again" in out.getvalue()
        assert not get_user_model().objects.filter(email=member.email).exists()
        kept = Experience.objects.get(pk=experience.pk)
        assert kept.author is None and kept.live
        assert not Reaction.objects.filter(author_id=member.pk).exists()
        page = Visitor().get(kept.get_absolute_url()).content.decode()
        assert "een voormalig lid van Leuven" in page
        assert "Dries" not in page
        response = Visitor().post(
            "/account/aanmelden/", {"username": member.email, "password": PASSWORD}
        )
        assert response.status_code == 200  # refused: the account is gone
