"""Demo network: example members with staff, one application waiting.

The members are real municipalities whose membership is made up: they are
flagged `is_example`, and the directory, its map and their pages say so. Their
staff are in `network.toml`.
"""

from network.factories import MemberFactory, MembershipApplicationFactory
from network.models import (
    MembershipApplication,
    MembershipStatus,
    Municipality,
    bump_data_version,
)
from portal.demo.blocks import read_data

DATA = read_data(__file__, "network.toml")


def load(loader):
    for member in DATA["members"]:
        municipality = Municipality.objects.get(nis_code=member["nis_code"])
        if not municipality.is_member:
            municipality.membership_status = MembershipStatus.MEMBER
            municipality.member_since = member["member_since"]
            municipality.description = member["description"]
            municipality.is_example = True
            municipality.save()
            loader.stdout.write(f"  ~ {municipality.name} is lid (voorbeeld)")
        for person in member["staff"]:
            MemberFactory(
                email=person["email"],
                first_name=person["first_name"],
                last_name=person["last_name"],
                is_example=True,
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

    # Waiting for an editor: Hasselt does not show as a candidate until one
    # takes the application up.
    hasselt = Municipality.objects.get(nis_code="71072")
    if not MembershipApplication.objects.filter(municipality=hasselt).exists():
        MembershipApplicationFactory(
            municipality=hasselt,
            full_name="Ilse Janssens",
            job_title="Beleidsmedewerker samenleven",
            email="ilse.janssens@hasselt.example",
            motivation=(
                "Voorbeeld: Hasselt wil pleinmakers inzetten in twee wijken met veel "
                "sociale woningen. We hadden een eerste gesprek met onze "
                "huisvestingsmaatschappij en willen leren hoe Mechelen pleinmakers "
                "vindt."
            ),
            neighbourhoods="Runkst, Hasselt-Noord",
            housing_partner="Cordium",
            is_example=True,
        )
        loader.stdout.write("  + open application from Hasselt (voorbeeld)")
    bump_data_version()


def remove(stdout):
    count, _by_model = MembershipApplication.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} example applications")
    reset = Municipality.objects.filter(is_example=True).update(
        membership_status=MembershipStatus.NONE,
        member_since=None,
        description="",
        is_example=False,
    )
    stdout.write(f"  ~ {reset} example members back to no membership")
    bump_data_version()
