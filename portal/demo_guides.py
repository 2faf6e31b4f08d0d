"""Demo guides, toolkit documents, FAQ and contact page, from the programme's facts.

Called at the end of `portal.demo.load`. Like every demo module it only creates
what is missing: phases by slug, documents by title, pages by slug.
"""

import datetime

from django.core.files.base import ContentFile

from portal.demo_pdf import make_pdf
from portal.factories import (
    ContactPageFactory,
    FaqPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    PhaseFactory,
    ToolkitDocumentFactory,
    ToolkitPageFactory,
)
from portal.models import SiteSettings, ToolkitDocument

PHASES = [
    ("verkennen", "Verkennen"),
    ("voorbereiden", "Voorbereiden"),
    ("selecteren", "Selecteren"),
    ("starten", "Starten"),
    ("begeleiden", "Begeleiden"),
    ("evalueren", "Evalueren"),
]

REVIEWED = datetime.date(2026, 10, 15)
LICENCE = (
    "Vrij te gebruiken en aan te passen voor je eigen bestuur, met vermelding van "
    "Stad Mechelen."
)
PDF_FOOTER = (
    "Lerend netwerk pleinmakers – Stad Mechelen, team sociale cohesie "
    "(socialecohesie@mechelen.be). Pas dit document aan aan je eigen gemeente."
)

