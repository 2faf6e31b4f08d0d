"""The trajectories' true content: the default route the guides follow, for
editors to adapt under Trajecten -> Route: stappen."""

from portal.models import GuidePage, Phase, ToolkitDocument
from trajectories.factories import StepFactory
from trajectories.models import Step
from trajectories.route import bump_version

# phase slug -> steps (title, description)
DEFAULT_ROUTE = [
    (
        "verkennen",
        "Wijken en partners verkend",
        "Jullie weten in welke sociale woonwijken een pleinmaker het verschil kan "
        "maken, en met wie je daar samenwerkt.",
    ),
    (
        "verkennen",
        "Engagement van het bestuur",
        "Het college of de schepen steunt het plan om met pleinmakers te werken.",
    ),
    (
        "voorbereiden",
        "Samenwerking met de sociale huisvestingsmaatschappij ondertekend",
        "Een schriftelijke afspraak over woningen, huur en opvolging.",
    ),
    (
        "voorbereiden",
        "Woningen aangeduid",
        "De woningen waar pleinmakers kunnen wonen, zijn gekozen.",
    ),
    (
        "selecteren",
        "Profiel en oproep gepubliceerd",
        "Het profiel van de pleinmaker en de oproep om je kandidaat te stellen.",
    ),
    (
        "selecteren",
        "Pleinmaker gekozen",
        "Een kandidaat is gekozen en heeft ja gezegd.",
    ),
    (
        "starten",
        "Eerste pleinmaker woont in de wijk",
        "De eerste pleinmaker is verhuisd en kent de sleutelfiguren van de wijk.",
    ),
    (
        "begeleiden",
        "Eerste buurtactie",
        "De pleinmaker zette een eerste eigen actie op in de wijk.",
    ),
    (
        "evalueren",
        "Jaarlijkse evaluatie",
        "Een eerste evaluatie met de pleinmaker, de huisvester en de coach.",
    ),
]


def ensure_default_route():
    """The route the guides follow, when editors have not made one yet."""
    if Step.objects.exists():
        return []
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    made = []
    for order, (slug, title, description) in enumerate(DEFAULT_ROUTE):
        phase = phases.get(slug)
        if phase is None:
            continue
        step = StepFactory(
            phase=phase, title=title, description=description, sort_order=order
        )
        step.guides.set(GuidePage.objects.filter(phase=phase).live())
        step.documents.set(ToolkitDocument.objects.filter(phase=phase)[:2])
        made.append(step)
    return made


def load(loader):
    for step in ensure_default_route():
        loader.stdout.write(f"  + stap {step.title}")
    bump_version()
