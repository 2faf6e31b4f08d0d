import pytest

from network.factories import MembershipApplicationFactory
from portal.formtokens import new_token

JOIN_URL = "/netwerk/aansluiten/"


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
        "form_token": new_token(),
    }
