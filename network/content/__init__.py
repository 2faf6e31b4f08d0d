"""The network's true content: the directory page and Mechelen as mentor, with the
four neighbourhoods where its pleinmakers live (FACTS.md). What is not known,
such as since when, is left for editors to fill in."""

from network.factories import NeighbourhoodFactory, NetworkIndexPageFactory
from network.models import MembershipStatus, Municipality, bump_data_version

MECHELEN_NEIGHBOURHOODS = [
    "Oud-Oefenplein",
    "Otterbeek",
    "Bethaniëpolder",
    "Mahatma Gandhi",
]
MECHELEN_DESCRIPTION = (
    "Mechelen werkt met pleinmakers samen met Woonpunt Mechelen, de sociale "
    "huisvestingsmaatschappij. In het Vlaamse Plan Samenleven nam de stad het "
    "mentorschap op voor de actie pleinmakers: in dit lerend netwerk delen we hoe we "
    "pleinmakers vinden, opleiden en begeleiden."
)


def load(loader):
    loader.page(
        NetworkIndexPageFactory,
        loader.home,
        "netwerk",
        title="Netwerk",
        intro=(
            "Alle 285 Vlaamse gemeenten op een rij. Zie wie al meedoet aan het lerend "
            "netwerk pleinmakers, en met wie je ervaringen kunt uitwisselen."
        ),
    )
    mechelen = Municipality.objects.get(nis_code="12025")
    if mechelen.membership_status != MembershipStatus.MENTOR:
        mechelen.membership_status = MembershipStatus.MENTOR
        mechelen.description = mechelen.description or MECHELEN_DESCRIPTION
        mechelen.save()
        loader.stdout.write("  ~ Mechelen is mentor")
    for name in MECHELEN_NEIGHBOURHOODS:
        NeighbourhoodFactory(municipality=mechelen, name=name, description="")
    bump_data_version()
