import io

import pytest
from django.core.management import call_command

from network.models import (
    MemberProfile,
    MembershipApplication,
    MembershipStatus,
    Municipality,
    NetworkIndexPage,
)

pytestmark = pytest.mark.django_db


def test_demo_has_the_mentor_members_and_an_open_application(demo):
    mechelen = Municipality.objects.get(nis_code="12025")
    assert mechelen.membership_status == MembershipStatus.MENTOR
    assert set(mechelen.neighbourhoods.values_list("name", flat=True)) == {
        "Oud-Oefenplein",
        "Otterbeek",
        "Bethaniëpolder",
        "Mahatma Gandhi",
    }
    # Three members and the mentor; the trajectories demo adds two members.
    assert Municipality.objects.members().count() == 6
    assert MembershipApplication.objects.open().exists()
    assert MemberProfile.objects.filter(user__email="lid@pleinmakers.example").exists()
    assert "lid@pleinmakers.example" in demo
    assert NetworkIndexPage.objects.live().get().url == "/netwerk/"


def test_demo_loads_twice_without_changes(demo):
    counts = (
        MemberProfile.objects.count(),
        MembershipApplication.objects.count(),
        NetworkIndexPage.objects.count(),
    )
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert " + " not in output.getvalue()
    assert counts == (
        MemberProfile.objects.count(),
        MembershipApplication.objects.count(),
        NetworkIndexPage.objects.count(),
    )
