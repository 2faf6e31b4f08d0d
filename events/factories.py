"""Factories for the agenda, shared by the tests and the demo loader."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from events.models import (
    Audience,
    EventIndexPage,
    EventKind,
    EventPage,
    Registration,
    RegistrationStatus,
)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    intro = "Wanneer het lerend netwerk samenkomt."
    live = True
    show_in_menus = True

    class Meta:
        model = EventIndexPage
        django_get_or_create = ("slug", "parent")


def _next_week_at(hour):
    moment = timezone.localtime() + timedelta(days=7)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventPageFactory(wagtail_factories.PageFactory):
    """An event next week, open to all, in Mechelen. Build it and publish it
    (see the tests' `event` fixture) so the calendar state is set as in real use."""

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    intro = "Een bijeenkomst van het lerend netwerk."
    kind = EventKind.INTERVISION
    audience = Audience.OPEN
    start = factory.LazyFunction(lambda: _next_week_at(13))
    end = factory.LazyAttribute(lambda obj: obj.start + timedelta(hours=3))
    venue = "Stadhuis"
    address = "Mechelen"
    live = True

    class Meta:
        model = EventPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written straight to the database (no e-mail, no lock)."""

    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@voorbeeld.be")
    organisation = "Voorbeeldgemeente"
    status = RegistrationStatus.CONFIRMED
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_version = "2026-01"

    class Meta:
        model = Registration
