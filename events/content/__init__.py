"""The agenda's true content: its page, where editors add the network's meetings."""

from events.factories import EventIndexPageFactory


def load(loader):
    loader.page(
        EventIndexPageFactory,
        loader.home,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        intro=(
            "Intervisies, werkbezoeken, netwerkdagen, webinars en opleidingen: hier "
            "zie je wanneer het lerend netwerk samenkomt, en schrijf je in."
        ),
    )
