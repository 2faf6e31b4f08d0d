"""Editors: a preview of any member's next digest, the last run, the pause, bounces."""

import pytest
from django.core import mail
from taggit.models import Tag

from digests import sending
from digests.models import Bounce, DigestSettings, Follow
from tests.digests.conftest import week_later

PREVIEW = "/admin/digests/voorbeeld/"


@pytest.mark.django_db
def test_preview_shows_the_next_digest_without_personal_data(
    client, editor, member, make_experience
):
    Follow.objects.create(
        user=member, theme=Tag.objects.get_or_create(slug="groen", name="groen")[0]
    )
    make_experience(title="Groen in de wijk", themes=["groen"])
    client.force_login(editor)
    page = client.get(PREVIEW, {"lid": member.pk}).content.decode()
    assert "Groen in de wijk" in page
    assert "Lien Lid (Mechelen)" in page
    assert member.email not in page
    # No working unsubscribe or settings link for the editor to use.
    assert "/volgen/afmelden/" not in page
    assert "/volgen/instellingen/" not in page


@pytest.mark.django_db
def test_preview_is_for_editors_only(client, member):
    client.force_login(member)
    response = client.get(PREVIEW, {"lid": member.pk})
    assert response.status_code in (302, 403)
    assert "Lien" not in response.content.decode()


@pytest.mark.django_db
def test_dashboard_shows_the_last_runs_counts(client, editor, member, make_experience):
    Follow.objects.create(
        user=member, theme=Tag.objects.get_or_create(slug="groen", name="groen")[0]
    )
    make_experience(themes=["groen"])
    sending.send_digests(now=week_later())
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "verstuurd: 1" in page
    assert "overgeslagen, niets nieuws: 1" in page  # the writer
    assert "niet verstuurd, adres onbereikbaar: 0" in page


@pytest.mark.django_db
def test_editors_pause_every_digest(client, editor, member, make_experience, home_page):
    Follow.objects.create(
        user=member, theme=Tag.objects.get_or_create(slug="groen", name="groen")[0]
    )
    make_experience(themes=["groen"])
    client.force_login(editor)
    url = f"/admin/settings/digests/digestsettings/{home_page.get_site().pk}/"
    response = client.post(url, {"paused": "on"})
    assert response.status_code == 302
    assert DigestSettings.for_site(home_page.get_site()).paused
    assert "Alle digests staan op pauze." in client.get("/admin/").content.decode()
    mail.outbox.clear()
    assert sending.send_digests(now=week_later()) is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_editors_record_a_bounce(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/digests/bounce/add/",
        {"email": "Weg@Voorbeeld.be", "hard": "on", "note": "550 unknown user"},
    )
    assert response.status_code == 302
    assert Bounce.objects.get().email == "weg@voorbeeld.be"


@pytest.mark.django_db
def test_the_command_records_a_bounce():
    from django.core.management import call_command

    for _n in range(3):
        call_command("record_bounce", "x@voorbeeld.be", stdout=None)
    assert Bounce.objects.blocked_addresses() == {"x@voorbeeld.be"}
