"""Demo agenda: three past events with a report, four coming ones.

Every event is marked as an example (*voorbeeld*) and dated relative to the day
the demo is first loaded, so the agenda always has something coming and nothing
here reads as the network's real history. The coming ones show each state: one
full with a waiting list, one online for members only, one open, one cancelled.
"""

import os
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import (
    BRUSSELS,
    Audience,
    DocumentRole,
    EventDocument,
    EventIndexPage,
    EventKind,
    EventPage,
    RegistrationStatus,
)
from network.models import Municipality
from portal.models import ToolkitDocument

# Every demo event names its place itself (none, for the online ones).
DEFAULTS = {
    "venue": "",
    "address": "",
    "contact_name": "Team sociale cohesie, Stad Mechelen",
    "contact_email": "socialecohesie@mechelen.be",
}
EXAMPLE_NOTE = (
    "<p><em>Dit is een voorbeeld: zo ziet een bijeenkomst van het lerend netwerk "
    "eruit in de agenda.</em></p>"
)
EXAMPLE_ROUTE = (
    "Voorbeeld: hier staat hoe je er raakt met openbaar vervoer, met de fiets of met "
    "de auto, en hoe toegankelijk de plek is."
)


def p(html):
    """One paragraph block, in the form StreamField content takes."""
    return ("paragraph", html)


