"""Factories for the portal's models, shared by the tests and the demo loader."""

import factory
import wagtail_factories
from django.contrib.auth.models import Group

from portal.models import ContentPage, User
from portal.roles import EDITORS_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.be")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    password = factory.django.Password("een-lang-testwachtwoord")

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True


class EditorFactory(UserFactory):
    """A Mechelen editor: Wagtail admin access through the Redacteurs group."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=EDITORS_GROUP))


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhoudspagina {n}")
    intro = "Een korte inleiding bij deze pagina."
    live = True

    class Meta:
        model = ContentPage
        django_get_or_create = ("slug", "parent")