# key: (title, filename, type, phase, description, intro, sections, checklist)
DOCUMENTS = {
    "presentation": (
        "Presentatie: pleinmakers voorstellen aan je bestuur",
        "pleinmakers-voorstellen-aan-je-bestuur.pdf",
        "presentatie",
        "verkennen",
        "Een korte presentatie om je college of schepen te vertellen wat pleinmakers "
        "zijn en waarom het werkt.",
        "Gebruik deze punten als leidraad voor een presentatie van tien minuten.",
        [
            (
                "Wat is een pleinmaker?",
                "Een bewoner van een sociale woonwijk die er ontmoeting in de publieke "
                "ruimte op gang brengt en met eigen talenten de samenhang in de buurt "
                "versterkt.",
            ),
            (
                "Wat doet een pleinmaker?",
                [
                    "is geregeld aanwezig in de wijk en kent de sleutelfiguren;",
                    "zet elk jaar minstens één eigen actie op;",
                    "doet mee aan de burendagen en aan buurtactiviteiten;",
                    "brengt bewoners in contact met het reguliere aanbod.",
                ],
            ),
            (
                "Wat vraagt het van de gemeente?",
                "Een partnerschap met de sociale huisvestingsmaatschappij, een "
                "bijdrage in de huur van de woning, een opleiding en een vaste coach.",
            ),
            (
                "Waarom nu?",
                "Binnen het Vlaamse Plan Samenleven is Mechelen mentor voor de actie "
                "pleinmakers. Wie aansluit bij het lerend netwerk, hoeft niet van nul "
                "te beginnen.",
            ),
        ],
        False,
    ),
    "rent": (
        "Rekenvoorbeeld: de huurbijdrage voor een pleinmaker",
        "rekenvoorbeeld-huurbijdrage.pdf",
        "sjabloon",
        "voorbereiden",
        "Een sjabloon om de huurbijdrage te berekenen: welk deel betaalt de "
        "pleinmaker, welk deel de stad.",
        "Een pleinmaker krijgt geen loon, maar een bijdrage in de huur. Vul dit "
        "sjabloon in met de cijfers van je eigen gemeente.",
        [
            ("De woning", ["adres en wijk", "huurprijs per maand", "gezinsgrootte"]),
            (
                "De verdeling",
                [
                    "deel dat de pleinmaker zelf betaalt",
                    "deel dat de stad of gemeente betaalt",
                    "hoe en wanneer de gemeente haar deel stort",
                ],
            ),
            (
                "Budget per jaar",
                "Tel het gemeentelijke deel op over twaalf maanden en voor het aantal "
                "pleinmakers dat je wilt inzetten. Reken ook tijd voor coaching en "
                "een klein werkingsbudget voor acties mee.",
            ),
        ],
        False,
    ),
    "agreement": (
        "Modelovereenkomst tussen stad, huisvestingsmaatschappij en pleinmaker",
        "modelovereenkomst-pleinmaker.pdf",
        "overeenkomst",
        "voorbereiden",
        "Een model voor de overeenkomst die de drie partners samen ondertekenen. Laat "
        "ze nakijken door je eigen juridische dienst.",
        "Deze overeenkomst legt vast wat de stad, de sociale huisvestingsmaatschappij "
        "en de pleinmaker van elkaar mogen verwachten.",
        [
            (
                "Artikel 1 – Partijen",
                "De stad of gemeente, de sociale huisvestingsmaatschappij en de "
                "pleinmaker (en diens gezin).",
            ),
            (
                "Artikel 2 – De opdracht van de pleinmaker",
                [
                    "geregeld aanwezig zijn in de wijk en deel uitmaken van het "
                    "buurtnetwerk;",
                    "elk jaar minstens één actie opzetten in de eigen wijk;",
                    "actief deelnemen aan buurtactiviteiten en de burendagen;",
                    "in gesprek gaan met de professionals in de wijk;",
                    "bewoners de weg wijzen naar het reguliere aanbod.",
                ],
            ),
            (
                "Artikel 3 – De woning",
                "De huisvestingsmaatschappij en de stad bieden de pleinmaker en het "
                "gezin een woning aan in een van de gekozen wijken.",
            ),
            (
                "Artikel 4 – De huurbijdrage",
                "De pleinmaker ontvangt geen loon. De huur wordt verdeeld: de "
                "pleinmaker betaalt een deel, de stad betaalt een deel.",
            ),
            (
                "Artikel 5 – Opleiding en coaching",
                "De stad zorgt voor een opleiding over de werking van de stad, haar "
                "diensten en partners, en over de werking van de "
                "huisvestingsmaatschappij, en voor begeleiding door een professionele "
                "medewerker.",
            ),
            (
                "Artikel 6 – Evaluatie en einde",
                "De partners evalueren de samenwerking elk jaar en spreken vooraf af "
                "wat er gebeurt als de samenwerking eindigt.",
            ),
        ],
        False,
    ),
    "call": (
        "Oproep en profiel: we zoeken een pleinmaker",
        "oproep-en-profiel-pleinmaker.pdf",
        "sjabloon",
        "selecteren",
        "Een sjabloon voor de oproep waarmee je kandidaat-pleinmakers zoekt, met het "
        "profiel erbij.",
        "Pas de wijk, de contactgegevens en de datum aan en verspreid de oproep via "
        "je eigen kanalen en die van de huisvestingsmaatschappij.",
        [
            (
                "Wie zoeken we?",
                [
                    "iemand die vlot communiceert en zich sociaal goed beweegt in de "
                    "buurt;",
                    "iemand die diversiteit omarmt en ieders levenskeuzes respecteert;",
                    "iemand die graag activiteiten organiseert die mensen verbinden;",
                    "iemand die coaching aanvaardt van een professionele medewerker;",
                    "iemand die initiatief neemt en anderen in beweging brengt.",
                ],
            ),
            (
                "Wat bieden we?",
                [
                    "een woning voor jou en je gezin in de wijk;",
                    "een bijdrage in de huur;",
                    "een opleiding en een vaste coach.",
                ],
            ),
            (
                "Hoe stel je je kandidaat?",
                "Stuur een korte brief waarin je vertelt wie je bent, wat je graag "
                "doet en waarom je pleinmaker wilt worden.",
            ),
        ],
        False,
    ),
    "interview": (
        "Gespreksleidraad voor het selectiegesprek",
        "gespreksleidraad-selectiegesprek.pdf",
        "sjabloon",
        "selecteren",
        "Vragen en aandachtspunten voor het gesprek met een kandidaat-pleinmaker, "
        "gekoppeld aan het profiel.",
        "Voer het gesprek met minstens twee mensen: iemand van de stad en iemand van "
        "de huisvestingsmaatschappij.",
        [
            (
                "Kennismaking",
                [
                    "Vertel eens iets over jezelf en je gezin.",
                    "Wat betekent een goede buurt voor jou?",
                ],
            ),
            (
                "Communicatie en netwerk",
                [
                    "Hoe leg je contact met buren die je nog niet kent?",
                    "Vertel over een keer dat je mensen samenbracht.",
                ],
            ),
            (
                "Diversiteit en respect",
                [
                    "Hoe ga je om met buren die heel anders leven dan jij?",
                    "Wat doe je als twee buren het niet met elkaar eens zijn?",
                ],
            ),
            (
                "Coaching en initiatief",
                [
                    "Hoe ontvang je feedback?",
                    "Welke actie zou je in je eerste jaar willen opzetten?",
                ],
            ),
            (
                "Na het gesprek",
                "Noteer per profielpunt wat je hoorde en beslis samen. Laat elke "
                "kandidaat binnen twee weken weten wat de beslissing is.",
            ),
        ],
        False,
    ),
    "training": (
        "Opleidingsplan voor het eerste jaar",
        "opleidingsplan-eerste-jaar.pdf",
        "sjabloon",
        "begeleiden",
        "Welke opleidingen een nieuwe pleinmaker in het eerste jaar krijgt, en wie "
        "ze geeft.",
        "Een pleinmaker wordt deel van het buurtnetwerk. Daarvoor moet hij of zij "
        "weten hoe de stad, haar diensten en partners werken.",
        [
            (
                "De eerste maand",
                [
                    "kennismaking met de coach en afspraken over het contact;",
                    "rondgang in de wijk met de buurtwerker en de wijkagent;",
                    "uitleg over de werking van de sociale huisvestingsmaatschappij.",
                ],
            ),
            (
                "De eerste zes maanden",
                [
                    "de diensten van de stad: sociaal huis, buurtcentra, bibliotheek;",
                    "hoe je bewoners doorverwijst naar het reguliere aanbod;",
                    "een activiteit organiseren: vergunningen, budget, verzekering.",
                ],
            ),
            (
                "De rest van het jaar",
                "Leren van andere pleinmakers: een uitwisseling met pleinmakers uit "
                "andere wijken of andere gemeenten van het lerend netwerk.",
            ),
        ],
        False,
    ),
    "yearly": (
        "Checklist: de jaarlijkse actie van de pleinmaker",
        "checklist-jaarlijkse-actie.pdf",
        "checklist",
        "starten",
        "Af te vinken bij het voorbereiden van de actie die elke pleinmaker minstens "
        "één keer per jaar in de eigen wijk opzet.",
        "Elke pleinmaker zet minstens één actie per jaar op in de eigen wijk. Deze "
        "lijst helpt om niets te vergeten.",
        [
            (
                "Voorbereiden",
                [
                    "Het idee is besproken met de coach.",
                    "Er zijn buren die mee helpen.",
                    "De datum botst niet met andere activiteiten in de wijk.",
                    "Toelating voor het gebruik van het plein of de straat is "
                    "aangevraagd.",
                    "Het budget is bekend en goedgekeurd.",
                ],
            ),
            (
                "Bekendmaken",
                [
                    "Een affiche hangt in de inkomhallen van de woonblokken.",
                    "De buurtwerkers en partners in de wijk zijn op de hoogte.",
                ],
            ),
            (
                "Na afloop",
                [
                    "Het plein is opgeruimd.",
                    "De pleinmaker bespreekt met de coach wat goed ging en wat beter "
                    "kan.",
                    "Een foto en een korte terugblik worden gedeeld met de partners.",
                ],
            ),
        ],
        True,
    ),
    "neighbours_day": (
        "Draaiboek voor een burendag",
        "draaiboek-burendag.pdf",
        "checklist",
        "starten",
        "Een draaiboek om met de pleinmaker en de buren een burendag te organiseren.",
        "Pleinmakers schrijven zich in voor de burendagen van de stad. Zo pak je het "
        "aan.",
        [
            (
                "Zes weken vooraf",
                [
                    "Schrijf de pleinmaker in voor de burendagen van de stad.",
                    "Kies met de buren wat jullie doen: een ontbijt, een "
                    "straatspel, een opruimactie.",
                ],
            ),
            (
                "Twee weken vooraf",
                [
                    "Verdeel de taken onder de buren.",
                    "Nodig persoonlijk uit: aanbellen werkt beter dan een affiche.",
                ],
            ),
            (
                "Op de dag zelf",
                [
                    "Ontvang nieuwe buren persoonlijk.",
                    "Maak een lijst van wie wil helpen bij een volgende activiteit.",
                ],
            ),
        ],
        True,
    ),
    "evaluation": (
        "Evaluatiekader: het jaargesprek met de pleinmaker",
        "evaluatiekader-jaargesprek.pdf",
        "rapport",
        "evalueren",
        "Een kader om elk jaar samen met de pleinmaker en de huisvestingsmaatschappij "
        "terug te blikken en vooruit te kijken.",
        "Eén keer per jaar zitten de coach, de pleinmaker en de "
        "huisvestingsmaatschappij samen.",
        [
            (
                "Terugblik",
                [
                    "Welke acties liepen er dit jaar, en wie deed mee?",
                    "Welke sleutelfiguren en diensten leerde de pleinmaker kennen?",
                    "Welke bewoners vonden de weg naar het reguliere aanbod?",
                ],
            ),
            (
                "Hoe gaat het met de pleinmaker?",
                "Een pleinmaker woont waar hij of zij werkt. Vraag ook hoe het "
                "thuis en in de buurt gaat, en of de belasting haalbaar blijft.",
            ),
            (
                "Vooruitblik",
                [
                    "Welke actie staat volgend jaar op de planning?",
                    "Welke opleiding of ondersteuning is nog nodig?",
                    "Blijft de samenwerking voor iedereen goed?",
                ],
            ),
        ],
        False,
    ),
}


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def p(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "title": title, "text": html})


