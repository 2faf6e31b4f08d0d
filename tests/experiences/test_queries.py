"""The list and a detail page cost the same queries with 3 or 60 items, with
a warm cache and without any (`cache_state`)."""

from experiences import services
from experiences.factories import ExperienceFactory
from experiences.photos import store_photo
from tests.experiences.test_photos import jpeg_with_location
from tests.helpers import count_queries

BUDGETS = {"list": 12, "filtered": 12, "search": 12, "detail": 10}
# A logged-in member adds at most the session and the account.
MEMBER_EXTRA = 2
# A member's filtered list also offers to follow its selection (the
# `portal_page_actions` button): it looks up the selection's themes and whether
# they are followed. Over issue #17's member allowance; see the closing note.
FOLLOW_BUTTON = 2


def add_experiences(author, editor, count):
    from io import BytesIO

    from PIL import Image as PILImage

    photo = store_photo(
        PILImage.open(BytesIO(jpeg_with_location())), "Lange tafel", author
    )
    return [
        ExperienceFactory(
            author=author,
            title=f"Ervaring {number}",
            photo=photo,
            photo_alt="Buren aan tafel",
            themes=["burendag", f"thema {number % 4}"],
            publish=True,
            publish__by=editor,
        )
        for number in range(count)
    ]


def add_reactions(experience, authors, count):
    for number in range(count):
        services.add_reaction(experience, authors[number % 2], f"Reactie {number}")


def measure(client, experience):
    return {
        "list": count_queries(client, "/ervaringen/"),
        "filtered": count_queries(
            client, "/ervaringen/?thema=burendag&provincie=antwerpen"
        ),
        "search": count_queries(client, "/ervaringen/?q=ervaring"),
        "detail": count_queries(client, experience.get_absolute_url()),
    }


def test_list_and_detail_do_not_grow_with_the_data(
    client, experiences_page, member, colleague, editor, cache_state
):
    first = add_experiences(member, editor, 3)[0]
    add_reactions(first, [member, colleague], 3)
    small = measure(client, first)
    client.force_login(colleague)
    small_member = measure(client, first)
    client.logout()

    add_experiences(member, editor, 57)
    add_reactions(first, [member, colleague], 57)
    large = measure(client, first)
    client.force_login(colleague)
    large_member = measure(client, first)

    assert small == large
    assert small_member == large_member
    for page, budget in BUDGETS.items():
        assert large[page] <= budget, large
        extra = MEMBER_EXTRA + (FOLLOW_BUTTON if page == "filtered" else 0)
        assert large_member[page] <= budget + extra, large_member
