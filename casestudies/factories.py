"""Factories for case studies, shared by the tests, the demo and the bench data."""

import factory
import wagtail_factories
from django.utils import timezone
from factory import fuzzy
from wagtail.rich_text import RichText

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    DataDictionaryPage,
    Label,
    Status,
)
from network.models import MembershipStatus, Municipality

FILLER = "Deze fictieve beschrijving vult een testpagina op. "
THEMES = [
    "ontmoeting",
    "burendag",
    "sociale huisvesting",
    "jongeren",
    "senioren",
    "diversiteit",
    "buurtnetwerk",
    "participatie",
    "groen",
    "samenwerking",
]


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Praktijkvoorbeelden"
    slug = "praktijkvoorbeelden"
    intro = "Hoe andere gemeenten pleinmakers inzetten, met wat werkte en wat niet."
    live = True
    show_in_menus = True

    class Meta:
        model = CaseStudyIndexPage
        django_get_or_create = ("slug", "parent")


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A published practice; pass `themes=[...]` to tag it."""

    title = factory.Sequence(lambda n: f"Pleinmakers in de buurt {n}")
    summary = factory.LazyAttribute(
        lambda o: f"Fictief voorbeeld: {o.title.lower()} brengt buren samen."
    )
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(nis_code="12025")
    )
    neighbourhoods = "Centrum"
    housing_partner = "Een sociale huisvestingsmaatschappij"
    start_year = fuzzy.FuzzyInteger(2015, 2025)
    status = fuzzy.FuzzyChoice(Status.values)
    # Only a label the publish rule accepts: "gedeeld" needs a member municipality.
    label = factory.LazyAttribute(
        lambda o: factory.random.randgen.choice(
            [
                value
                for value in Label.values
                if value != Label.SHARED
                or o.municipality.membership_status == MembershipStatus.MEMBER
            ]
        )
    )
    pleinmakers_count = fuzzy.FuzzyInteger(1, 8)
    # Long enough to be published; words no test searches for.
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>" + FILLER * 7 + "</p>"))]
    )
    homes_count = factory.LazyAttribute(lambda o: o.pleinmakers_count)
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda o: o.first_published_at)

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(list(extracted))
            if create:
                self.save()


class DataDictionaryPageFactory(wagtail_factories.PageFactory):
    title = "Gegevenswoordenboek"
    slug = "gegevenswoordenboek"
    live = True

    class Meta:
        model = DataDictionaryPage
        django_get_or_create = ("slug", "parent")
