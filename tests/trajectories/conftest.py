import pytest

from network.factories import MemberFactory
from network.models import MembershipStatus, Municipality
from portal.factories import PhaseFactory
from trajectories.factories import StepFactory, TrajectoryFactory

SECRET_NOTE = "Geheime notitie over de woning van mevrouw Zilverpoot"
SECRET_LOG = "Afspraak over het dossier Kwartelkoning"


def make_member_municipality(nis_code, since="2024-03-01"):
    municipality = Municipality.objects.get(nis_code=nis_code)
    municipality.membership_status = MembershipStatus.MEMBER
    municipality.member_since = since
    municipality.save()
    municipality.refresh_from_db()
    return municipality


@pytest.fixture
def phases(db):
    return [
        PhaseFactory(slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(
            [
                ("verkennen", "Verkennen"),
                ("voorbereiden", "Voorbereiden"),
                ("starten", "Starten"),
            ]
        )
    ]


@pytest.fixture
def steps(phases):
    """Two steps per phase, in route order."""
    return [
        StepFactory(phase=phase, title=f"{phase.name} stap {n}", sort_order=10 * i + n)
        for i, phase in enumerate(phases)
        for n in (1, 2)
    ]


@pytest.fixture
def leuven(db):
    return make_member_municipality("24062")


@pytest.fixture
def kortrijk(db):
    return make_member_municipality("34022", "2024-09-15")


@pytest.fixture
def member(leuven):
    return MemberFactory(
        email="an@leuven.example",
        first_name="Zorro",
        last_name="Geheimnaam",
        profile__municipality=leuven,
    )


@pytest.fixture
def other_member(kortrijk):
    return MemberFactory(email="jonas@kortrijk.example", profile__municipality=kortrijk)


@pytest.fixture
def trajectory(leuven, steps):
    return TrajectoryFactory(municipality=leuven)
