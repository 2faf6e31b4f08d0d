import pytest

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from network.models import MembershipStatus, Municipality


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def municipality():
    """Look a municipality up by name: municipality("Genk")."""

    def get(name):
        return Municipality.objects.get(name=name)

    return get


@pytest.fixture
def practice(index, municipality):
    """Create a published practice below the index: practice(title=..., ...)."""

    def make(municipality_name="Mechelen", themes=(), **fields):
        town = municipality(municipality_name)
        if fields.get("label") == "gedeeld":
            # Only a member's practice may say so: the publish rule checks it.
            town.membership_status = MembershipStatus.MEMBER
            town.save(update_fields=["membership_status"])
        page = CaseStudyPageFactory(
            parent=index,
            municipality=town,
            themes=list(themes),
            **fields,
        )
        # Publish the way an editor does, so caches hear about it.
        page.save_revision().publish()
        return page

    return make


def get_content(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


CATALOGUE = [
    # title, municipality, status, label, start year, themes
    ("Buurtkamers", "Genk", "lopend", "gedeeld", 2023, ["diversiteit", "jongeren"]),
    ("Zilveren buren", "Bree", "in-voorbereiding", "gedeeld", 2026, ["senioren"]),
    (
        "Burendagen",
        "Kortrijk",
        "afgerond",
        "gevalideerd",
        2019,
        ["burendag", "jongeren"],
    ),
    ("Hoogbouw", "Gent", "lopend", "gedeeld", 2021, ["diversiteit"]),
    ("Dorpsplein", "Glabbeek", "lopend", "gedeeld", 2022, ["groen"]),
    ("Stadspark", "Turnhout", "gestopt", "gevalideerd", 2018, ["groen", "jongeren"]),
]


@pytest.fixture
def catalogue(practice):
    """Six practices across the provinces, size bands, statuses and labels."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    pages = {}
    for number, (title, town, status, label, year, themes) in enumerate(CATALOGUE):
        published = now - timedelta(days=len(CATALOGUE) - number)
        pages[title] = practice(
            town,
            themes=themes,
            title=title,
            slug=title.lower().replace(" ", "-"),
            status=status,
            label=label,
            start_year=year,
            first_published_at=published,
            last_published_at=published,
        )
    return pages


def titles(response):
    return [page.title for page in response.context["practices"]]
