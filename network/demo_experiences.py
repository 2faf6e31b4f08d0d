"""Demo experiences: a few published ones with reactions, and the demo member's own
in every state, all made through the real workflow (revisions, moderation)."""

from network import experience_services as services
from network.factories import ExperienceIndexPageFactory
from network.models import Experience
from portal.models import User

PUBLISHED = [
    # author e-mail, kind, title, summary, body, themes, reactions: (e-mail, text)
    (
        "noor.verbruggen@mechelen.example",
        "tip",
        "Laat de pleinmaker zelf de eerste actie kiezen",
        "Onze pleinmakers kiezen hun eerste actie zelf. Dat werkt beter dan een "
        "programma dat de stad voor hen bedenkt.",
        "Een pleinmaker woont in de wijk en kent de buren al snel beter dan wij. "
        "Daarom vragen we in het eerste gesprek niet *wat* ze moeten doen, maar "
        "**waar ze zelf zin in hebben**.\n\n"
        "Wat we daarbij meegeven:\n\n"
        "- begin klein: een koffiemoment op het plein is genoeg;\n"
        "- nodig de professionals uit de wijk uit, zodat ze de pleinmaker leren "
        "kennen;\n"
        "- schrijf je meteen in voor de burendagen van de stad.\n\n"
        "De coach van de stad helpt met vergunningen en materiaal, maar de actie "
        "blijft van de pleinmaker.",
        ["burendag", "begeleiding"],
        [
            (
                "an.peeters@leuven.example",
                "Herkenbaar! Hoe vaak zien jullie de pleinmaker in het eerste jaar?",
            ),
            (
                "noor.verbruggen@mechelen.example",
                "In het begin elke twee weken, daarna eens per maand. En natuurlijk "
                "telkens als er een actie aankomt.",
            ),
        ],
    ),
    (
        "jonas.declercq@kortrijk.example",
        "verslag",
        "Onze eerste burendag in Kortrijk",
        "Veertig buren, één lange tafel en soep van drie keukens. Wat we leerden "
        "van onze eerste burendag met een pleinmaker.",
        "Onze pleinmaker zette een lange tafel midden op het plein en vroeg drie "
        "buren om soep te maken. Rond de middag zaten er veertig mensen.\n\n"
        "Wat werkte: de uitnodiging ging van deur tot deur, door de pleinmaker zelf. "
        "Wat we volgende keer anders doen: een plan B voor regen.",
        ["burendag", "ontmoeting"],
        [
            (
                "lotte.desmet@aalst.example",
                "Mooi! Hebben jullie de huisvestingsmaatschappij mee betrokken?",
            )
        ],
    ),
    (
        "an.peeters@leuven.example",
        "vraag",
        "Hoe kies je de wijk waar je start?",
        "We twijfelen tussen twee wijken met veel sociale woningen. Welke criteria "
        "gebruikten jullie?",
        "Samen met onze huisvestingsmaatschappij zoeken we een eerste wijk. De ene "
        "is groot en heeft al een buurtwerking, de andere is kleiner en heeft "
        "weinig ontmoetingsplekken.\n\n"
        "Waar hebben jullie naar gekeken? En hoe betrokken jullie de bewoners bij "
        "die keuze?",
        ["wijkkeuze", "huisvesting"],
        [],
    ),
    (
        "lotte.desmet@aalst.example",
        "ervaring",
        "Een woning vrijhouden vraagt tijd",
        "De huisvestingsmaatschappij moet een woning vrijhouden voor de "
        "pleinmaker. Reken daar ruim tijd voor.",
        "Een pleinmaker woont in de wijk waar hij of zij werkt. Dat betekent dat "
        "de huisvestingsmaatschappij een geschikte woning moet vinden en "
        "vrijhouden. Bij ons duurde dat langer dan gedacht.\n\n"
        "Onze tip: spreek het vroeg af, en leg op papier hoe de huur verdeeld wordt "
        "tussen de pleinmaker en de gemeente.",
        ["huisvesting"],
        [],
    ),
]


def _user(email):
    return User.objects.get(email=email)


def _login(loader, role):
    return _user(next(email for name, email, _pw in loader.logins if name == role))


def load(loader):
    loader.page(
        ExperienceIndexPageFactory,
        loader.home,
        "ervaringen",
        title="Ervaringen",
        intro=(
            "Wat werkte er, wat niet, en wat zou je anders doen? Hier delen "
            "medewerkers van de gemeenten in het netwerk hun ervaringen, tips en "
            "vragen. De redactie leest elke bijdrage voor ze online komt."
        ),
    )
    if Experience.objects.exists():
        return
    editor = _login(loader, "redacteur")
    for email, kind, title, summary, body, themes, reactions in PUBLISHED:
        author = _user(email)
        experience = Experience(kind=kind, title=title, summary=summary, body=body)
        experience.themes.set(themes)
        services.save_experience(experience, author, submit=True)
        services.decide(experience, editor, services.Decision.APPROVE)
        for reaction_email, text in reactions:
            services.add_reaction(experience, _user(reaction_email), text)
    loader.stdout.write(f"  + {len(PUBLISHED)} published experiences")

    member = _login(loader, "lid")
    waiting = Experience(
        kind="tip",
        title="Een pleinmaker vinden via de buurtwerking",
        summary="Onze buurtwerkers kenden al bewoners die graag iets doen voor hun "
        "wijk. Zo vonden we snel kandidaten.",
        body="We vroegen onze buurtwerkers wie er al vaak meehelpt. Met drie van "
        "die bewoners hadden we een eerste gesprek.",
    )
    waiting.themes.set(["selectie"])
    services.save_experience(waiting, member, submit=True)
    draft = Experience(
        kind="ervaring",
        title="Wat we leerden uit het eerste jaar",
        summary="Een concept: nog niet ingediend.",
        body="Hier komt ons verslag van het eerste jaar.",
    )
    services.save_experience(draft, member, submit=False)
    loader.stdout.write("  + the demo member's own experiences (waiting, draft)")
