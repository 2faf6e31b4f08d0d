"""The experiences' true content: the page where members' experiences appear."""

from experiences.factories import ExperienceIndexPageFactory


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