def _at(days, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def _slides():
    """The toolkit's presentation about what a pleinmaker does, which suits an
    example webinar; the demo adds no documents of its own to the toolkit."""
    return ToolkitDocument.objects.filter(
        title="Presentatie: pleinmakers voorstellen aan je bestuur"
    ).first()


def _report(*paragraphs):
    note = p(
        "<p><em>Een voorbeeldverslag: het toont hoe een verslag op de pagina komt, "
        "niet wat er op een echte bijeenkomst gebeurde.</em></p>"
    )
    return [note, *paragraphs]


def _events(loader, mechelen):
    """(slug, fields) of every demo event, in date order."""
    slides = _slides()
    return [
        (
            "opleiding-samenwerken-huisvesting",
            {
                "title": (
                    "Opleiding: samenwerken met de sociale huisvestingsmaatschappij "
                    "(voorbeeld)"
                ),
                "intro": (
                    "Voorbeeld van een opleiding: hoe stad en sociale "
                    "huisvestingsmaatschappij samen woningen voor pleinmakers vinden."
                ),
                "kind": EventKind.TRAINING,
                "audience": Audience.MEMBERS,
                "start": _at(-140, 13, 30),
                "end": _at(-140, 16, 30),
                "venue": "Mechelen",
                "host": mechelen,
                "body": [p(EXAMPLE_NOTE)],
                "report": _report(
                    p(
                        "<p>In Mechelen zorgen de stad en Woonpunt Mechelen samen voor "
                        "een woning in een van de gekozen wijken. De pleinmaker krijgt "
                        "geen loon, maar betaalt een deel van de huur; de stad betaalt "
                        "de rest. In een verslag als dit staat wat de deelnemers "
                        "daarover bespraken en welke vragen ze meenamen naar hun eigen "
                        "bestuur.</p>"
                    )
                ),
            },
        ),
        (
            "intervisie-toeleiding-aanbod",
            {
                "title": (
                    "Intervisie: bewoners de weg wijzen naar het aanbod (voorbeeld)"
                ),
                "intro": (
                    "Voorbeeld van een intervisie: hoe een pleinmaker bewoners "
                    "toeleidt naar het reguliere aanbod van stad en partners."
                ),
                "kind": EventKind.INTERVISION,
                "audience": Audience.MEMBERS,
                "start": _at(-75, 10),
                "end": _at(-75, 12),
                "online_link": (
                    "https://vergadering.example/pleinmakers-intervisie-aanbod"
                ),
                "body": [p(EXAMPLE_NOTE)],
                "report": _report(
                    p(
                        "<p>Een pleinmaker spreekt bewoners aan en leidt hen toe naar "
                        "het reguliere aanbod. Bij een intervisie brengen deelnemers "
                        "een situatie uit hun eigen gemeente mee; het verslag houdt "
                        "vast wat de groep daaruit leerde, zonder namen van "
                        "bewoners.</p>"
                    )
                ),
            },
        ),
        (
            "webinar-wat-doet-een-pleinmaker",
            {
                "title": "Webinar: wat doet een pleinmaker? (voorbeeld)",
                "intro": (
                    "Voorbeeld van een webinar voor wie wil starten: de taken en het "
                    "profiel van een pleinmaker."
                ),
                "kind": EventKind.WEBINAR,
                "audience": Audience.OPEN,
                "start": _at(-21, 14),
                "end": _at(-21, 15, 30),
                "online_link": "https://vergadering.example/pleinmakers-webinar",
                "body": [p(EXAMPLE_NOTE)],
                "documents": [
                    EventDocument(document=document, role=DocumentRole.SLIDES)
                    for document in [slides]
                    if document
                ],
                "report": _report(
                    p(
                        "<p>Een pleinmaker woont in de wijk, is er regelmatig aanwezig "
                        "en kent de sleutelfiguren. Elk jaar zet die minstens één "
                        "actie op in de eigen wijk en schrijft in op de burendagen van "
                        "de stad. De presentatie hieronder komt uit de toolkit.</p>"
                    )
                ),
            },
        ),
        (
            "online-intervisie-burendag",
            {
                "title": "Online intervisie: de eerste burendag (voorbeeld)",
                "intro": (
                    "Voorbeeld van een online intervisie voor leden: hoe bereid je met "
                    "een pleinmaker de eerste burendag voor?"
                ),
                "kind": EventKind.INTERVISION,
                "audience": Audience.MEMBERS,
                "start": _at(9, 10),
                "end": _at(9, 11, 30),
                "online_link": (
                    "https://vergadering.example/pleinmakers-intervisie-burendag"
                ),
                "capacity": 12,
                "body": [p(EXAMPLE_NOTE)],
            },
        ),
        (
            "werkbezoek-pleinmakers-mechelen",
            {
                "title": "Werkbezoek: pleinmakers in Mechelen (voorbeeld)",
                "intro": (
                    "Voorbeeld van een werkbezoek, open voor iedereen: kom zien hoe "
                    "Mechelen met pleinmakers werkt, samen met Woonpunt Mechelen."
                ),
                "kind": EventKind.WORKING_VISIT,
                "audience": Audience.OPEN,
                "start": _at(16, 13, 30),
                "end": _at(16, 16, 30),
                "venue": "Mechelen",
                "directions": EXAMPLE_ROUTE,
                "host": mechelen,
                "capacity": 20,
                "body": [
                    p(EXAMPLE_NOTE),
                    p(
                        "<p>Voorbeeld van een programma:</p><ul>"
                        "<li>welkom en kennismaking;</li>"
                        "<li>hoe Mechelen en Woonpunt Mechelen samenwerken;</li>"
                        "<li>in gesprek met wie in de wijk werkt;</li>"
                        "<li>vragen en afspraken.</li></ul>"
                    ),
                ],
            },
        ),
        (
            "netwerkdag",
            {
                "title": "Netwerkdag van het lerend netwerk (voorbeeld)",
                "intro": (
                    "Voorbeeld van een volzette bijeenkomst: nieuwe inschrijvingen "
                    "komen op de wachtlijst."
                ),
                "kind": EventKind.NETWORK_DAY,
                "audience": Audience.OPEN,
                "start": _at(30, 9, 30),
                "end": _at(30, 16),
                "venue": "Mechelen",
                "directions": EXAMPLE_ROUTE,
                "host": mechelen,
                "capacity": 4,
                "body": [p(EXAMPLE_NOTE)],
            },
        ),
        (
            "webinar-sociaal-cohesieplan",
            {
                "title": (
                    "Webinar: van Plan Samenleven naar het sociaal cohesieplan "
                    "(voorbeeld)"
                ),
                "intro": (
                    "Voorbeeld van een geannuleerde bijeenkomst. Plan Samenleven liep "
                    "van 2022 tot 2025; vanaf 2026 volgt het sociaal cohesieplan."
                ),
                "kind": EventKind.WEBINAR,
                "audience": Audience.OPEN,
                "start": _at(45, 14),
                "end": _at(45, 15),
                "online_link": "https://vergadering.example/pleinmakers-cohesieplan",
                "is_cancelled": True,
                "cancellation_note": (
                    "Voorbeeld: hier staat waarom de bijeenkomst niet doorgaat en of "
                    "er een nieuwe datum komt."
                ),
                "body": [p(EXAMPLE_NOTE)],
            },
        ),
    ]


def _people():
    User = get_user_model()
    emails = [
        "noor.verbruggen@mechelen.example",
        "an.peeters@leuven.example",
        "jonas.declercq@kortrijk.example",
        "lotte.desmet@aalst.example",
        os.environ.get("DEMO_MEMBER_EMAIL", "lid@pleinmakers.example").lower(),
    ]
    users = {
        user.email: user
        for user in User.objects.filter(email__in=emails).select_related(
            "member_profile__municipality"
        )
    }
    return [users[email] for email in emails if email in users]


def _register_member(event, user, status, **fields):
    profile = getattr(user, "member_profile", None)
    RegistrationFactory(
        event=event,
        user=user,
        name=user.get_full_name(),
        email=user.email,
        organisation="",
        municipality=profile.municipality if profile else None,
        status=status,
        consent_given_at=None,
        consent_version="",
        **fields,
    )


def _registrations(loader, events):
    members = _people()
    if len(members) < 5:
        return
    noor, an, jonas, lotte, demo_member = members
    visitor = {
        "name": "Eva Claes (voorbeeld)",
        "email": "eva.claes@voorbeeld.example",
        "organisation": "Voorbeeld: OCMW van een deelnemende gemeente",
    }
    full = events["netwerkdag"]
    if not full.registrations.exists():
        for user in (noor, an, jonas):
            _register_member(full, user, RegistrationStatus.CONFIRMED)
        RegistrationFactory(event=full, **visitor)
        _register_member(full, lotte, RegistrationStatus.WAITLISTED)
        _register_member(full, demo_member, RegistrationStatus.WAITLISTED)
        loader.stdout.write("  + a full network day with a waiting list")
    online = events["online-intervisie-burendag"]
    if not online.registrations.exists():
        for user in (demo_member, jonas):
            _register_member(online, user, RegistrationStatus.CONFIRMED)
    for slug in ("webinar-wat-doet-een-pleinmaker", "intervisie-toeleiding-aanbod"):
        past = events[slug]
        if not past.registrations.exists():
            for user in (an, jonas, lotte):
                _register_member(
                    past, user, RegistrationStatus.CONFIRMED, attended=user != lotte
                )


def load(loader):
    index = EventIndexPage.objects.get()
    mechelen = Municipality.objects.get(nis_code="12025")
    events = {}
    for slug, fields in _events(loader, mechelen):
        events[slug] = loader.page(
            EventPageFactory, index, slug, is_example=True, **{**DEFAULTS, **fields}
        )

    _registrations(loader, events)


def remove(stdout):
    count, _by_model = EventPage.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} example events and their registrations")
