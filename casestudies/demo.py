"""Demo practices: Mechelen's own, and fictitious examples across Flanders.

Every example other than Mechelen's is invented and says so in its text.
"""

from casestudies.columns import EXPORT_COLUMNS
from casestudies.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    DataDictionaryPageFactory,
)
from casestudies.images import hero_image
from casestudies.models import Label, Status
from network.models import Municipality
from portal.demo import callout, h2, p, quote

FICTITIOUS = (
    "<p><em>Dit is een fictief voorbeeld.</em> Het toont hoe een gemeente "
    "pleinmakers zou kunnen inzetten; de gemeente, de cijfers en de personen zijn "
    "niet echt.</p>"
)


def approach(*steps):
    return (
        "approach",
        {
            "title": "Aanpak",
            "steps": [{"title": title, "text": text} for title, text in steps],
        },
    )


def results(figures, text=""):
    return (
        "results",
        {
            "title": "Resultaten",
            "figures": [{"number": n, "label": label} for n, label in figures],
            "text": text,
        },
    )


def lessons(*items):
    return (
        "lessons",
        {
            "title": "Wat werkte niet",
            "lessons": [{"problem": a, "lesson": b} for a, b in items],
        },
    )


MECHELEN = {
    "slug": "pleinmakers-in-vier-mechelse-wijken",
    "nis_code": "12025",
    "title": "Pleinmakers in vier Mechelse wijken",
    "summary": (
        "Stad Mechelen en Woonpunt Mechelen geven bewoners een woning in vier sociale "
        "woonwijken. Als pleinmaker brengen zij buren samen en versterken ze het "
        "sociale weefsel van binnenuit."
    ),
    "neighbourhoods": "Oud-Oefenplein, Otterbeek, Bethaniëpolder, Mahatma Gandhi",
    "housing_partner": "Woonpunt Mechelen",
    "start_year": 2022,
    "status": Status.RUNNING,
    "label": Label.VALIDATED,
    "pleinmakers_count": 4,
    "homes_count": 4,
    "financing_sources": "Stad Mechelen (bijdrage in de huur), Woonpunt Mechelen",
    "contact_name": "Team sociale cohesie",
    "contact_role": "Stad Mechelen",
    "contact_email": "socialecohesie@mechelen.be",
    "themes": ["ontmoeting", "sociale huisvesting", "burendag", "buurtnetwerk"],
    "hero_alt": "Getekende buren rond een plein onder een gele zon.",
    "body": [
        h2("Waarom pleinmakers?"),
        p(
            "<p>Mechelen wil dat bewoners niet alleen meepraten over beleid, maar ook "
            "zelf hun buurt een fijne plek maken. Een pleinmaker woont in de wijk en "
            "zet met de eigen talenten ontmoetingen in de publieke ruimte op gang.</p>"
        ),
        approach(
            (
                "Samen met de huisvester",
                "De stad en Woonpunt Mechelen kiezen de wijken en stellen er een "
                "sociale woning ter beschikking van de pleinmaker en het gezin.",
            ),
            (
                "De juiste bewoner vinden",
                "We zoeken iemand die vlot communiceert, diversiteit omarmt en graag "
                "activiteiten organiseert die mensen samenbrengen.",
            ),
            (
                "Opleiding en coaching",
                "De pleinmaker leert hoe de stad, haar diensten, haar partners en "
                "Woonpunt werken, en krijgt begeleiding op maat van een professionele "
                "medewerker.",
            ),
            (
                "Aan de slag in de wijk",
                "De pleinmaker is geregeld aanwezig, zet elk jaar minstens één eigen "
                "actie op en schrijft in op de burendagen van de stad.",
            ),
        ),
        results(
            [
                ("4", "wijken met een pleinmaker"),
                ("1+", "eigen actie per pleinmaker per jaar"),
                ("2", "partners: de stad en Woonpunt Mechelen"),
            ],
            "<p>Pleinmakers zijn actief in het Oud-Oefenplein, Otterbeek, de "
            "Bethaniëpolder en de wijk Mahatma Gandhi.</p>",
        ),
        callout(
            "info",
            "Geen loon, wel een bijdrage in de huur",
            "<p>De pleinmaker betaalt een deel van de huur, de stad betaalt een deel. "
            "Zo erkent Mechelen de inzet, zonder dat het een job wordt.</p>",
        ),
    ],
}

