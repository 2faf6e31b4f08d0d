import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from casestudies.factories import FILLER, CaseStudyIndexPageFactory
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    DataDictionaryPage,
    SizeBand,
    size_band_for,
)
from home.models import HomePage
from portal.models import ContentPage


class TestPageTree(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CaseStudyIndexPage)
        self.assertCanNotCreateAt(ContentPage, CaseStudyIndexPage)

    def test_practices_and_dictionary_live_under_the_index_only(self):
        self.assertCanCreateAt(CaseStudyIndexPage, CaseStudyPage)
        self.assertCanCreateAt(CaseStudyIndexPage, DataDictionaryPage)
        self.assertCanNotCreateAt(HomePage, CaseStudyPage)
        self.assertCanNotCreateAt(ContentPage, CaseStudyPage)
        self.assertCanNotCreateAt(CaseStudyPage, CaseStudyPage)

    def test_there_is_one_index_and_one_dictionary(self):
        assert CaseStudyIndexPage.max_count == 1
        assert DataDictionaryPage.max_count == 1


@pytest.mark.parametrize(
    ("inhabitants", "band"),
    [
        (0, SizeBand.UNDER_10K),
        (9_999, SizeBand.UNDER_10K),
        (10_000, SizeBand.FROM_10K),
        (24_999, SizeBand.FROM_10K),
        (25_000, SizeBand.FROM_25K),
        (50_000, SizeBand.FROM_50K),
        (99_999, SizeBand.FROM_50K),
        (100_000, SizeBand.OVER_100K),
        (263_927, SizeBand.OVER_100K),
    ],
)
def test_size_band_follows_the_inhabitants(inhabitants, band):
    assert size_band_for(inhabitants) == band


def test_size_band_comes_from_the_municipality(practice):
    assert practice("Genk").size_band == SizeBand.FROM_50K
    assert practice("Glabbeek").size_band == SizeBand.UNDER_10K


def test_hero_image_needs_alt_text(practice):
    from wagtail_factories import ImageFactory

    page = practice()
    page.hero_image = ImageFactory()
    page.hero_image_alt = "  "
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "hero_image_alt" in error.value.message_dict
    page.hero_image_alt = "Buren aan een tafel op het plein"
    page.full_clean()


def test_summary_is_at_most_300_characters(practice):
    page = practice()
    page.summary = "x" * 301
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "summary" in error.value.message_dict


def test_summary_is_the_meta_description(practice):
    page = practice(summary="Buren leren elkaar kennen op het plein.")
    assert page.get_meta_description() == "Buren leren elkaar kennen op het plein."


def test_a_municipality_with_practices_cannot_be_deleted(practice, municipality):
    practice("Genk")
    with pytest.raises(ProtectedError):
        municipality("Genk").delete()


def test_contact_email_is_not_in_the_api_fields():
    names = {field.name for field in CaseStudyPage.api_fields}
    assert "contact_email" not in names
    assert "contact_name" not in names
    assert {"summary", "municipality", "themes", "status"} <= names


def test_themes_are_tags_through_their_own_model(practice):
    page = practice(themes=["groen", "jongeren"])
    assert page.theme_list == ["groen", "jongeren"]
    assert page.tagged_items.count() == 2


@pytest.mark.django_db
def test_search_finds_a_practice_by_municipality_name_and_body_word(practice):
    page = practice(
        "Poperinge",
        title="Moestuin op het plein",
        body=[
            (
                "paragraph",
                f"<p>Samen tuinieren met hopranken langs de straat. {FILLER * 6}</p>",
            )
        ],
    )
    practice("Genk", title="Buurtkamers")
    by_town = CaseStudyPage.objects.live().search("Poperinge")
    assert [result.pk for result in by_town] == [page.pk]
    by_body = CaseStudyPage.objects.live().search("hopranken")
    assert [result.pk for result in by_body] == [page.pk]


def test_index_factory_is_idempotent(home_page):
    first = CaseStudyIndexPageFactory(parent=home_page)
    second = CaseStudyIndexPageFactory(parent=home_page)
    assert first.pk == second.pk
    assert Page.objects.type(CaseStudyIndexPage).count() == 1


@pytest.mark.parametrize(
    ("fte", "shown"),
    [("0.50", "0.5"), ("1.00", "1"), ("10.00", "10"), ("1.25", "1.25")],
)
def test_coordinator_time_is_shown_without_trailing_zeros(db, fte, shown):
    from decimal import Decimal

    assert (
        str(CaseStudyPage(coordinator_fte=Decimal(fte)).coordinator_fte_display)
        == shown
    )


def test_status_and_label_display_as_djangos_own(db):
    """`get_status_display`/`get_label_display` skip Django's hashing of every
    lazy label, and give the same text. (A new page reads its content type,
    which needs the database when this worker has not cached it yet.)"""
    from casestudies.models import CaseStudyPage, Label, Status

    for status in Status:
        page = CaseStudyPage(status=status)
        assert page.get_status_display() == status.label
    for label in Label:
        assert CaseStudyPage(label=label).get_label_display() == label.label
    assert CaseStudyPage(status="onbekend").get_status_display() == "onbekend"
