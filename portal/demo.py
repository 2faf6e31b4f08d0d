"""Demo content of the portal's own pages, written from the programme's facts."""

from urllib.parse import urlsplit

from django.conf import settings

from portal import demo_guides
from portal.factories import ContentPageFactory, EditorFactory, UserFactory
from portal.models import SiteSettings


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def p(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "title": title, "text": html})


def quote(text, who="", role=""):
    return ("quote", {"quote": text, "attribution": who, "role": role})


NEIGHBOURHOODS = [
    (
        "oud-oefenplein",
        "Oud-Oefenplein",
        "Een wijk waar de pleinmaker het plein opnieuw tot ontmoetingsplaats maakt.",
        [
            p(
                "<p>Op het Oud-Oefenplein woont een pleinmaker die de buurt van binnenuit "
                "kent. Samen met de bewoners zoekt die naar kleine, haalbare manieren om "
                "elkaar vaker te zien: een koffiemoment op het plein, een buurtfeest, een "
                "helpende hand bij wie nieuw is in de wijk.</p>"
            ),
            callout(
                "info",
                "Samen met Woonpunt Mechelen",
                "<p>De woning van de pleinmaker is een sociale woning van Woonpunt "
                "Mechelen in de wijk zelf.</p>",
            ),
        ],
    ),
    (
        "otterbeek",
        "Otterbeek",
        "In Otterbeek verbindt een pleinmaker buren, verenigingen en de professionals in de wijk.",
        [
            p(
                "<p>Otterbeek is een van de wijken waar de stad en Woonpunt Mechelen "
                "samen een pleinmaker een thuis gaven. De pleinmaker is er geregeld op "
                "straat, kent de sleutelfiguren en praat met de buurtwerkers, de "
                "wijkagent en de huisvestingsmaatschappij over wat er leeft.</p>"
            ),
            p(
                "<p>Elk jaar zet de pleinmaker minstens één eigen actie op in Otterbeek, "
                "en doet mee aan de burendagen van de stad.</p>"
            ),
        ],
    ),
    (
        "bethaniepolder",
        "Bethaniëpolder",
        "In de Bethaniëpolder helpt de pleinmaker bewoners de weg te vinden naar wat de stad aanbiedt.",
        [
            p(
                "<p>In de Bethaniëpolder woont een pleinmaker die nieuwe en oude bewoners "
                "met elkaar in contact brengt. Wie een vraag heeft, vindt via de "
                "pleinmaker sneller de weg naar het reguliere aanbod: het sociaal huis, "
                "de bibliotheek, het buurtcentrum of een vereniging.</p>"
            ),
        ],
    ),
    (
        "mahatma-gandhi",
        "Mahatma Gandhi",
        "In de wijk Mahatma Gandhi werkt een pleinmaker aan een positief beeld van de buurt.",
        [
            p(
                "<p>De pleinmaker in de Mahatma Gandhiwijk neemt actief deel aan de "
                "activiteiten in de buurt en organiseert op eigen initiatief "
                "straatmomenten. Zo groeit er een buurtnetwerk waarin mensen elkaar "
                "kennen en op elkaar kunnen rekenen.</p>"
            ),
            quote(
                "Een buurt verandert niet door één groot project, maar door honderd "
                "kleine ontmoetingen.",
                "Een pleinmaker",
            ),
        ],
    ),
]


def point_site_at_base_url(site):
    """Give the default site the host of PORTAL_BASE_URL, so full URLs are right."""
    base = urlsplit(settings.PORTAL_BASE_URL)
    port = base.port or (443 if base.scheme == "https" else 80)
    if (site.hostname, site.port) != (base.hostname, port):
        site.hostname, site.port = base.hostname, port
        site.save()


