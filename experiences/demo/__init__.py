"""Demo experiences, flagged `is_example`: a few published ones with reactions, and
the demo member's own in every state, all made through the real workflow
(revisions, moderation). The site shows each with a "Voorbeeld" banner.

The texts are in `experiences.toml`.
"""

from experiences import services
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
        is_example=True,
    )
    experience.themes.set(spec["themes"])
    return experience


def load(loader):
    if Experience.objects.filter(is_example=True).exists():
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


def remove(stdout):
    count, _by_model = Experience.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} example experiences and their reactions")