EXAMPLES = [
    {
        "slug": "buurtkamers-in-genk",
        "nis_code": "71016",
        "title": "Buurtkamers in drie Genkse cités",
        "summary": (
            "Fictief voorbeeld: drie pleinmakers openen hun voorkamer twee avonden per "
            "week voor buren van alle leeftijden en achtergronden."
        ),
        "neighbourhoods": "Cité Noord, Cité Zuid, Hoevenzavel",
        "housing_partner": "Woonmaatschappij Limburg-Oost (fictief)",
        "start_year": 2023,
        "status": Status.RUNNING,
        "label": Label.SHARED,
        "pleinmakers_count": 3,
        "homes_count": 3,
        "coordinator_fte": "0.5",
        "coaching_hours_per_month": 6,
        "yearly_budget": 24000,
        "financing_sources": "Plan Samenleven, eigen middelen",
        "themes": ["diversiteit", "ontmoeting", "jongeren"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>In de cités kennen oudere en nieuwe bewoners elkaar weinig. De "
                "pleinmakers maken van hun eigen voorkamer een buurtkamer: koffie, een "
                "spel, huiswerkhulp voor de kinderen.</p>"
            ),
            approach(
                (
                    "Drie woningen vrijhouden",
                    "De woonmaatschappij hield drie woningen vrij aan een plein.",
                ),
                (
                    "Open oproep in vier talen",
                    "Flyers en gesprekken aan de schoolpoort.",
                ),
                ("Vaste avonden", "Dinsdag en donderdag, altijd op hetzelfde uur."),
            ),
            results(
                [("38", "buren per week gemiddeld"), ("11", "talen in de buurtkamer")]
            ),
            lessons(
                (
                    "Een te volle agenda in het eerste jaar",
                    "We schrapten de helft van de activiteiten en hielden de vaste avonden.",
                )
            ),
            quote(
                "Ik ken nu de namen van mijn buren op de derde verdieping.",
                "Een buurvrouw",
            ),
        ],
    },
    {
        "slug": "zilveren-buren-bree",
        "nis_code": "72004",
        "title": "Zilveren buren in Bree",
        "summary": (
            "Fictief voorbeeld: Bree bereidt een pleinmaker voor in een wijk met veel "
            "alleenwonende senioren, samen met de dienstencentra."
        ),
        "neighbourhoods": "Kloosterwijk",
        "housing_partner": "Woonmaatschappij Noord-Limburg (fictief)",
        "start_year": 2026,
        "status": Status.PREPARING,
        "label": Label.SHARED,
        "pleinmakers_count": 1,
        "homes_count": 1,
        "coordinator_fte": "0.2",
        "financing_sources": "Eigen middelen",
        "themes": ["senioren", "buurtnetwerk"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>Veel senioren in de wijk wonen alleen. Een pleinmaker moet vooral "
                "aanbellen, luisteren en mensen naar het dienstencentrum en de "
                "vrijwilligers van de buurt brengen.</p>"
            ),
            approach(
                (
                    "Wijk kiezen met cijfers",
                    "Samen met het OCMW en de woonmaatschappij.",
                ),
                (
                    "Profiel opstellen",
                    "Geduld en tijd overdag wegen zwaarder dan organisatietalent.",
                ),
            ),
            callout(
                "tip",
                "Nog in voorbereiding",
                "<p>De oproep loopt; de eerste pleinmaker start volgend jaar.</p>",
            ),
        ],
    },
    {
        "slug": "burendagen-kortrijk",
        "nis_code": "34022",
        "title": "Burendagen met een eigen pleinmaker in Kortrijk",
        "summary": (
            "Fictief voorbeeld: vijf pleinmakers organiseerden drie jaar lang samen met "
            "de buren een burendag per wijk. Het project is afgerond en overgedragen."
        ),
        "neighbourhoods": "Overleie, Venning, Sint-Jan, Lange Munte, Kortrijk Weide",
        "housing_partner": "Woonmaatschappij Zuid-West (fictief)",
        "start_year": 2019,
        "status": Status.FINISHED,
        "label": Label.VALIDATED,
        "pleinmakers_count": 5,
        "homes_count": 5,
        "coordinator_fte": "0.8",
        "coaching_hours_per_month": 10,
        "yearly_budget": 42000,
        "financing_sources": "Stad, woonmaatschappij, projectsubsidie",
        "themes": ["burendag", "participatie", "samenwerking"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>Elke pleinmaker nam de burendag van de eigen wijk op zich: buren "
                "kozen het programma, de stad leverde materiaal en verzekering.</p>"
            ),
            results(
                [
                    ("15", "burendagen in drie jaar"),
                    ("5", "wijken"),
                    ("2", "vrijwilligersgroepen die blijven"),
                ]
            ),
            lessons(
                (
                    "De overdracht kwam te laat",
                    "Begin in het laatste jaar al met een buurtgroep die het overneemt.",
                )
            ),
        ],
    },
    {
        "slug": "moestuin-op-het-plein-poperinge",
        "nis_code": "33021",
        "title": "Een moestuin op het plein in Poperinge",
        "summary": (
            "Fictief voorbeeld: een pleinmaker legde een gedeelde moestuin aan. Na twee "
            "jaar stopte het project; dit is wat de gemeente ervan leerde."
        ),
        "neighbourhoods": "Hoppewijk",
        "housing_partner": "Woonmaatschappij Westhoek (fictief)",
        "start_year": 2020,
        "status": Status.STOPPED,
        "label": Label.SHARED,
        "pleinmakers_count": 1,
        "homes_count": 1,
        "coaching_hours_per_month": 2,
        "financing_sources": "Eigen middelen",
        "themes": ["groen", "ontmoeting"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>De moestuin bracht in de zomer veel buren samen, maar in de winter viel alles stil.</p>"
            ),
            lessons(
                (
                    "Eén pleinmaker droeg alles alleen",
                    "Zoek van bij de start twee of drie trekkers.",
                ),
                (
                    "Te weinig coaching",
                    "Twee uur per maand bleek niet genoeg; plan er minstens zes.",
                ),
            ),
        ],
    },
    {
        "slug": "pleinmakers-in-gentse-hoogbouw",
        "nis_code": "44021",
        "title": "Pleinmakers in Gentse hoogbouw",
        "summary": (
            "Fictief voorbeeld: in drie woontorens zorgen pleinmakers voor een "
            "bewonersraad per toren en een gezamenlijk zomerfeest."
        ),
        "neighbourhoods": "Nieuw Gent, Rabot, Brugse Poort",
        "housing_partner": "Woonmaatschappij Gent (fictief)",
        "start_year": 2021,
        "status": Status.RUNNING,
        "label": Label.SHARED,
        "pleinmakers_count": 6,
        "homes_count": 6,
        "coordinator_fte": "1.0",
        "coaching_hours_per_month": 12,
        "yearly_budget": 65000,
        "financing_sources": "Plan Samenleven, stad, woonmaatschappij",
        "themes": ["sociale huisvesting", "diversiteit", "participatie"],
        "body": [
            p(FICTITIOUS),
            approach(
                ("Twee pleinmakers per toren", "Zo staat niemand er alleen voor."),
                ("Een bewonersraad", "Elke toren kiest zelf wat er op de agenda komt."),
                ("Eén groot feest", "Eén keer per jaar komen de drie torens samen."),
            ),
            results([("3", "bewonersraden"), ("420", "bezoekers op het zomerfeest")]),
        ],
    },
    {
        "slug": "jongeren-aan-zet-eeklo",
        "nis_code": "43005",
        "title": "Jongeren aan zet in Eeklo",
        "summary": (
            "Fictief voorbeeld: twee jonge pleinmakers richten samen met tieners een "
            "verwaarloosd grasveld in als groene hangplek."
        ),
        "neighbourhoods": "Oostveld",
        "housing_partner": "Woonmaatschappij Meetjesland (fictief)",
        "start_year": 2024,
        "status": Status.RUNNING,
        "label": Label.SHARED,
        "pleinmakers_count": 2,
        "homes_count": 2,
        "coordinator_fte": "0.3",
        "coaching_hours_per_month": 4,
        "yearly_budget": 9000,
        "financing_sources": "Eigen middelen, jeugddienst",
        "themes": ["jongeren", "groen", "participatie"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>De tieners tekenden zelf het plan voor banken, een net en plantvakken.</p>"
            ),
            quote("Eindelijk een plek die van ons is.", "Een jongere uit de wijk"),
        ],
    },
    {
        "slug": "samen-sterk-in-leuven",
        "nis_code": "24062",
        "title": "Samen sterk in Leuvense buurten",
        "summary": (
            "Fictief voorbeeld: Leuven bereidt pleinmakers voor in twee buurten, met "
            "buurtwerk, wijkagenten en de woonmaatschappij rond één tafel."
        ),
        "neighbourhoods": "Kessel-Lo, Wilsele",
        "housing_partner": "Woonmaatschappij Leuven (fictief)",
        "start_year": 2025,
        "status": Status.PREPARING,
        "label": Label.SHARED,
        "pleinmakers_count": 2,
        "homes_count": 0,
        "coordinator_fte": "0.4",
        "financing_sources": "Stad",
        "themes": ["samenwerking", "senioren", "buurtnetwerk"],
        "body": [
            p(FICTITIOUS),
            approach(
                (
                    "Partners rond de tafel",
                    "Eén overleg per maand met alle diensten in de buurt.",
                ),
                (
                    "Woningen zoeken",
                    "De woonmaatschappij zoekt nog twee geschikte woningen.",
                ),
            ),
        ],
    },
    {
        "slug": "dorpspleinmaker-glabbeek",
        "nis_code": "24137",
        "title": "Een dorpspleinmaker in Glabbeek",
        "summary": (
            "Fictief voorbeeld: in een kleine gemeente zonder sociale hoogbouw verbindt "
            "één pleinmaker drie dorpskernen met een rondreizende burendag."
        ),
        "neighbourhoods": "Glabbeek, Bunsbeek, Kapellen",
        "housing_partner": "Woonmaatschappij Hageland (fictief)",
        "start_year": 2022,
        "status": Status.RUNNING,
        "label": Label.SHARED,
        "pleinmakers_count": 1,
        "homes_count": 1,
        "coaching_hours_per_month": 3,
        "yearly_budget": 5000,
        "financing_sources": "Eigen middelen",
        "themes": ["buurtnetwerk", "burendag", "groen"],
        "body": [
            p(FICTITIOUS),
            p(
                "<p>Ook in een kleine gemeente werkt het: de burendag trekt elk jaar naar een andere kern.</p>"
            ),
            results([("3", "dorpskernen"), ("1", "pleinmaker")]),
        ],
    },
    {
        "slug": "pleinmakers-turnhout",
        "nis_code": "13040",
        "title": "Pleinmakers rond het Turnhoutse stadspark",
        "summary": (
            "Fictief voorbeeld: twee jaar lang brachten twee pleinmakers de sociale "
            "woonblokken rond het park samen. Het project is afgerond."
        ),
        "neighbourhoods": "Stadspark, Het Zand",
        "housing_partner": "Woonmaatschappij Kempen (fictief)",
        "start_year": 2018,
        "status": Status.FINISHED,
        "label": Label.SHARED,
        "pleinmakers_count": 2,
        "homes_count": 2,
        "coordinator_fte": "0.5",
        "coaching_hours_per_month": 6,
        "yearly_budget": 18000,
        "financing_sources": "Projectsubsidie, stad",
        "themes": ["ontmoeting", "sociale huisvesting"],
        "body": [
            p(FICTITIOUS),
            lessons(
                (
                    "De projectsubsidie stopte abrupt",
                    "Zorg vanaf dag één voor structurele middelen.",
                )
            ),
        ],
    },
]


