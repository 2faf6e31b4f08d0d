"""Factories for trajectories, shared by the tests and the demo loader."""

import factory
from django.utils import timezone

from network.models import Municipality
from portal.factories import PhaseFactory
from trajectories.models import ContactForm, MentorContact, Step, Trajectory


class StepFactory(factory.django.DjangoModelFactory):
    phase = factory.SubFactory(PhaseFactory)
    title = factory.Sequence(lambda n: f"Stap {n}")
    description = "Wat er klaar is als deze stap gezet is."
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Step


class TrajectoryFactory(factory.django.DjangoModelFactory):
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(nis_code="24062")
    )

    class Meta:
        model = Trajectory
        django_get_or_create = ("municipality",)


class MentorContactFactory(factory.django.DjangoModelFactory):
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(nis_code="24062")
    )
    date = factory.LazyFunction(timezone.localdate)
    form = ContactForm.VISIT
    topics = "De selectie van de pleinmaker."
    agreements = ""
    next_step = ""

    class Meta:
        model = MentorContact