def quote(text, who=""):
    return ("quote", {"quote": text, "attribution": who, "role": ""})


def steps(*items, title=""):
    """A steps block; each item is (title, html, [documents])."""
    return (
        "steps",
        {
            "title": title,
            "steps": [
                {"title": step_title, "text": html, "documents": list(documents)}
                for step_title, html, documents in items
            ],
        },
    )


def checklist(title, *items):
    return ("checklist", {"title": title, "items": list(items)})


def documents(title, *docs):
    return ("documents", {"title": title, "documents": list(docs)})


def faq(question, html):
    return {"question": question, "answer": html}


def load_phases():
    return {
        slug: PhaseFactory(slug=slug, name=name, sort_order=order * 10)
        for order, (slug, name) in enumerate(PHASES, start=1)
    }


def load_documents(loader, phases):
    found = {}
    for key, spec in DOCUMENTS.items():
        (title, filename, kind, phase, description, intro, sections, boxes) = spec
        document = ToolkitDocument.objects.filter(title=title).first()
        if document is None:
            data = make_pdf(title, intro, sections, PDF_FOOTER, checklist=boxes)
            document = ToolkitDocumentFactory(
                title=title,
                file=ContentFile(data, name=filename),
                document_type=kind,
                phase=phases[phase],
                description=description,
                licence=LICENCE,
                last_reviewed=REVIEWED,
            )
            loader.stdout.write(f"  + document {title}")
        found[key] = document
    return found


