"""Issue #17: the member's dashboard (`/account/`) costs at most 12 + 2 queries,
warm and cold (`cache_state`), and as many for a member with a little as for
one with much: each panel of each app reads from the profile's one query."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from taggit.models import Tag

from digests.models import DigestPreference, Follow, Frequency
from experiences.factories import ExperienceFactory
from network.factories import MemberFactory
from network.models import Neighbourhood
from tests.helpers import count_queries
from trajectories.models import MentorContact

# A member page: a public page's 12 and the member's session and account.
MEMBER_PAGE_BUDGET = 14


def add_to_every_panel(member):
    """More of what each panel lists: experiences (a second page), colleagues,
    neighbourhoods, mentor agreements, follows and a digest frequency."""
    municipality = member.member_profile.municipality
    for number in range(12):
        ExperienceFactory(author=member, title=f"Nog een ervaring {number:02d}")
    for number in range(3):
        MemberFactory(
            email=f"collega{number}@pleinmakers.example",
            profile__municipality=municipality,
        )
    for name in ("Noordwijk", "Zuidwijk", "Westwijk"):
        Neighbourhood.objects.create(municipality=municipality, name=name)
    today = timezone.localdate()
    for days in (-3, -2, 4):
        MentorContact.objects.create(
            municipality=municipality,
            topics="Opvolging",
            agreements="Verslag sturen",
            due_date=today + timedelta(days=days),
        )
    for name in ("Moestuin", "Speelstraat"):
        Follow.objects.create(user=member, theme=Tag.objects.create(name=name))
    DigestPreference.objects.update_or_create(
        user=member, defaults={"frequency": Frequency.DAILY}
    )


def test_the_dashboard_costs_the_same_whatever_the_member_has(
    client, demo, cache_state
):
    member = get_user_model().objects.get(email="lid@pleinmakers.example")
    client.force_login(member)
    little = count_queries(client, "/account/")

    add_to_every_panel(member)
    much = count_queries(client, "/account/")

    assert much == little
    assert much <= MEMBER_PAGE_BUDGET


def test_the_dashboard_shows_what_its_one_query_read(client, demo):
    member = get_user_model().objects.get(email="lid@pleinmakers.example")
    add_to_every_panel(member)
    open_agreements = MentorContact.objects.filter(
        municipality=member.member_profile.municipality,
        agreement_done=False,
        due_date__isnull=False,
    )
    today = timezone.localdate()
    client.force_login(member)

    html = client.get("/account/").content.decode()

    assert "Noordwijk, Westwijk, Zuidwijk" in html
    assert 'href="?page=2"' in html
    overdue = open_agreements.filter(due_date__lt=today).count()
    upcoming = open_agreements.filter(due_date__gte=today).count()
    assert f"{overdue} afspraken met verstreken termijn" in html
    assert f"{upcoming} lopende afspra" in html
    assert "Moestuin" in html and "Speelstraat" in html
    assert f"E-mail over wat je volgt: {Frequency.DAILY.label}" in html
