import pytest

from network.factories import (
    ExperienceFactory,
    ExperienceIndexPageFactory,
    MemberFactory,
    MembershipApplicationFactory,
    NetworkIndexPageFactory,
)
from network.models import MembershipStatus, Municipality
from portal.factories import EditorFactory

JOIN_URL = "/netwerk/aansluiten/"


@pytest.fixture
def network_page(home_page):
    page = NetworkIndexPageFactory.build(slug="netwerk", title="Netwerk")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def mechelen(db):
    municipality = Municipality.objects.get(nis_code="12025")
    municipality.membership_status = MembershipStatus.MENTOR
    municipality.save()
    return municipality


@pytest.fixture
def leuven(db):
    return Municipality.objects.get(nis_code="24062")


@pytest.fixture
def hasselt(db):
    return Municipality.objects.get(nis_code="71072")


@pytest.fixture
def editor(db):
    return EditorFactory(email="redacteur@mechelen.example")


@pytest.fixture
def member(mechelen):
    return MemberFactory(
        email="lid@gemeente.example",
        first_name="Lien",
        last_name="Lid",
        password="een-lang-testwachtwoord",
        profile__municipality=mechelen,
    )


@pytest.fixture
def application(hasselt):
    return MembershipApplicationFactory(
        municipality=hasselt, full_name="Ilse Janssens", email="ilse@hasselt.example"
    )


@pytest.fixture
def join_data(hasselt):
    return {
        "municipality": str(hasselt.pk),
        "full_name": "Ilse Janssens",
        "job_title": "Beleidsmedewerker samenleven",
        "email": "Ilse.Janssens@hasselt.example",
        "phone": "011 23 45 67",
        "motivation": "We willen pleinmakers in Runkst.",
        "neighbourhoods": "Runkst",
        "housing_partner": "Cordium",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def experiences_page(home_page):
    page = ExperienceIndexPageFactory.build(slug="ervaringen", title="Ervaringen")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def colleague(leuven):
    """A member of another municipality."""
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    return MemberFactory(
        email="collega@leuven.example",
        first_name="Cas",
        last_name="Collega",
        profile__municipality=leuven,
    )


@pytest.fixture
def published(experiences_page, member, editor):
    """A published experience by `member`, through the real workflow."""
    return ExperienceFactory(
        author=member,
        title="Soep op het plein",
        summary="Hoe een pot soep de buren samenbracht.",
        body="Het begon met **één pot** soep.",
        themes=["burendag"],
        publish=True,
        publish__by=editor,
    )
