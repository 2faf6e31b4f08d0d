"""Erasure is complete: a person with a marker in every field leaves no trace.

The person is a member who applied, wrote (with photos, revisions and the
editors' history), reacted, reported, registered for a meeting, was named in the
mentor log, sent a contact message, asked for a password reset and has mail and
delivery tasks waiting. After the erasure the whole database is dumped (SQLite's
iterdump, or pg_dump on PostgreSQL) and the media folder read: the marker is
nowhere.
"""

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from experiences import services as experience_services
from experiences.factories import ExperienceFactory, ExperienceIndexPageFactory
from experiences.models import Experience, Reaction, Report
from experiences.photos import check_photo
from network.factories import MemberFactory, MembershipApplicationFactory
from network.models import MembershipApplication
from portal.erasure import erase_person
from portal.factories import ContactPageFactory
from portal.mail import queue_mail
from portal.models import ErasedIdentity, LoginEvent, OutgoingMail, identity_of
from trajectories.models import MentorContact

MARKER = "zq7vlinder"
EMAIL = f"{MARKER}@leuven.example"
PASSWORD = "een-lang-testwachtwoord"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def photo_upload(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    return check_photo(SimpleUploadedFile("foto.jpg", buffer.getvalue()))


def database_dump():
    """Every row of every table, as text."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    settings = connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        pytest.fail("pg_dump is needed to check an erasure on PostgreSQL.")
    return subprocess.run(  # noqa: S603 (a fixed program with our own arguments)
        [
            pg_dump,
            "--data-only",
            "--host",
            settings["HOST"] or "127.0.0.1",
            "--port",
            str(settings["PORT"] or 5432),
            "--username",
            settings["USER"],
            settings["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""},
    ).stdout


def media_hits(root):
    """Files under the media folder whose name or content holds the marker."""
    hits = []
    for path in Path(root).rglob("*"):
        if path.is_file() and (
            MARKER in path.name.lower() or MARKER.encode() in path.read_bytes().lower()
        ):
            hits.append(str(path))
    return hits


@pytest.fixture
def site(home_page, mechelen, leuven, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    experiences_page = home_page.add_child(
        instance=ExperienceIndexPageFactory.build(slug="ervaringen", title="Ervaringen")
    )
    experiences_page.save_revision().publish()
    return {
        "contact": ContactPageFactory(parent=home_page),
        "events": EventIndexPageFactory(parent=home_page),
        "editor": editor,
        "leuven": leuven,
    }


def a_person_everywhere(client, site, words=MARKER):
    """The marked person, in every place the portal keeps people; `words` marks
    what they wrote in their experience."""
    leuven = site["leuven"]
    person = MemberFactory(
        email=EMAIL,
        first_name=f"{MARKER.title()}",
        last_name=f"Van{MARKER}",
        password=PASSWORD,
        profile__municipality=leuven,
        profile__phone=f"0470 {MARKER}",
        profile__job_title=f"coördinator {MARKER}",
    )
    MembershipApplicationFactory(
        municipality=leuven,
        user=person,
        email=EMAIL,
        full_name=f"{MARKER} aanvrager",
        phone=f"016 {MARKER}",
        job_title=MARKER,
        motivation=f"Motivatie van {MARKER}",
        neighbourhoods=MARKER,
        housing_partner=MARKER,
        decision_note=f"Notitie van de redactie over {MARKER}",
    )
    # Written twice, each time with a new photo, published by an editor: two
    # revisions, two photos with renditions, the admin history.
    experience = ExperienceFactory(
        author=person,
        title=f"Soep van {words}",
        summary=f"Samenvatting {words}",
        body=f"Tekst van {words}",
        photo_alt=f"foto van {words}",
        publish=True,
        publish__by=site["editor"],
    )
    experience = experience.get_latest_revision_as_object()
    experience.body = f"Nieuwe tekst van {words}"
    experience_services.save_experience(
        experience, person, submit=True, photo=photo_upload("#0b5c52")
    )
    experience_services.save_experience(
        Experience.objects.get(pk=experience.pk).get_latest_revision_as_object(),
        person,
        submit=True,
        photo=photo_upload("#5c0b0b"),
    )
    photos = list(get_image_model().objects.filter(uploaded_by_user=person))
    for photo in photos:
        photo.get_rendition("fill-480x270")
    other = ExperienceFactory(
        author__profile__municipality=site["leuven"], publish=True
    ).author
    their_experience = other.experiences.get()
    experience_services.add_reaction(their_experience, person, f"Reactie {MARKER}")
    experience_services.report(their_experience, person, f"Melding {MARKER}")

    event = EventPageFactory(parent=site["events"])
    Registration.objects.create(
        event=event,
        user=person,
        name=f"{MARKER} deelnemer",
        email=EMAIL,
        organisation=f"Gemeente {MARKER}",
        consent_given_at=event.start,
        consent_version="2026-01",
    )
    MentorContact.objects.create(
        municipality=leuven,
        date=date(2026, 3, 1),
        topics=f"Gesprek met {person.get_full_name()} over de start",
        agreements=f"Stuurt het plan naar {EMAIL}",
        recorded_by=site["editor"],
    )
    # Their session and login history; a password reset and a contact message,
    # with mail waiting in the database queue.
    assert (
        client.post(
            "/account/aanmelden/", {"username": EMAIL, "password": PASSWORD}
        ).status_code
        == 302
    )
    with override_settings(TASKS=DB_TASKS):
        client.post("/account/wachtwoord-vergeten/", {"email": EMAIL})
        client.post(
            site["contact"].url,
            {
                "naam": f"{MARKER} afzender",
                "e_mailadres": EMAIL,
                "organisatie": f"Gemeente {MARKER}",
                "onderwerp": "Aansluiten bij het netwerk",
                "bericht": f"Vraag van {MARKER}",
                "privacy": "on",
            },
            REMOTE_ADDR="192.0.2.77",
        )
        queue_mail(f"Welkom {MARKER}", f"Dag {MARKER}", [EMAIL])
    failed = OutgoingMail.objects.filter(recipients=EMAIL).first()
    failed.state = OutgoingMail.State.FAILED
    failed.last_error = f"550 {EMAIL} unknown"
    failed.save()
    return person, experience, photos


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_erased_person_leaves_no_trace_in_the_database_or_media(client, site):
    person, experience, photos = a_person_everywhere(client, site)
    dump = database_dump().lower()
    assert dump.count(MARKER) > 30  # the marker really is everywhere
    assert Session.objects.exists()
    assert LoginEvent.objects.filter(user=person).exists()
    files = [Path(photo.file.path) for photo in photos]
    files += [Path(r.file.path) for photo in photos for r in photo.renditions.all()]
    assert files and all(path.exists() for path in files)

    counts = erase_person(user=person, experiences="remove")

    assert counts["accounts"] == 1
    assert dump_hits() == []
    assert media_hits(site_media()) == []
    assert not any(path.exists() for path in files)
    assert not Session.objects.exists()
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not MembershipApplication.objects.exists()
    assert not Reaction.objects.exists() and not Report.objects.exists()
    assert not Experience.objects.filter(pk=experience.pk).exists()
    # What other people wrote stays.
    assert Experience.objects.count() == 1
    assert "de start" in MentorContact.objects.get().topics
    # Only a hash of the address stays, for restores.
    assert ErasedIdentity.objects.get().identity == identity_of(EMAIL)


def site_media():
    from django.conf import settings

    return settings.MEDIA_ROOT


def dump_hits():
    dump = database_dump()
    return [line[:200] for line in dump.splitlines() if MARKER in line.lower()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kept_experience_stays_as_a_former_member_of_the_municipality(client, site):
    person, experience, photos = a_person_everywhere(client, site, words="het plein")
    experience_services.decide(
        Experience.objects.get(pk=experience.pk),
        site["editor"],
        experience_services.Decision.APPROVE,
    )
    kept = Experience.objects.get(pk=experience.pk)
    kept_text = kept.body

    erase_person(user=person, experiences="anonymise")

    kept.refresh_from_db()
    assert kept.author is None and kept.live
    assert kept.body == kept_text  # the member chose to leave their words
    assert kept.revisions.count() == 1  # earlier versions went
    page = client.get(kept.get_absolute_url()).content.decode()
    assert "een voormalig lid van Leuven" in page
    assert MARKER.title() not in page
    # The photo online stays; the earlier one goes.
    assert get_image_model().objects.filter(pk=kept.photo_id).exists()
    assert get_image_model().objects.filter(pk__in=[p.pk for p in photos]).count() == 1
    # Nothing else of the person is left.
    assert dump_hits() == []


def test_reapply_erasures_erases_again_who_a_tombstone_file_lists(
    leuven, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PORTAL_TOMBSTONE_FILE = str(tmp_path / "tombstones.json")
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=MemberFactory(email=EMAIL, profile__municipality=leuven))
    listed = (tmp_path / "tombstones.json").read_text()
    assert identity_of(EMAIL) in listed and MARKER not in listed
    # An older backup brings them back...
    ErasedIdentity.objects.all().delete()
    MemberFactory(email=EMAIL, profile__municipality=leuven)
    MembershipApplicationFactory(municipality=leuven, email=EMAIL)
    out = io.StringIO()
    call_command("reapply_erasures", str(tmp_path / "tombstones.json"), stdout=out)
    assert "1 people found" in out.getvalue()
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not MembershipApplication.objects.exists()
    assert ErasedIdentity.objects.filter(identity=identity_of(EMAIL)).exists()


def test_a_damaged_tombstone_file_is_refused(tmp_path, db):
    (tmp_path / "tombstones.json").write_text('{"format": "iets anders"}')
    with pytest.raises(CommandError, match="not a tombstone list"):
        call_command("reapply_erasures", str(tmp_path / "tombstones.json"))


def test_an_editor_erases_a_person_from_the_admin(client, editor, leuven, member):
    MembershipApplicationFactory(municipality=leuven, email="aanvrager@leuven.example")
    client.force_login(editor)
    url = "/admin/persoon-wissen/"
    response = client.post(
        url, {"email": "aanvrager@leuven.example", "experiences": "remove"}
    )
    assert "Bevestig dat je deze persoon wil wissen." in response.content.decode()
    assert MembershipApplication.objects.exists()
    response = client.post(
        url, {"email": editor.email, "experiences": "remove", "confirm": "on"}
    )
    assert "Neem eerst de rechten af" in response.content.decode()
    response = client.post(
        url,
        {"email": "Aanvrager@Leuven.example", "experiences": "remove", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()
    assert ErasedIdentity.objects.filter(
        identity=identity_of("aanvrager@leuven.example")
    ).exists()
    # Members never reach it.
    client.force_login(member)
    assert client.get(url).status_code in (302, 403)
