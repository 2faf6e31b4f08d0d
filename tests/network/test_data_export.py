"""'Download my data' is complete: JSON, a ZIP with the original photos, HTML."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from experiences import services as experience_services
from experiences.factories import ExperienceFactory, ExperienceIndexPageFactory
from experiences.photos import check_photo
from network.factories import MembershipApplicationFactory
from portal.factories import ContactPageFactory
from portal.models import ContactSubmission

PASSWORD = "een-lang-testwachtwoord"


def photo(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 20), colour).save(buffer, format="PNG")
    return check_photo(SimpleUploadedFile("foto.png", buffer.getvalue()))


@pytest.fixture
def active_member(
    client, home_page, member, colleague, editor, mechelen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = ExperienceIndexPageFactory.build(slug="ervaringen", title="Ervaringen")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    MembershipApplicationFactory(
        municipality=mechelen, user=member, email=member.email, full_name="Lien Lid"
    )
    experience = ExperienceFactory(
        author=member, title="Soep op het plein", publish=True, publish__by=editor
    )
    latest = experience.get_latest_revision_as_object()
    latest.body = "Tweede versie, met <b>vet</b>."
    experience_services.save_experience(latest, member, submit=True, photo=photo("red"))
    theirs = ExperienceFactory(author=colleague, publish=True, publish__by=editor)
    experience_services.add_reaction(theirs, member, "Mooi gedaan!")
    experience_services.report(theirs, member, "Dit hoort hier niet.")
    ContactSubmission.objects.create(
        page=ContactPageFactory(parent=home_page),
        form_data={"naam": "Lien", "e_mailadres": "LID@gemeente.example"},
    )
    ContactSubmission.objects.create(
        page=home_page.get_children().type(ContactPageFactory._meta.model).get(),
        form_data={"naam": "Iemand", "e_mailadres": "iemand@elders.example"},
    )
    response = client.post(
        "/account/aanmelden/",
        {"username": member.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.8",
        HTTP_USER_AGENT="Testbrowser/1.0",
    )
    assert response.status_code == 302
    return member


def test_the_json_holds_every_part_of_the_member(client, active_member):
    data = client.get("/account/mijn-gegevens.json").json()
    assert data["account"]["email"] == active_member.email
    assert data["profile"]["municipality"] == "Mechelen"
    assert data["applications"][0]["full_name"] == "Lien Lid"
    assert data["consents"][0]["given_at"]
    (experience,) = data["experiences"]
    assert len(experience["revisions"]) >= 2
    assert experience["revisions"][-1]["body"] == "Tweede versie, met <b>vet</b>."
    assert experience["revisions"][-1]["photo"].startswith("fotos/ervaring-")
    assert data["reactions"][0]["body"] == "Mooi gedaan!"
    assert data["reports_made"][0]["reason"] == "Dit hoort hier niet."
    assert [m["naam"] for m in data["contact_messages"]] == ["Lien"]
    assert data["login_history"][0]["ip_address"] == "192.0.2.8"
    assert data["login_history"][0]["browser"] == "Testbrowser/1.0"
    text = json.dumps(data)
    assert "iemand@elders.example" not in text
    assert "collega@leuven.example" not in text


def test_the_zip_holds_json_html_and_the_original_photos(client, active_member):
    response = client.get("/account/mijn-gegevens.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert {"mijn-gegevens.json", "mijn-gegevens.html"} <= set(names)
    (photo_name,) = [name for name in names if name.startswith("fotos/")]
    image = active_member.experiences.get().get_latest_revision_as_object().photo
    with image.file.open("rb") as original:
        assert archive.read(photo_name) == original.read()
    data = json.loads(archive.read("mijn-gegevens.json"))
    assert data["experiences"][0]["revisions"][-1]["photo"] == photo_name


def test_the_html_is_readable_and_escapes_what_members_typed(client, active_member):
    page = client.get("/account/mijn-gegevens/").content.decode()
    assert "Ervaringen (met alle versies)" in page
    assert "Meldingen die je deed" in page
    assert "Aanmeldingen" in page
    assert "<b>vet</b>" not in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page


def test_only_a_logged_in_member_gets_their_data(client, db):
    for url in ("/account/mijn-gegevens.zip", "/account/mijn-gegevens/"):
        assert client.get(url).status_code == 302