def load(loader):
    home = loader.home
    point_site_at_base_url(home.get_site())

    loader.page(
        ContentPageFactory,
        home,
        "over-pleinmakers",
        title="Over pleinmakers",
        show_in_menus=True,
        intro=(
            "Een pleinmaker is een bewoner die in een sociale woonwijk woont en er met "
            "eigen talenten ontmoeting en samenhang versterkt."
        ),
        body=[
            h2("Wat is een pleinmaker?"),
            p(
                "<p>Stad Mechelen wil bewoners niet alleen betrekken bij het beleid, maar "
                "hen ook zelf hun buurt aangenamer laten maken. Een pleinmaker is zo’n "
                "bewoner: iemand die in de wijk woont en er ontmoetingen in de publieke "
                "ruimte op gang brengt. Elke pleinmaker doet dat op een eigen manier, met "
                "de eigen talenten.</p>"
            ),
            h2("Wat doet een pleinmaker?"),
            p(
                "<ul>"
                "<li>is regelmatig aanwezig in de wijk, kent de sleutelfiguren en maakt "
                "deel uit van het buurtnetwerk;</li>"
                "<li>kan op eigen initiatief een straatmoment of buurtontmoeting "
                "organiseren;</li>"
                "<li>zet elk jaar minstens één actie op in de eigen wijk;</li>"
                "<li>neemt actief deel aan activiteiten in de buurt;</li>"
                "<li>schrijft in op de burendagen van de stad;</li>"
                "<li>draagt bij aan een positief beeld van de eigen wijk;</li>"
                "<li>gaat in gesprek met de professionals die in de wijk werken;</li>"
                "<li>spreekt andere bewoners aan om het sociale weefsel te versterken;</li>"
                "<li>leidt bewoners toe naar het reguliere aanbod van stad en partners.</li>"
                "</ul>"
            ),
            h2("Wie kan pleinmaker worden?"),
            p(
                "<p>Een goede pleinmaker:</p><ul>"
                "<li>communiceert vlot en beweegt zich sociaal vaardig door de wijk, die "
                "ook de eigen thuis is;</li>"
                "<li>omarmt diversiteit en respecteert ieders levenskeuzes;</li>"
                "<li>organiseert graag activiteiten die mensen samenbrengen;</li>"
                "<li>staat open voor coaching door een professionele medewerker van de "
                "stad;</li>"
                "<li>neemt initiatief en zet anderen aan om mee te doen.</li></ul>"
            ),
            h2("Wat krijgt een pleinmaker?"),
            p(
                "<p>Een pleinmaker krijgt geen loon. Wel zorgen de stad en de sociale "
                "huisvestingsmaatschappij voor een woning in een van de gekozen wijken, "
                "voor de pleinmaker en het gezin. De huur wordt gedeeld: de pleinmaker "
                "betaalt een deel, de stad betaalt een deel.</p>"
                "<p>Daarnaast krijgt de pleinmaker een opleiding over hoe de stad, haar "
                "diensten en partners werken en over de werking van de "
                "huisvestingsmaatschappij, zodat die vlot deel wordt van het buurtnetwerk. "
                "Een professionele medewerker begeleidt de pleinmaker op maat.</p>"
            ),
            callout(
                "info",
                "Geen job, wel een engagement",
                "<p>Pleinmaker zijn is vrijwillig. De bijdrage in de huur erkent de "
                "inzet, maar is geen verloning.</p>",
            ),
        ],
    )

    mechelen = loader.page(
        ContentPageFactory,
        home,
        "pleinmakers-in-mechelen",
        title="Pleinmakers in Mechelen",
        show_in_menus=True,
        intro=(
            "Stad Mechelen en Woonpunt Mechelen brengen pleinmakers samen in vier "
            "sociale woonwijken."
        ),
        body=[
            h2("Een samenwerking met Woonpunt Mechelen"),
            p(
                "<p>Mechelen werkt voor de pleinmakers samen met Woonpunt Mechelen, de "
                "sociale huisvestingsmaatschappij. Woonpunt stelt in de gekozen wijken "
                "woningen ter beschikking; de stad zorgt voor de selectie, de opleiding "
                "en de begeleiding van de pleinmakers en betaalt mee aan de huur.</p>"
            ),
            h2("Vier wijken"),
            p(
                "<p>Pleinmakers zijn actief in het Oud-Oefenplein, Otterbeek, de "
                "Bethaniëpolder en de wijk Mahatma Gandhi. Elke wijk is anders, en dus "
                "ook het werk van elke pleinmaker.</p>"
            ),
            callout(
                "info",
                "Alle plaatsen zijn ingevuld",
                "<p>Op dit moment heeft Mechelen alle pleinmakers gevonden die het "
                "nodig heeft. Wil je zelf pleinmakers starten in je gemeente? Sluit aan "
                "bij het lerend netwerk.</p>",
            ),
        ],
    )
    for slug, title, intro, body in NEIGHBOURHOODS:
        loader.page(
            ContentPageFactory, mechelen, slug, title=title, intro=intro, body=body
        )

    loader.page(
        ContentPageFactory,
        home,
        "lerend-netwerk",
        title="Lerend netwerk",
        show_in_menus=True,
        intro=(
            "Mechelen deelt wat het leerde over pleinmakers met andere lokale besturen. "
            "Samen leren we sneller."
        ),
        body=[
            h2("Mechelen als mentor"),
            p(
                "<p>In het Vlaamse Plan Samenleven van het Agentschap Binnenlands Bestuur "
                "nam Stad Mechelen het mentorschap op voor de actie pleinmakers. Andere "
                "lokale besturen konden zo aansluiten bij een lerend netwerk dat "
                "Mechelen begeleidt.</p>"
            ),
            callout(
                "info",
                "Na Plan Samenleven",
                "<p>Plan Samenleven liep van 2022 tot 2025. Het lerend netwerk gaat "
                "verder als onderdeel van het lokale beleid rond sociale cohesie. "
                "Redacteurs kunnen deze tekst aanpassen wanneer er nieuwe afspraken "
                "zijn.</p>",
            ),
            h2("Wat krijgt je bestuur?"),
            p(
                "<ul>"
                "<li>de ervaring van Mechelen: hoe je start, met wie je samenwerkt en "
                "waar je op let;</li>"
                "<li>gidsen en documenten die je meteen kunt gebruiken;</li>"
                "<li>ontmoetingen met andere besturen die hetzelfde proberen;</li>"
                "<li>een vast aanspreekpunt bij het team sociale cohesie.</li></ul>"
            ),
            h2("Wat verwachten we van je?"),
            p(
                "<ul>"
                "<li>je deelt je eigen ervaringen, ook wat niet lukte;</li>"
                "<li>je neemt deel aan de bijeenkomsten van het netwerk;</li>"
                "<li>je werkt aan pleinmakers samen met een sociale "
                "huisvestingsmaatschappij in je gemeente.</li></ul>"
            ),
            h2("Hoe sluit je aan?"),
            p(
                "<p>Neem contact op met het team sociale cohesie van Stad Mechelen. We "
                "bekijken samen hoe ver je staat en wat het netwerk voor je kan "
                "betekenen.</p>"
            ),
        ],
    )

    privacy = loader.page(
        ContentPageFactory,
        home,
        "privacy",
        title="Privacyverklaring",
        intro="Welke persoonsgegevens dit portaal verwerkt, waarom, en wat je rechten zijn.",
        body=[
            h2("Wie is verantwoordelijk?"),
            p(
                "<p>Stad Mechelen is verantwoordelijk voor de verwerking van de gegevens "
                "op dit portaal. Vragen over privacy stel je aan het team sociale "
                "cohesie.</p>"
            ),
            h2("Welke gegevens verwerken we?"),
            p(
                "<ul><li>wat je invult in een formulier (naam, e-mailadres, organisatie, "
                "je bericht);</li><li>voor leden van het netwerk: de gegevens van je "
                "account en wat je deelt;</li><li>technische gegevens die nodig zijn om "
                "de website veilig te laten werken, zoals een sessiecookie.</li></ul>"
            ),
            h2("Waarom?"),
            p(
                "<p>Alleen om je vraag te beantwoorden, het lerend netwerk te laten "
                "werken en de website te beveiligen. We gebruiken geen trackers of "
                "advertentiecookies en laden niets van andere websites.</p>"
            ),
            h2("Hoe lang?"),
            p(
                "<p>We bewaren je gegevens niet langer dan nodig. Een lid kan zijn "
                "account en gegevens zelf verwijderen.</p>"
            ),
            h2("Je rechten"),
            p(
                "<p>Je mag je gegevens inkijken, laten verbeteren of laten wissen. Ben je "
                "het niet eens met hoe we met je gegevens omgaan, dan kun je klacht "
                "indienen bij de Vlaamse Toezichtcommissie.</p>"
            ),
        ],
    )

    accessibility = loader.page(
        ContentPageFactory,
        home,
        "toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        intro=(
            "Stad Mechelen wil dat iedereen dit portaal kan gebruiken. Hier lees je hoe "
            "toegankelijk het is en hoe je een probleem meldt."
        ),
        body=[
            p(
                "<p>Stad Mechelen streeft ernaar dit portaal toegankelijk te maken "
                "volgens het Vlaamse bestuursdecreet en de Europese richtlijn (EU) "
                "2016/2102. Deze verklaring geldt voor het portaal van het lerend "
                "netwerk pleinmakers.</p>"
            ),
            h2("Nalevingsstatus"),
            p(
                "<p>Dit portaal is gedeeltelijk in overeenstemming met de "
                "Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA, om de "
                "redenen die hieronder staan.</p>"
            ),
            h2("Niet-toegankelijke inhoud"),
            p(
                "<p>Documenten die leden of partners aanleveren (bijvoorbeeld oudere "
                "pdf-bestanden) zijn niet altijd volledig toegankelijk. Heb je een "
                "document in een andere vorm nodig, vraag het ons dan.</p>"
            ),
            h2("Opstelling van deze verklaring"),
            p(
                "<p>Deze verklaring is opgesteld op basis van een zelfevaluatie door het "
                "ontwikkelteam, met automatische tests (axe-core) op elke soort pagina "
                "en controles met het toetsenbord.</p>"
            ),
            h2("Feedback en contactgegevens"),
            p(
                "<p>Loop je tegen een probleem aan? Meld het aan het team sociale "
                "cohesie via socialecohesie@mechelen.be. We antwoorden binnen tien "
                "werkdagen.</p>"
            ),
            h2("Handhavingsprocedure"),
            p(
                "<p>Krijg je geen of geen bevredigend antwoord, dan kun je een klacht "
                "indienen bij de Vlaamse Ombudsdienst.</p>"
            ),
        ],
    )

    site_settings = SiteSettings.for_site(home.get_site())
    if (
        site_settings.privacy_page_id is None
        or site_settings.accessibility_page_id is None
    ):
        site_settings.privacy_page = site_settings.privacy_page or privacy
        site_settings.accessibility_page = (
            site_settings.accessibility_page or accessibility
        )
        site_settings.save()

    loader.login(
        UserFactory,
        "beheerder",
        "DEMO_ADMIN_EMAIL",
        "DEMO_ADMIN_PASSWORD",
        "beheerder@pleinmakers.example",
        first_name="Demo",
        last_name="Beheerder",
        is_staff=True,
        is_superuser=True,
    )
    loader.login(
        EditorFactory,
        "redacteur",
        "DEMO_EDITOR_EMAIL",
        "DEMO_EDITOR_PASSWORD",
        "redacteur@pleinmakers.example",
        first_name="Demo",
        last_name="Redacteur",
    )
    demo_guides.load(loader)
