"""The practices list reads the facet counts of the whole list from
`ListingFacetCounts`. Every change that moves a count empties them in its own
transaction and queues a recount, so what a visitor sees always equals a live
count: after each kind of change, and while the table is empty."""

import pytest
from django.db.models import F
from django.http import QueryDict
from taggit.models import Tag
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from casestudies.facet_counts import refresh_listing_facets
from casestudies.filters import CaseStudyFilter
from casestudies.models import CaseStudyIndexPage, ListingFacetCounts
from tests.casestudies.conftest import CATALOGUE, titles
from tests.helpers import enqueued

URL = "/praktijkvoorbeelden/"
QUERIES = [
    "",
    "thema=jongeren",
    "thema=jongeren&thema=groen",
    "thema=onbekend",
    "provincie=limburg",
    "thema=jongeren&provincie=limburg&provincie=antwerpen",
    "status=lopend&grootte=tot-10000&label=gedeeld",
    "van=2020&tot=2024&thema=diversiteit",
    "sorteer=naam&page=1",
    "gemeente=genk",
    "gemeente=genk&thema=jongeren",
]


def shown(response):
    """What the page shows of its facets: every option's count and state, the
    total and the start years."""
    context = response.context
    return _comparable(context["facets"], context["total"], context["years"])


def _comparable(facets, total, years):
    options = [
        (facet.param, o.value, o.label, o.count, o.selected)
        for facet in facets
        for o in facet.options
    ]
    return options, total, years


def live(query):
    """The same counts, computed live from the practices."""
    index = CaseStudyIndexPage.objects.get()
    return _comparable(*CaseStudyFilter(QueryDict(query)).facets(index.practices()))


def assert_every_list_matches_a_live_count(client):
    for query in QUERIES:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200
        assert shown(response) == live(query), query


def stored():
    return ListingFacetCounts.objects.filter(themes__isnull=False).exists()


def theme_count(client, slug, query=""):
    facet = client.get(f"{URL}?{query}").context["facets"][0]
    return {option.value: option.count for option in facet.options}.get(slug)


@pytest.fixture
def counted(catalogue, django_capture_on_commit_callbacks):
    """The catalogue, with the list's counts stored by the queued recount."""
    with django_capture_on_commit_callbacks(execute=True):
        # Any change queues the recount; publishing again is the editor's way.
        catalogue["Stadspark"].save_revision().publish()
    assert stored()
    return catalogue


def test_the_list_reads_the_stored_counts(client, counted):
    assert theme_count(client, "jongeren") == 3
    ListingFacetCounts.objects.update(
        themes=[
            {"theme_slug": "jongeren", "theme_name": "jongeren", "n": 99},
        ]
    )
    # Read where they are this selection's counts; a filter counts live.
    assert theme_count(client, "jongeren") == 99
    assert theme_count(client, "jongeren", "thema=jongeren") == 99
    assert theme_count(client, "jongeren", "status=lopend") == 1
    assert theme_count(client, "jongeren", "q=Genk") == 1
    assert theme_count(client, "jongeren", "gemeente=genk") == 1


def test_stored_counts_of_every_list_equal_a_live_count(client, counted):
    assert_every_list_matches_a_live_count(client)


