"""The recommended order ('aanbevolen') is stored on each practice
(`listing_order`) so the list's first page comes from an index: it must stay
what the sort says after every change that moves a practice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from network.models import MembershipStatus
from tests.casestudies.conftest import titles

URL = "/praktijkvoorbeelden/"


@pytest.fixture
def ordered(practice, mechelen):
    """Practices published a day apart (Genk's the newest), one of them Mechelen's
    (the mentor), one a demo example."""
    now = timezone.now()
    pages = {}
    for days, (title, town) in enumerate(
        [
            ("Genk nieuw", "Genk"),
            ("Voorbeeld", "Gent"),
            ("Bree", "Bree"),
            ("Mechelen oud", "Mechelen"),
            ("Gent oud", "Gent"),
        ]
    ):
        published = now - timedelta(days=days)
        pages[title] = practice(
            town,
            title=title,
            slug=title.lower().replace(" ", "-"),
            first_published_at=published,
            last_published_at=published,
        )
    CaseStudyPage.objects.filter(pk=pages["Voorbeeld"].pk).update(is_example=True)
    pages["Voorbeeld"].refresh_from_db()
    pages["Voorbeeld"].save_revision().publish()
    return pages


def expected_order():
    """The sort as the rule says it, computed in Python from the practices."""
    practices = CaseStudyPage.objects.live().select_related("municipality")
    return [
        practice.title
        for practice in sorted(
            practices,
            key=lambda p: (
                p.municipality.membership_status != MembershipStatus.MENTOR,
                p.is_example,
                -p.first_published_at.timestamp(),
                -p.pk,
            ),
        )
    ]


def test_the_list_follows_mentor_then_real_then_newest(client, ordered):
    assert (
        titles(client.get(URL))
        == expected_order()
        == [
            "Mechelen oud",
            "Genk nieuw",
            "Bree",
            "Gent oud",
            "Voorbeeld",
        ]
    )


def test_a_new_publication_and_a_move_to_the_mentor_keep_the_order(
    client, ordered, practice, municipality
):
    practice("Hasselt", title="Hasselt vandaag", slug="hasselt-vandaag")
    moved = ordered["Gent oud"]
    moved.municipality = municipality("Mechelen")
    moved.save_revision().publish()
    assert titles(client.get(URL)) == expected_order()
    first = ["Mechelen oud", "Gent oud", "Hasselt vandaag"]
    assert titles(client.get(URL))[:3] == first


@pytest.mark.parametrize("update_fields", [None, ["membership_status"]])
def test_a_municipality_that_becomes_or_stops_being_mentor_moves_its_practices(
    client, ordered, municipality, update_fields
):
    genk = municipality("Genk")
    genk.membership_status = MembershipStatus.MENTOR
    genk.save(update_fields=update_fields)
    assert titles(client.get(URL))[:2] == ["Genk nieuw", "Mechelen oud"]

    genk.membership_status = MembershipStatus.MEMBER
    genk.save(update_fields=update_fields)
    assert titles(client.get(URL)) == expected_order()
    assert titles(client.get(URL))[:2] == ["Mechelen oud", "Genk nieuw"]


def test_unpublish_and_publish_again_keeps_the_place(client, ordered):
    bree = ordered["Bree"]
    bree.unpublish()
    assert "Bree" not in titles(client.get(URL))
    bree.refresh_from_db()
    bree.save_revision().publish()
    assert titles(client.get(URL)) == expected_order()
    assert titles(client.get(URL))[2] == "Bree"


def test_a_practice_with_its_own_restriction_or_below_a_private_index_is_hidden(
    client, ordered, index
):
    restriction = PageViewRestriction.objects.create(
        page=ordered["Bree"], restriction_type=PageViewRestriction.LOGIN
    )
    listed = set(index.practices().values_list("title", flat=True))
    assert listed == set(ordered) - {"Bree"}
    restriction.delete()

    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    assert not index.practices().exists()
