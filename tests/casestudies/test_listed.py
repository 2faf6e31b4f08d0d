"""A filtered practices list counts its facets from `ListedPractice`: one
narrow row per listed practice, rewritten in the transaction of every change
that moves what the list shows. The rows always equal what the index lists,
with no recount to wait for."""

import pytest
from django.http import QueryDict
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction

from casestudies.filters import CaseStudyFilter
from casestudies.models import (
    CaseStudyIndexPage,
    ListedPractice,
    SizeBand,
    size_band_expression,
)
from tests.casestudies.test_facet_counts import (
    URL,
    assert_every_list_matches_a_live_count,
    theme_count,
)


def listed():
    return set(
        ListedPractice.objects.values_list(
            "page_id",
            "index_id",
            "municipality_id",
            "start_year",
            "province",
            "band",
            "status",
            "label",
        )
    )


def live():
    """The same rows, from what each index lists now."""
    return {
        (pk, index.pk, *row)
        for index in CaseStudyIndexPage.objects.all()
        for pk, *row in index.practices().values_list(
            "pk",
            "municipality_id",
            "start_year",
            "municipality__province",
            size_band_expression(),
            "status",
            "label",
        )
    }


def test_a_filtered_list_counts_the_listed_rows(client, catalogue):
    assert listed() == live()
    assert theme_count(client, "jongeren", "provincie=limburg") == 1
    ListedPractice.objects.update(province="limburg")
    assert theme_count(client, "jongeren", "provincie=limburg") == 3


def test_a_search_counts_the_listed_rows(client, catalogue):
    query = "q=Genk&provincie=limburg"
    assert theme_count(client, "jongeren", query) == live_theme_count(query) > 0
    ListedPractice.objects.update(province="antwerpen")
    assert theme_count(client, "jongeren", query) == 0


def live_theme_count(query):
    index = CaseStudyIndexPage.objects.get()
    facets, _total, _years = CaseStudyFilter(QueryDict(query)).facets(index.practices())
    return {option.value: option.count for option in facets[0].options}["jongeren"]


@pytest.mark.parametrize(
    "change",
    [
        "publish",
        "unpublish",
        "unpublish as a plain page",
        "year",
        "themes",
        "municipality",
        "province",
        "move",
        "restriction",
        "restriction removed",
        "delete",
    ],
)
def test_after_each_change_the_rows_equal_the_list(
    client, catalogue, practice, municipality, change
):
    page = catalogue["Buurtkamers"]
    before = live()
    if change == "publish":
        practice("Bree", themes=["groen"], title="Nieuw", slug="nieuw", start_year=2021)
    elif change == "unpublish":
        UnpublishPageAction(page).execute(skip_permission_checks=True)
    elif change == "unpublish as a plain page":
        # As `publish_scheduled` unpublishes an expired page.
        Page.objects.get(pk=page.pk).unpublish(set_expired=True)
    elif change == "year":
        page.start_year = 2011
        page.save_revision().publish()
    elif change == "themes":
        page.themes.set(["groen", "nieuw-thema"])
        page.save_revision().publish()
    elif change == "municipality":
        page.municipality = municipality("Glabbeek")
        page.save_revision().publish()
    elif change == "province":
        genk = municipality("Genk")
        genk.province = "antwerpen"
        genk.inhabitants = 120_000
        genk.save()
    elif change == "move":
        page.move(page.get_parent().get_parent(), pos="last-child")
    elif change == "restriction":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    elif change == "restriction removed":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        ).delete()
    elif change == "delete":
        page.delete()
    assert listed() == live()
    if change not in ("themes", "restriction removed"):
        assert listed() != before
    assert_every_list_matches_a_live_count(client)


def test_a_draft_keeps_the_rows(catalogue, editor):
    page = catalogue["Buurtkamers"]
    page.start_year = 1999
    page.save_revision(user=editor)
    assert ListedPractice.objects.get(page=page).start_year != 1999


def test_the_migration_fills_the_table(catalogue):
    import importlib

    from django.apps import apps

    rows = listed()
    ListedPractice.objects.all().delete()
    migration = importlib.import_module("casestudies.migrations.0010_listed_practices")
    migration.fill(apps, None)
    assert listed() == rows


def test_bench_data_written_in_bulk_gets_its_rows(client, catalogue):
    from django.core.management import call_command

    call_command("generate_bench_data", "--case-studies", "20", "--seed", "1")
    assert listed() == live()
    assert client.get(f"{URL}?grootte={SizeBand.UNDER_10K}").status_code == 200
    assert_every_list_matches_a_live_count(client)
