"""Factories for the network's models, shared by the tests and the demo loader."""

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.utils import timezone

from network.models import (
    CONSENT_VERSION,
    MemberProfile,
    MembershipApplication,
    Municipality,
    Neighbourhood,
    NetworkIndexPage,
)
from portal.factories import UserFactory
from portal.roles import MEMBERS_GROUP


class NetworkIndexPageFactory(wagtail_factories.PageFactory):
    title = "Netwerk"
    intro = "Alle Vlaamse gemeenten, en wie er al meedoet aan het lerend netwerk."
    live = True
    show_in_menus = True

    class Meta:
        model = NetworkIndexPage
        django_get_or_create = ("slug", "parent")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(nis_code="12025")
    )
    name = factory.Sequence(lambda n: f"Wijk {n}")
    description = "Een wijk waar een pleinmaker woont."
    pleinmakers_active = True

    class Meta:
        model = Neighbourhood
        django_get_or_create = ("municipality", "name")


class MemberFactory(UserFactory):
    """A member: in Netwerkleden, with a profile linking them to a municipality.

    Pass `profile__municipality=...` (and other `profile__` fields) to choose.
    """

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        self.groups.add(Group.objects.get(name=MEMBERS_GROUP))
        kwargs.setdefault("municipality", Municipality.objects.get(nis_code="12025"))
        kwargs.setdefault("job_title", "Beleidsmedewerker samenleven")
        MemberProfile.objects.get_or_create(user=self, defaults=kwargs)


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(nis_code="71072")
    )
    full_name = factory.Faker("name", locale="nl_BE")
    job_title = "Beleidsmedewerker samenleven"
    email = factory.Sequence(lambda n: f"aanvrager{n}@gemeente.example")
    motivation = "We willen starten met pleinmakers in twee wijken."
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_version = CONSENT_VERSION

    class Meta:
        model = MembershipApplication