def guides(d):
    """The five guides, in the order a city meets them; `d` holds the documents."""
    return [
        (
            "pleinmakers-starten",
            "Pleinmakers starten in je gemeente",
            "verkennen",
            "Van een eerste idee naar een gedragen plan: wie je overtuigt, met wie je "
            "samenwerkt en wat het kost.",
            [
                h2("Waarom pleinmakers?"),
                p(
                    "<p>Een pleinmaker is een bewoner die in een sociale woonwijk "
                    "woont en er ontmoeting op gang brengt, met eigen talenten. Geen "
                    "nieuwe dienst dus, maar een buur die het verschil maakt. Dat "
                    "maakt het een sterke aanvulling op wat je gemeente al doet rond "
                    "samenleven.</p>"
                ),
                h2("Draagvlak bij je bestuur"),
                steps(
                    (
                        "Vertel het verhaal aan je schepen",
                        "<p>Begin bij de schepen die bevoegd is voor samenleven of "
                        "wonen. Toon wat een pleinmaker doet en wat Mechelen ermee "
                        "bereikte in wijken als Otterbeek en het "
                        "Oud-Oefenplein.</p>",
                        [d["presentation"]],
                    ),
                    (
                        "Koppel het aan je meerjarenplan",
                        "<p>Zoek de doelstellingen rond sociale samenhang, wonen of "
                        "buurtwerking waar pleinmakers bij aansluiten. Zo wordt het "
                        "geen los project.</p>",
                        [],
                    ),
                    (
                        "Vraag een principieel akkoord",
                        "<p>Met een akkoord van het college kun je met partners in "
                        "gesprek gaan en een budget voorbereiden.</p>",
                        [],
                    ),
                ),
                h2("De partners"),
                p(
                    "<p>Zonder de sociale huisvestingsmaatschappij geen pleinmakers: "
                    "zij zorgt samen met de stad voor de woning. Betrek ook wie al in "
                    "de wijk werkt: buurtwerkers, het sociaal huis, de wijkagent, "
                    "verenigingen.</p>"
                ),
                callout(
                    "tip",
                    "Praat met Mechelen",
                    "<p>Mechelen is mentor voor de actie pleinmakers binnen het "
                    "Vlaamse Plan Samenleven. Sluit aan bij het lerend netwerk en "
                    "leer van wie al bezig is.</p>",
                ),
                h2("Het budget"),
                p(
                    "<p>Een pleinmaker krijgt geen loon, maar een bijdrage in de huur: "
                    "de pleinmaker betaalt een deel, de stad een deel. Reken daarnaast "
                    "op de tijd van een coach, een opleiding en een klein budget voor "
                    "acties in de wijk.</p>"
                ),
                documents("Documenten bij deze gids", d["presentation"], d["rent"]),
                checklist(
                    "Klaar voor de volgende fase?",
                    "Je schepen en college staan achter het idee.",
                    "De sociale huisvestingsmaatschappij wil meedoen.",
                    "Je weet in welke wijken je wilt starten.",
                    "Er is een eerste raming van het budget.",
                ),
            ],
        ),
        (
            "samenwerken-met-de-huisvestingsmaatschappij",
            "Samenwerken met de sociale huisvestingsmaatschappij",
            "voorbereiden",
            "De woning, de toewijzing en de huurbijdrage: wat je samen met de "
            "huisvestingsmaatschappij afspreekt.",
            [
                p(
                    "<p>In Mechelen werken de stad en Woonpunt Mechelen samen: "
                    "pleinmakers wonen in verschillende sociale woonwijken. Die "
                    "samenwerking is het hart van het project.</p>"
                ),
                h2("De woningen"),
                steps(
                    (
                        "Kies samen de wijken",
                        "<p>Kies wijken waar ontmoeting een verschil kan maken en waar "
                        "al partners actief zijn. De huisvestingsmaatschappij kent de "
                        "wijken en hun bewoners goed.</p>",
                        [],
                    ),
                    (
                        "Bekijk welke woningen vrijkomen",
                        "<p>De pleinmaker woont met het gezin in de wijk. Spreek af "
                        "welke woningen in aanmerking komen en hoe snel ze vrij "
                        "kunnen zijn.</p>",
                        [],
                    ),
                ),
                h2("De toewijzing"),
                p(
                    "<p>Een woning voor een pleinmaker is gekoppeld aan een opdracht. "
                    "Laat de huisvestingsmaatschappij nagaan welke regels voor "
                    "toewijzing gelden en hoe je die samen correct toepast.</p>"
                ),
                callout(
                    "warning",
                    "Let op",
                    "<p>Spreek vooraf af wat er met de woning gebeurt als de "
                    "samenwerking met een pleinmaker stopt. Zo vermijd je een "
                    "moeilijk gesprek achteraf.</p>",
                ),
                h2("De huurbijdrage"),
                steps(
                    (
                        "Bereken de verdeling",
                        "<p>Beslis welk deel van de huur de pleinmaker betaalt en "
                        "welk deel de stad.</p>",
                        [d["rent"]],
                    ),
                    (
                        "Leg alles vast in een overeenkomst",
                        "<p>De stad, de huisvestingsmaatschappij en de pleinmaker "
                        "ondertekenen samen één overeenkomst.</p>",
                        [d["agreement"]],
                    ),
                ),
            ],
        ),
        (
            "pleinmakers-werven-en-selecteren",
            "Pleinmakers werven en selecteren",
            "selecteren",
            "Het profiel, de procedure en het gesprek: zo vind je de juiste "
            "pleinmaker voor een wijk.",
            [
                h2("Het profiel"),
                p(
                    "<p>Een goede pleinmaker communiceert vlot en beweegt zich sociaal "
                    "goed in de buurt, die ook de eigen thuis is. Hij of zij omarmt "
                    "diversiteit, respecteert ieders levenskeuzes, organiseert graag "
                    "activiteiten, aanvaardt coaching en neemt initiatief.</p>"
                ),
                h2("De procedure"),
                steps(
                    (
                        "Verspreid een oproep",
                        "<p>Gebruik de kanalen van de stad en van de "
                        "huisvestingsmaatschappij, en vraag partners in de wijk om "
                        "mensen persoonlijk aan te spreken.</p>",
                        [d["call"]],
                    ),
                    (
                        "Maak een eerste selectie",
                        "<p>Lees de kandidaturen met twee en houd het profiel naast "
                        "elke brief.</p>",
                        [],
                    ),
                    (
                        "Voer de gesprekken",
                        "<p>Nodig de kandidaten uit voor een gesprek met iemand van "
                        "de stad en iemand van de huisvestingsmaatschappij.</p>",
                        [d["interview"]],
                    ),
                    (
                        "Beslis en laat het weten",
                        "<p>Laat elke kandidaat snel weten wat de beslissing is, ook "
                        "wie niet gekozen werd.</p>",
                        [],
                    ),
                ),
                h2("Het gesprek"),
                p(
                    "<p>Vraag naar wat kandidaten al deden, niet naar wat ze denken te "
                    "zullen doen. Wie al eens een straatfeest of een buurtactiviteit "
                    "organiseerde, vertelt daar graag over.</p>"
                ),
                quote(
                    "Het beste gesprek voelt als een babbel aan de voordeur.",
                    "Een coach van de stad",
                ),
                (
                    "faq_item",
                    faq(
                        "Mag een huidige bewoner van de wijk pleinmaker worden?",
                        "<p>Dat hangt af van de afspraken met de "
                        "huisvestingsmaatschappij over de woning. Iemand die de "
                        "wijk al kent, heeft wel een voorsprong.</p>",
                    ),
                ),
            ],
        ),
        (
            "eerste-buurtactie-en-burendagen",
            "De eerste buurtactie en de burendagen",
            "starten",
            "Hoe een nieuwe pleinmaker de eerste actie in de wijk opzet en meedoet "
            "aan de burendagen.",
            [
                h2("Klein beginnen"),
                p(
                    "<p>Een pleinmaker zet elk jaar minstens één actie op in de eigen "
                    "wijk. De eerste mag klein zijn: een koffie op het plein, een "
                    "straatspel, een opruimmoment. Wat telt, is dat buren elkaar "
                    "leren kennen.</p>"
                ),
                steps(
                    (
                        "Luister eerst",
                        "<p>Vraag buren wat zij graag zouden doen. Een actie die uit "
                        "de buurt komt, trekt meer mensen.</p>",
                        [],
                    ),
                    (
                        "Bereid de actie voor",
                        "<p>Overloop met de coach wat er nodig is: een plek, een "
                        "toelating, een klein budget, helpende handen.</p>",
                        [d["yearly"]],
                    ),
                    (
                        "Doe mee aan de burendagen",
                        "<p>Pleinmakers schrijven zich in voor de burendagen van de "
                        "stad. Zo hoef je niet alles zelf te organiseren.</p>",
                        [d["neighbours_day"]],
                    ),
                    (
                        "Blik terug",
                        "<p>Bespreek na afloop met de coach wat goed ging en wie een "
                        "volgende keer wil helpen.</p>",
                        [],
                    ),
                ),
                callout(
                    "info",
                    "Een positief beeld van de wijk",
                    "<p>Een geslaagde actie helpt ook om het beeld van de wijk te "
                    "veranderen, bij bewoners en daarbuiten.</p>",
                ),
                checklist(
                    "Na je eerste actie",
                    "Je kent nieuwe buren bij naam.",
                    "Er zijn buren die een volgende keer willen helpen.",
                    "Je partners in de wijk weten wat er liep.",
                ),
            ],
        ),
        (
            "pleinmakers-opleiden-en-coachen",
            "Pleinmakers opleiden en coachen",
            "begeleiden",
            "Wat een pleinmaker moet weten en hoe een coach helpt om het vol te "
            "houden.",
            [
                h2("De opleiding"),
                p(
                    "<p>Een pleinmaker leert hoe de stad, haar diensten en partners "
                    "werken, en hoe de huisvestingsmaatschappij werkt. Zo wordt hij of "
                    "zij deel van het buurtnetwerk en kan de pleinmaker bewoners de "
                    "weg wijzen naar het reguliere aanbod.</p>"
                ),
                steps(
                    (
                        "Maak een opleidingsplan",
                        "<p>Plan de opleiding over het hele eerste jaar, niet alles in "
                        "de eerste week.</p>",
                        [d["training"]],
                    ),
                    (
                        "Stel de partners in de wijk voor",
                        "<p>Loop samen door de wijk en stel de pleinmaker voor aan de "
                        "professionals die er werken.</p>",
                        [],
                    ),
                ),
                h2("De coaching"),
                p(
                    "<p>Elke pleinmaker heeft een vaste coach: een professionele "
                    "medewerker van de stad. De coach denkt mee over acties, helpt bij "
                    "moeilijke situaties en bewaakt dat de taak haalbaar blijft.</p>"
                ),
                callout(
                    "tip",
                    "Vaste momenten",
                    "<p>Spreek een vast ritme af, bijvoorbeeld een gesprek per maand, "
                    "en maak het makkelijk om tussendoor even te bellen.</p>",
                ),
                h2("Leren van elkaar"),
                p(
                    "<p>Blijf ook zelf leren: in het lerend netwerk wisselen coaches "
                    "van verschillende gemeenten ervaringen uit.</p>"
                ),
                documents("Documenten bij deze gids", d["training"], d["evaluation"]),
            ],
        ),
    ]


