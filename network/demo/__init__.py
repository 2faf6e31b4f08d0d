"""Demo network: Mechelen as mentor, a few members with staff, one open application.

The members and their staff are in `network.toml`.
"""

from datetime import date

from network.factories import (
    MemberFactory,
    MembershipApplicationFactory,
    NeighbourhoodFactory,
    NetworkIndexPageFactory,
)
from network.models import (
    MembershipApplication,
    MembershipStatus,
    Municipality,
    bump_data_version,
)
from portal.demo.blocks import read_data

DATA = read_data(__file__, "network.toml")


def load(loader):
    loader.page(
        NetworkIndexPageFactory,
        loader.home,
        "netwerk",
        title="Netwerk",
        intro=(
            "Alle 285 Vlaamse gemeenten op een rij. Zie wie al meedoet aan het lerend "
            "netwerk pleinmakers, en met wie je ervaringen kunt uitwisselen."
        ),
    )

    mechelen = Municipality.objects.get(nis_code="12025")
    if mechelen.membership_status != MembershipStatus.MENTOR:
        mechelen.membership_status = MembershipStatus.MENTOR
        mechelen.member_since = date(2022, 1, 1)
        mechelen.description = (
            "Mechelen werkt sinds jaren met pleinmakers, samen met Woonpunt Mechelen. "
            "Als mentor in het Vlaamse Plan Samenleven delen we hoe we pleinmakers "
            "vinden, opleiden en begeleiden."
        )
        mechelen.save()
        loader.stdout.write("  ~ Mechelen is mentor")
    for neighbourhood in DATA["mechelen_neighbourhoods"]:
        NeighbourhoodFactory(municipality=mechelen, **neighbourhood)

    for member in DATA["members"]:
        municipality = Municipality.objects.get(nis_code=member["nis_code"])
        if not municipality.is_member:
            municipality.membership_status = MembershipStatus.MEMBER
            municipality.member_since = member["member_since"]
            municipality.description = member["description"]
            municipality.save()
            loader.stdout.write(f"  ~ {municipality.name} is lid")
        for person in member["staff"]:
            MemberFactory(
                email=person["email"],
                first_name=person["first_name"],
                last_name=person["last_name"],
                profile__municipality=municipality,
                profile__job_title=person["job_title"],
                profile__listed_publicly=person["listed_publicly"],
            )

    loader.login(
        MemberFactory,
        "lid",
        "DEMO_MEMBER_EMAIL",
        "DEMO_MEMBER_PASSWORD",
        "lid@pleinmakers.example",
        first_name="Demo",
        last_name="Lid",
        profile__municipality=Municipality.objects.get(nis_code="24062"),
        profile__job_title="Projectmedewerker pleinmakers",
        profile__listed_publicly=True,
        profile__phone="016 00 00 00",
    )

    hasselt = Municipality.objects.get(nis_code="71072")
    if not MembershipApplication.objects.filter(municipality=hasselt).exists():
        MembershipApplicationFactory(
            municipality=hasselt,
            full_name="Ilse Janssens",
            job_title="Beleidsmedewerker samenleven",
            email="ilse.janssens@hasselt.example",
            motivation=(
                "Hasselt wil pleinmakers inzetten in twee wijken met veel sociale "
                "woningen. We hebben een eerste gesprek gehad met onze "
                "huisvestingsmaatschappij en willen leren hoe Mechelen de selectie "
                "aanpakte."
            ),
            neighbourhoods="Runkst, Hasselt-Noord",
            housing_partner="Cordium",
        )
        hasselt.membership_status = MembershipStatus.CANDIDATE
        hasselt.save()
        loader.stdout.write("  + open application from Hasselt")
    bump_data_version()
