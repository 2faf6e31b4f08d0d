"""The home page's text; it links the pages the other apps' content created."""

from portal.demo.blocks import heading, paragraph, stream

JOIN_URL = "/netwerk/aansluiten/"


def load(loader):
    home = loader.home
    if home.body:
        return
    pages = {child.slug: child for child in home.get_children().specific()}
    home.intro = (
        "Stad Mechelen deelt zijn ervaring met pleinmakers: bewoners die in een "
        "sociale woonwijk wonen en er ontmoeting en samenhang versterken. Start je er "
        "zelf mee? Leer van Mechelen en van elkaar."
    )
    home.body = stream(
        [
            heading("Wat is het lerend netwerk?"),
            paragraph(
                "<p>Het lerend netwerk pleinmakers brengt Vlaamse lokale besturen "
                "samen die pleinmakers willen inzetten of er al mee werken. Mechelen "
                "is de mentor: we delen hoe we het aanpakten met Woonpunt Mechelen, "
                "welke documenten we gebruiken en wat we onderweg leerden.</p>"
            ),
            heading("Voor wie?"),
            paragraph(
                "<p>Voor medewerkers van steden en gemeenten die werken rond "
                "samenleven, wonen of buurtwerking, en voor hun partners bij de "
                "sociale huisvestingsmaatschappij. Je hoeft geen expert te zijn: "
                "nieuwsgierigheid volstaat om te beginnen.</p>"
            ),
            {
                "type": "key_figures",
                "title": "Pleinmakers in Mechelen",
                "figures": [
                    {"number": "4", "label": "sociale woonwijken met een pleinmaker"},
                    {
                        "number": "1",
                        "label": "actie per pleinmaker, minstens, elk jaar",
                    },
                    {"number": "2", "label": "partners: de stad en Woonpunt Mechelen"},
                ],
            },
            {
                "type": "call_to_action",
                "title": "Zelf starten met pleinmakers?",
                "text": (
                    "Sluit aan bij het lerend netwerk en krijg begeleiding van "
                    "Mechelen en de ervaring van andere besturen."
                ),
                "button_label": "Zo sluit je aan",
                "page": None,
                "url": JOIN_URL,
            },
            {
                "type": "page_cards",
                "title": "Ontdek het verhaal",
                "pages": [
                    pages[slug]
                    for slug in (
                        "over-pleinmakers",
                        "pleinmakers-in-mechelen",
                        "lerend-netwerk",
                    )
                    if slug in pages
                ],
            },
        ]
    )
    home.save_revision().publish()
    loader.stdout.write("  ~ home page text")
    _order_menu(home)


MENU_ORDER = [
    "over-pleinmakers",
    "pleinmakers-in-mechelen",
    "lerend-netwerk",
    "gidsen",
    "toolkit",
    "praktijkvoorbeelden",
    "netwerk",
    "agenda",
    "ervaringen",
    "veelgestelde-vragen",
    "contact",
]


def _order_menu(home):
    """Put the sections in reading order: the story, then the tools, then contact."""
    for slug in MENU_ORDER:
        page = home.get_children().filter(slug=slug).first()
        if page:
            page.move(home, pos="last-child")