FAQ = [
    (
        "Over pleinmakers",
        [
            faq(
                "Wat is een pleinmaker?",
                "<p>Een bewoner die in een sociale woonwijk woont en er ontmoeting in "
                "de publieke ruimte op gang brengt, met eigen talenten. Zo groeit de "
                "samenhang in de buurt.</p>",
            ),
            faq(
                "Wie kan pleinmaker worden?",
                "<p>Iemand die vlot communiceert, diversiteit omarmt, graag "
                "activiteiten organiseert, coaching aanvaardt en initiatief neemt. De "
                "pleinmaker woont met het gezin in de wijk.</p>",
            ),
            faq(
                "Krijgt een pleinmaker een loon?",
                "<p>Nee. Een pleinmaker krijgt een bijdrage in de huur van de woning: "
                "de pleinmaker betaalt een deel, de stad een deel. Daarbij komen een "
                "opleiding en begeleiding door een coach.</p>",
            ),
            faq(
                "Hoe lang blijft iemand pleinmaker?",
                "<p>Dat spreken de partners af in de overeenkomst. Evalueer elk jaar "
                "samen of de samenwerking voor iedereen goed blijft.</p>",
            ),
            faq(
                "Wat als een pleinmaker verhuist?",
                "<p>Dan stopt de opdracht in die wijk. Leg vooraf in de overeenkomst "
                "vast wat er in dat geval met de woning en de huurbijdrage gebeurt, "
                "en start tijdig een nieuwe oproep.</p>",
            ),
        ],
    ),
    (
        "Voor je stad of gemeente",
        [
            faq(
                "Wat kost pleinmakers aan een stad of gemeente?",
                "<p>Vooral het deel van de huur dat de stad betaalt, de tijd van een "
                "coach en een klein budget voor acties. Met het rekenvoorbeeld in de "
                "toolkit maak je een eerste raming.</p>",
            ),
            faq(
                "In welke wijken werkt het?",
                "<p>In Mechelen wonen pleinmakers in sociale woonwijken: "
                "Oud-Oefenplein, Otterbeek, Bethaniëpolder en Mahatma Gandhi. Kies "
                "wijken waar ontmoeting een verschil kan maken.</p>",
            ),
            faq(
                "Hoeveel tijd vraagt de begeleiding?",
                "<p>Reken op een vaste coach die geregeld met de pleinmaker praat, "
                "mee nadenkt over acties en bereikbaar is als het moeilijk loopt. "
                "Bespreek in het lerend netwerk hoe andere besturen dat "
                "organiseren.</p>",
            ),
        ],
    ),
    (
        "De sociale huisvestingsmaatschappij",
        [
            faq(
                "Welke rol speelt de sociale huisvestingsmaatschappij?",
                "<p>Ze zorgt samen met de stad voor de woning van de pleinmaker en "
                "het gezin, en leert de pleinmaker hoe ze werkt. In Mechelen is dat "
                "Woonpunt Mechelen.</p>",
            ),
            faq(
                "Hoe krijgt een pleinmaker een woning?",
                "<p>De stad en de huisvestingsmaatschappij kiezen samen de wijken en "
                "de woningen. Laat de huisvestingsmaatschappij nagaan welke regels "
                "voor toewijzing gelden.</p>",
            ),
        ],
    ),
    (
        "Het lerend netwerk",
        [
            faq(
                "Wat is het lerend netwerk pleinmakers?",
                "<p>Binnen het Vlaamse Plan Samenleven van het Agentschap Binnenlands "
                "Bestuur is Mechelen mentor voor de actie pleinmakers. Lokale besturen "
                "die ermee willen starten of al bezig zijn, leren in het netwerk van "
                "Mechelen en van elkaar.</p>",
            ),
            faq(
                "Hoe sluit ik aan bij het lerend netwerk?",
                "<p>Neem contact op met het team sociale cohesie van Stad Mechelen via "
                "het contactformulier of socialecohesie@mechelen.be. We bekijken samen "
                "hoe ver je staat.</p>",
            ),
            faq(
                "Wat biedt Mechelen als mentor?",
                "<p>De ervaring met pleinmakers in vier wijken, de documenten die we "
                "gebruiken, en ontmoetingen waar je vragen kunt stellen aan wie het "
                "al doet.</p>",
            ),
            faq(
                "Zoekt Mechelen nog pleinmakers?",
                "<p>Op dit moment heeft Mechelen alle pleinmakers gevonden die het "
                "nodig had.</p>",
            ),
        ],
    ),
]


