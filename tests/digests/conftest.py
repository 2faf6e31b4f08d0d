from datetime import timedelta

import pytest
from django.utils import timezone

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from experiences.factories import ExperienceFactory
from network.factories import MemberFactory
from tests.events.helpers import publish


@pytest.fixture
def practices_page(home_page):
    page = CaseStudyIndexPageFactory.build()
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def agenda(home_page):
    page = EventIndexPageFactory.build()
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_event(agenda):
    def make(**fields):
        start = timezone.now() + timedelta(days=20)
        fields = {"start": start, "end": start + timedelta(hours=2), **fields}
        page = EventPageFactory.build(**fields)
        agenda.add_child(instance=page)
        return publish(page)

    return make


@pytest.fixture
def make_practice(practices_page):
    def make(**fields):
        themes = fields.pop("themes", [])
        page = CaseStudyPageFactory.build(**fields)
        practices_page.add_child(instance=page)
        page.themes.set(themes)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def writer(hasselt, editor):
    """Another member, who writes what `member` follows."""
    return MemberFactory(
        email="schrijver@hasselt.example",
        first_name="Sam",
        last_name="Schrijver",
        profile__municipality=hasselt,
    )


@pytest.fixture
def make_experience(experiences_page, writer, editor):
    def make(**fields):
        fields = {"author": writer, "publish": True, "publish__by": editor, **fields}
        return ExperienceFactory(**fields)

    return make


def week_later():
    """A moment whose weekly period holds everything published just now."""
    return timezone.now() + timedelta(days=7)
