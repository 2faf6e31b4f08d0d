"""The demo gives its members a few follows and a frequency."""

import io

import pytest
from django.core.management import call_command

from digests.models import DigestPreference, Follow


@pytest.mark.django_db
def test_demo_members_follow_something(demo, client):
    follows = Follow.objects.filter(user__email="lid@pleinmakers.example")
    labels = {follow.label() for follow in follows}
    assert "Thema ‘burendag’" in labels
    assert "Nieuwe activiteiten in de agenda" in labels
    assert DigestPreference.objects.filter(user__email="lid@pleinmakers.example")
    count = Follow.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Follow.objects.count() == count
    client.force_login(follows.first().user)
    assert "Thema ‘burendag’" in client.get("/account/").content.decode()