@pytest.mark.parametrize(
    "change",
    [
        "publish",
        "unpublish",
        "themes",
        "municipality",
        "province",
        "move",
        "restriction",
        "restriction above",
        "theme renamed",
        "delete",
    ],
)
def test_after_each_change_the_list_equals_a_live_count(
    client,
    counted,
    practice,
    municipality,
    editor,
    change,
    django_capture_on_commit_callbacks,
):
    page = counted["Buurtkamers"]
    if change == "restriction above":
        # The list itself is then for those who log in; it lists no practice.
        client.force_login(editor)
    before = live("")

    def make_change():
        if change == "publish":
            practice("Bree", themes=["groen", "senioren"], title="Nieuw", slug="nieuw")
        elif change == "unpublish":
            UnpublishPageAction(page).execute(skip_permission_checks=True)
        elif change == "themes":
            page.themes.set(["groen", "burendag", "nieuw-thema"])
            page.save_revision().publish()
        elif change == "municipality":
            page.municipality = municipality("Glabbeek")
            page.save_revision().publish()
        elif change == "province":
            genk = municipality("Genk")
            genk.province = "antwerpen"
            genk.inhabitants = 5_000
            genk.save()
        elif change == "move":
            page.move(page.get_parent().get_parent(), pos="last-child")
        elif change == "restriction":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        elif change == "restriction above":
            PageViewRestriction.objects.create(
                page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
            )
        elif change == "theme renamed":
            tag = Tag.objects.get(slug="diversiteit")
            tag.name = "Verscheidenheid"
            tag.save()
        elif change == "delete":
            page.delete()

    # Before the recount runs the list counts live: never an old count.
    make_change()
    assert not stored()
    assert_every_list_matches_a_live_count(client)
    assert live("") != before

    # Once committed, the queued recount stores the new counts.
    with django_capture_on_commit_callbacks(execute=True):
        counted["Stadspark"].save_revision().publish()
    assert stored()
    assert_every_list_matches_a_live_count(client)


def test_restoring_a_restriction_counts_the_practice_again(
    client, counted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=counted["Hoogbouw"], restriction_type=PageViewRestriction.LOGIN
        )
    assert stored()
    assert theme_count(client, "diversiteit") == 1
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert stored()
    assert theme_count(client, "diversiteit") == 2
    assert_every_list_matches_a_live_count(client)


def test_a_draft_or_a_lock_keeps_the_stored_counts(counted, editor):
    page = counted["Buurtkamers"]
    page.title = "Buurtkamers (concept)"
    page.save_revision(user=editor)
    page.locked = True
    page.save(update_fields=["locked"])
    assert stored()


def test_an_empty_table_counts_live(client, counted):
    ListingFacetCounts.objects.all().delete()
    assert_every_list_matches_a_live_count(client)
    assert set(titles(client.get(URL))) == {row[0] for row in CATALOGUE}


def test_counts_stored_for_options_the_code_no_longer_has_are_not_used(client, counted):
    row = ListingFacetCounts.objects.get()
    for year in row.years:
        del year["status:lopend"]
    row.save()
    assert_every_list_matches_a_live_count(client)


def test_a_recount_that_a_change_overtook_stores_nothing(counted, monkeypatch):
    ListingFacetCounts.objects.update(themes=None, years=None)
    counting = CaseStudyFilter.facet_rows

    def overtaken(self, practices):
        rows = counting(self, practices)
        # A change commits while the recount counts.
        ListingFacetCounts.objects.update(version=F("version") + 1)
        return rows

    monkeypatch.setattr(CaseStudyFilter, "facet_rows", overtaken)
    assert refresh_listing_facets() == 0
    assert not stored()


def test_changes_before_the_queued_recount_starts_queue_no_other(
    counted, monkeypatch, django_capture_on_commit_callbacks
):
    queued = enqueued(monkeypatch, "casestudies.tasks.refresh_listing_facets_task")
    with django_capture_on_commit_callbacks(execute=True):
        for page in counted.values():
            page.save_revision().publish()
    assert len(queued) == 1
    assert not stored()


def test_the_migration_fills_the_table(counted):
    import importlib

    from django.apps import apps

    ListingFacetCounts.objects.all().delete()
    migration = importlib.import_module(
        "casestudies.migrations.0008_listing_facet_counts"
    )
    migration.fill(apps, None)
    assert stored()


def test_bench_data_written_in_bulk_is_counted_at_the_end(client, counted):
    from django.core.management import call_command

    # Written without signals; the command recounts once it is done.
    call_command("generate_bench_data", "--case-studies", "20", "--seed", "1")
    assert stored()
    assert client.get(URL).context["total"] == len(CATALOGUE) + 20
    assert_every_list_matches_a_live_count(client)
