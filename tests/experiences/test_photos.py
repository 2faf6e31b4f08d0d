"""A member's photo is checked with Pillow and stored as a clean copy."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image as PILImage
from wagtail.images import get_image_model

from experiences import services
from experiences.models import Experience, ModerationStatus
from portal.storage import CleanFileSystemStorage
from tests.experiences.test_experiences import NEW, form_data
from tests.portal.test_uploads import FillsTheDisk

GPS_IFD = 0x8825


def jpeg_with_location(size=(64, 48)):
    image = PILImage.new("RGB", size, "#0b5c52")
    exif = PILImage.Exif()
    exif[0x010F] = "Telefoon"  # camera make
    exif[GPS_IFD] = {1: "N", 2: (51.0, 1.0, 40.0), 3: "E", 4: (4.0, 28.0, 50.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def png_claiming(width, height):
    """A PNG header claiming a huge size, without the pixels (never decoded)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def post_photo(client, name, content, content_type="image/jpeg", **fields):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    data = form_data(photo_alt="Buren aan een lange tafel", **fields)
    return client.post(NEW, {**data, "photo_upload": upload})


def test_a_photo_is_stored_without_its_location_under_a_name_we_choose(
    client, experiences_page, member
):
    client.force_login(member)
    response = post_photo(client, "../../x.jpg", jpeg_with_location())
    assert response.status_code == 302
    photo = Experience.objects.get().photo
    assert photo.file.name.startswith("original_images/ervaring-")
    assert ".." not in photo.file.name
    assert photo.collection.name == "Foto's van leden"
    with photo.open_file() as stored:
        image = PILImage.open(stored)
        assert image.format == "JPEG"
        assert image.size == (64, 48)
        assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "foto.jpg",
            b"<html><script>alert(1)</script></html>",
            "geen foto die we kunnen lezen",
        ),
        (
            "foto.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "geen foto die we kunnen lezen",
        ),
        ("groot.png", png_claiming(20_000, 20_000), "de grens is 40 megapixel"),
        ("zwaar.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "de grens is 10 MB"),
    ],
)
def test_what_is_not_a_small_enough_photo_is_refused(
    client, experiences_page, member, name, content, message
):
    client.force_login(member)
    response = post_photo(client, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Een burendag met soep" in page
    assert not Experience.objects.exists()


def test_a_gif_is_refused_by_its_content(client, experiences_page, member):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, format="GIF")
    client.force_login(member)
    response = post_photo(client, "foto.png", buffer.getvalue())
    assert "in GIF nemen we niet aan" in response.content.decode()


def test_a_photo_needs_a_description(client, experiences_page, member):
    client.force_login(member)
    upload = SimpleUploadedFile("foto.jpg", jpeg_with_location())
    response = client.post(NEW, {**form_data(photo_alt=""), "photo_upload": upload})
    assert "Beschrijf kort wat er op de foto staat" in response.content.decode()
    assert not Experience.objects.exists()


def test_a_new_photo_on_a_published_experience_waits_for_approval(
    client, experiences_page, member, editor
):
    client.force_login(member)
    post_photo(client, "eerste.jpg", jpeg_with_location())
    experience = Experience.objects.get()
    services.decide(experience, editor, services.Decision.APPROVE)
    first_photo = experience.photo

    upload = SimpleUploadedFile("tweede.jpg", jpeg_with_location((80, 60)))
    client.post(
        f"/ervaringen/{experience.pk}/bewerken/",
        {**form_data(photo_alt="Een andere foto"), "photo_upload": upload},
    )

    experience.refresh_from_db()
    assert experience.status == ModerationStatus.PENDING
    assert experience.photo == first_photo
    assert experience.photo_alt == "Buren aan een lange tafel"
    waiting = experience.get_latest_revision_as_object()
    assert waiting.photo != first_photo
    client.logout()
    assert (
        'alt="Een andere foto"'
        not in client.get(experience.get_absolute_url()).content.decode()
    )

    services.decide(experience, editor, services.Decision.APPROVE)
    experience.refresh_from_db()
    assert experience.photo == waiting.photo
    assert experience.photo_alt == "Een andere foto"


# A full disk (issue #10) ------------------------------------------------------------


def media_files(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # a disk of its own: other tests write too
    return tmp_path


def test_a_full_disk_refuses_the_photo_in_dutch_and_keeps_nothing(
    client, experiences_page, member, own_media, monkeypatch
):
    original_save = CleanFileSystemStorage._save

    def full_disk_save(self, name, content):
        return original_save(self, name, FillsTheDisk(b"", name=name))

    monkeypatch.setattr(CleanFileSystemStorage, "_save", full_disk_save)
    client.force_login(member)
    response = post_photo(client, "plein.jpg", jpeg_with_location())

    assert response.status_code == 507
    html = response.content.decode()
    assert "de opslag van de website is vol" in html
    assert "Een burendag met soep" in html  # what the member typed stays
    assert not Experience.objects.exists()
    assert not get_image_model().objects.exists()
    assert media_files(own_media) == []


def test_a_failure_after_the_photo_was_stored_leaves_no_file(
    client, experiences_page, member, own_media, monkeypatch
):
    def broken_revision(self, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Experience, "save_revision", broken_revision)
    client.force_login(member)
    with pytest.raises(DatabaseError):
        post_photo(client, "plein.jpg", jpeg_with_location())

    assert not Experience.objects.exists()
    assert not get_image_model().objects.exists()
    assert media_files(own_media) == []
