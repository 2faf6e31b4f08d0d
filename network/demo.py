"""Demo network: Mechelen as mentor, a few members with staff, one open application."""

from datetime import date

from network import demo_experiences
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

MECHELEN_NEIGHBOURHOODS = [
    (
        "Oud-Oefenplein",
        "De pleinmaker maakt van het plein opnieuw een plek waar buren elkaar zien.",
    ),
    (
        "Otterbeek",
        "Hier verbindt een pleinmaker buren, verenigingen en wie in de wijk werkt.",
    ),
    (
        "Bethaniëpolder",
        "Nieuwe en oude bewoners vinden via de pleinmaker sneller de weg naar elkaar en naar het aanbod van de stad.",
    ),
    (
        "Mahatma Gandhi",
        "Met straatmomenten en buurtactiviteiten werkt de pleinmaker aan een positief beeld van de wijk.",
    ),
]

MEMBERS = [
    # nis_code, member since, description, staff: (email, first, last, job, listed)
    (
        "12025",
        date(2022, 1, 1),
        "",
        [
            (
                "noor.verbruggen@mechelen.example",
                "Noor",
                "Verbruggen",
                "Coördinator pleinmakers",
                True,
            )
        ],
    ),
    (
        "24062",
        date(2024, 3, 1),
        "Leuven zoekt samen met de sociale huisvestingsmaatschappij twee wijken waar een pleinmaker kan wonen. We leren van Mechelen hoe je de selectie aanpakt.",
        [
            (
                "an.peeters@leuven.example",
                "An",
                "Peeters",
                "Coördinator samenleven",
                True,
            )
        ],
    ),
    (
        "34022",
        date(2024, 9, 15),
        "In Kortrijk is één pleinmaker aan de slag in een sociale woonwijk. We delen graag wat werkte bij de eerste burendag.",
        [
            (
                "jonas.declercq@kortrijk.example",
                "Jonas",
                "De Clercq",
                "Buurtregisseur",
                True,
            ),
            (
                "sara.vandamme@kortrijk.example",
                "Sara",
                "Van Damme",
                "Medewerker wonen",
                False,
            ),
        ],
    ),
    (
        "41002",
        date(2025, 2, 1),
        "Aalst staat aan het begin: we verkennen met onze huisvestingspartner welke wijk het eerst in aanmerking komt.",
        [
            (
                "lotte.desmet@aalst.example",
                "Lotte",
                "De Smet",
                "Beleidsmedewerker sociale cohesie",
                True,
            )
        ],
    ),
]


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
    for name, description in MECHELEN_NEIGHBOURHOODS:
        NeighbourhoodFactory(municipality=mechelen, name=name, description=description)

    for nis_code, since, description, staff in MEMBERS:
        municipality = Municipality.objects.get(nis_code=nis_code)
        if not municipality.is_member:
            municipality.membership_status = MembershipStatus.MEMBER
            municipality.member_since = since
            municipality.description = description
            municipality.save()
            loader.stdout.write(f"  ~ {municipality.name} is lid")
        for email, first_name, last_name, job_title, listed in staff:
            MemberFactory(
                email=email,
                first_name=first_name,
                last_name=last_name,
                profile__municipality=municipality,
                profile__job_title=job_title,
                profile__listed_publicly=listed,
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
    demo_experiences.load(loader)