def load(loader):
    home = loader.home
    phases = load_phases()
    docs = load_documents(loader, phases)

    loader.page(
        ToolkitPageFactory,
        home,
        "toolkit",
        title="Toolkit",
        show_in_menus=True,
        intro=(
            "Sjablonen, checklists en modellen die Mechelen zelf gebruikt. Download "
            "ze en pas ze aan voor je eigen gemeente."
        ),
    )
    index = loader.page(
        GuideIndexPageFactory,
        home,
        "gidsen",
        title="Gidsen",
        show_in_menus=True,
        intro=(
            "Praktische gidsen, stap voor stap: van het eerste idee tot de eerste "
            "buurtactie van je pleinmakers."
        ),
    )
    for slug, title, phase, intro, body in guides(docs):
        loader.page(
            GuidePageFactory,
            index,
            slug,
            title=title,
            phase=phases[phase],
            intro=intro,
            last_reviewed=REVIEWED,
            body=body,
        )
    loader.page(
        FaqPageFactory,
        home,
        "veelgestelde-vragen",
        title="Veelgestelde vragen",
        # In the header's service links and the footer, not the main menu.
        show_in_menus=False,
        intro=(
            "Wat steden en gemeenten ons het vaakst vragen over pleinmakers en het "
            "lerend netwerk."
        ),
        body=[
            ("theme", {"theme": theme, "questions": questions})
            for theme, questions in FAQ
        ],
    )
    loader.page(
        ContactPageFactory,
        home,
        "contact",
        title="Contact",
        show_in_menus=False,
        intro=(
            "Een vraag die niet in de veelgestelde vragen staat? Wil je aansluiten bij "
            "het lerend netwerk? Stuur ons een bericht; we antwoorden binnen vijf "
            "werkdagen."
        ),
        thank_you_text=(
            "<p>Bedankt! We hebben je bericht goed ontvangen. Je krijgt ook een "
            "bevestiging per e-mail. We antwoorden meestal binnen vijf "
            "werkdagen.</p>"
        ),
    )

    site_settings = SiteSettings.for_site(home.get_site())
    if not (site_settings.press_name or site_settings.press_email):
        site_settings.press_name = "Team sociale cohesie, Stad Mechelen"
        site_settings.press_email = site_settings.email
        site_settings.save()