def _practice(loader, index, number, spec):
    spec = dict(spec)
    slug = spec.pop("slug")
    if index.get_children().filter(slug=slug).exists():
        return
    municipality = Municipality.objects.get(nis_code=spec.pop("nis_code"))
    themes = spec.pop("themes")
    alt = spec.pop(
        "hero_alt",
        "Getekend landschap met ronde figuren rond een plein, in warme kleuren.",
    )
    image = hero_image(f"Praktijkvoorbeeld: {spec['title']}", seed=number)
    page = loader.page(
        CaseStudyPageFactory,
        index,
        slug,
        municipality=municipality,
        hero_image=image,
        hero_image_alt=alt,
        **spec,
    )
    page.themes.set(themes)
    page.save_revision().publish()


def load(loader):
    index = loader.page(
        CaseStudyIndexPageFactory,
        loader.home,
        "praktijkvoorbeelden",
        title="Praktijkvoorbeelden",
        show_in_menus=True,
        intro=(
            "Hoe pakken andere gemeenten het aan? Filter op thema, provincie of grootte "
            "en lees wat werkte, wat het kostte en wat niet lukte."
        ),
    )
    _practice(loader, index, 1, MECHELEN)
    for number, spec in enumerate(EXAMPLES, start=2):
        _practice(loader, index, number, spec)
    loader.page(
        DataDictionaryPageFactory,
        index,
        "gegevenswoordenboek",
        title="Gegevenswoordenboek",
        intro=(
            "Wat elke kolom van de open-data-export van de praktijkvoorbeelden "
            "betekent, en welk type gegeven erin staat."
        ),
        body=[
            p(
                "<p>Je kunt de praktijkvoorbeelden downloaden als CSV of JSON, met "
                "dezelfde filters als op de overzichtspagina. De export bevat geen "
                "persoonsgegevens: contactpersonen en hun e-mailadressen staan er "
                "nooit in.</p><p>Vermeld bij hergebruik de bron: Lerend netwerk "
                "pleinmakers, Stad Mechelen.</p>"
            )
        ],
        columns=[
            (
                "column",
                {
                    "name": column.name,
                    "type": str(column.type),
                    "description": str(column.description),
                },
            )
            for column in EXPORT_COLUMNS
        ],
    )
