"""Demo experiences: a few published ones with reactions, and the demo member's own
in every state, all made through the real workflow (revisions, moderation).

The texts are in `experiences.toml`.
"""

from experiences import services
from experiences.factories import ExperienceIndexPageFactory
from experiences.models import Experience
from portal.demo.blocks import read_data
from portal.models import User

DATA = read_data(__file__, "experiences.toml")


def _user(email):
    return User.objects.get(email=email)


def _login(loader, role):
    return _user(next(email for name, email, _pw in loader.logins if name == role))


def _experience(spec):
    experience = Experience(
        kind=spec["kind"],
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
    )
    experience.themes.set(spec["themes"])
    return experience


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
    for spec in DATA["published"]:
        experience = _experience(spec)
        services.save_experience(experience, _user(spec["author"]), submit=True)
        services.decide(experience, editor, services.Decision.APPROVE)
        for reaction in spec["reactions"]:
            services.add_reaction(
                experience, _user(reaction["author"]), reaction["body"]
            )
    loader.stdout.write(f"  + {len(DATA['published'])} published experiences")

    member = _login(loader, "lid")
    for spec in DATA["own"]:
        services.save_experience(_experience(spec), member, submit=spec["submit"])
    loader.stdout.write("  + the demo member's own experiences (waiting, draft)")
