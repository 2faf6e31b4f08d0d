"""Factories for the experiences, shared by the tests and the demo loader."""

import factory
import wagtail_factories

from experiences import services
from experiences.models import Experience, ExperienceIndexPage
from network.factories import MemberFactory
from portal.factories import EditorFactory


class ExperienceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ervaringen"
    intro = "Wat leden van het netwerk met elkaar delen."
    live = True
    show_in_menus = True

    class Meta:
        model = ExperienceIndexPage
        django_get_or_create = ("slug", "parent")


class ExperienceFactory(factory.django.DjangoModelFactory):
    """An experience as its author saved it: a draft, unless `publish=True`.

    `publish=True` takes it through the real workflow (submit, then an editor's
    approval), so the row, its revision and its state are what the site makes.
    """

    author = factory.SubFactory(MemberFactory)
    municipality = factory.LazyAttribute(lambda o: o.author.member_profile.municipality)
    title = factory.Sequence(lambda n: f"Een burendag die werkte {n}")
    summary = "Hoe we buren samenbrachten op het plein, en wat we anders zouden doen."
    body = "We begonnen klein.\n\n- soep op het plein\n- een bank om op te zitten"
    live = False

    class Meta:
        model = Experience
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(list(extracted))
            self.save()

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if not create:
            return
        services.save_experience(self, self.author, submit=bool(extracted))
        if extracted:
            editor = kwargs.get("by") or EditorFactory(email="redactie@voorbeeld.be")
            services.decide(self, editor, services.Decision.APPROVE)
            self.refresh_from_db()
