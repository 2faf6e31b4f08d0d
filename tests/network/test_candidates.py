"""The site never announces who applied: a municipality shows as *kandidaat*
only after an editor takes its application up for review."""

from importlib import import_module

import pytest
from django.apps import apps
from wagtail.models import ModelLogEntry

from network.models import ApplicationStatus, MembershipApplication, MembershipStatus
from tests.network.conftest import JOIN_URL
from tests.network.test_review import decide

pytestmark = pytest.mark.django_db

CANDIDATES = "/netwerk/?lidmaatschap=kandidaat"


@pytest.fixture
def directory(home_page):
    from network.factories import NetworkIndexPageFactory

    return NetworkIndexPageFactory(parent=home_page, slug="netwerk", title="Netwerk")


def shows_as_candidate(client, municipality):
    listing = client.get(CANDIDATES).content.decode()
    page = client.get(f"/netwerk/{municipality.slug}/").content.decode()
    return (
        f">{municipality.name}</a>" in listing.split('id="network-map-caption"')[-1]
        or f"{municipality.name}: kandidaat" in listing
        or "status-badge--kandidaat" in page
    )


def test_applying_shows_nothing_until_an_editor_takes_it_up(
    client, directory, editor, hasselt, join_data
):
    assert client.post(JOIN_URL, join_data).status_code == 302
    hasselt.refresh_from_db()
    assert hasselt.membership_status == MembershipStatus.NONE
    assert not shows_as_candidate(client, hasselt)

    client.force_login(editor)
    application = MembershipApplication.objects.get()
    inspect = client.get(
        f"/admin/snippets/network/membershipapplication/inspect/{application.pk}/"
    ).content.decode()
    assert 'value="review"' in inspect
    decide(client, application, "review")
    client.logout()

    application.refresh_from_db()
    hasselt.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert hasselt.membership_status == MembershipStatus.CANDIDATE
    assert shows_as_candidate(client, hasselt)
    assert ModelLogEntry.objects.get(action="network.application.review").user == editor


def test_an_application_in_review_can_still_be_approved_or_rejected(
    client, editor, application, hasselt
):
    client.force_login(editor)
    decide(client, application, "review")
    decide(client, application, "reject", "Geen lokaal bestuur.")
    application.refresh_from_db()
    hasselt.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert hasselt.membership_status == MembershipStatus.NONE


def test_members_cannot_take_an_application_up(client, member, application, hasselt):
    client.force_login(member)
    decide(client, application, "review")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_migration_hides_candidates_nobody_reviewed(hasselt, leuven, application):
    """Hasselt became a candidate by the form alone; Leuven was set by an editor."""
    hasselt.membership_status = MembershipStatus.CANDIDATE
    hasselt.save()
    leuven.membership_status = MembershipStatus.CANDIDATE
    leuven.save()
    migration = import_module("network.migrations.0008_candidates_only_after_review")
    migration.hide_unreviewed_candidates(apps, None)
    hasselt.refresh_from_db()
    leuven.refresh_from_db()
    assert hasselt.membership_status == MembershipStatus.NONE
    assert leuven.membership_status == MembershipStatus.CANDIDATE
