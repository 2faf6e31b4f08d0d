"""Factories for the portal's models, shared by the tests and the demo loader."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from wagtail.models import Collection

from portal.models import (
    ContactFormField,
    ContactPage,
    ContentPage,
    FaqPage,
    GuideIndexPage,
    GuidePage,
    Phase,
    ToolkitDocument,
    ToolkitPage,
    User,
)
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


class PhaseFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fase {n}")
    slug = factory.LazyAttribute(lambda obj: obj.name.lower().replace(" ", "-"))
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Phase
        django_get_or_create = ("slug",)


# The smallest file a PDF reader opens; the demo loader makes real ones.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class ToolkitDocumentFactory(factory.django.DjangoModelFactory):
    """A toolkit document in the root collection, with its size filled in."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="document.pdf", data=MINIMAL_PDF)
    collection = factory.LazyFunction(Collection.get_first_root_node)
    document_type = ToolkitDocument.DocumentType.TEMPLATE
    last_reviewed = factory.LazyFunction(datetime.date.today)
    description = "Een document om meteen te gebruiken."
    licence = "Vrij te gebruiken en aan te passen, met vermelding van Stad Mechelen."

    class Meta:
        model = ToolkitDocument

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    title = "Gidsen"
    slug = "gidsen"
    intro = "Stap voor stap: zo start je met pleinmakers."
    live = True

    class Meta:
        model = GuideIndexPage
        django_get_or_create = ("slug", "parent")


def guide_body(step_documents=()):
    """A short guide body: a heading, a text and two steps."""
    return [
        ("heading", {"text": "Waar begin je?", "level": "h2"}),
        ("paragraph", "<p>Begin met een gesprek met je partners.</p>"),
        (
            "steps",
            {
                "title": "",
                "steps": [
                    {
                        "title": "Zoek steun",
                        "text": "<p>Overtuig je bestuur.</p>",
                        "documents": list(step_documents),
                    },
                    {
                        "title": "Maak afspraken",
                        "text": "<p>Leg vast wie wat doet.</p>",
                        "documents": [],
                    },
                ],
            },
        ),
    ]


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gids {n}")
    intro = "Wat je in deze gids leert."
    live = True
    phase = factory.SubFactory(PhaseFactory)
    last_reviewed = factory.LazyFunction(datetime.date.today)
    body = factory.LazyFunction(guide_body)

    class Meta:
        model = GuidePage
        django_get_or_create = ("slug", "parent")


class ToolkitPageFactory(wagtail_factories.PageFactory):
    title = "Toolkit"
    slug = "toolkit"
    intro = "Documenten om meteen te gebruiken."
    live = True

    class Meta:
        model = ToolkitPage
        django_get_or_create = ("slug", "parent")


class FaqPageFactory(wagtail_factories.PageFactory):
    title = "Veelgestelde vragen"
    slug = "veelgestelde-vragen"
    intro = "Antwoorden op wat steden ons het vaakst vragen."
    live = True
    body = factory.LazyFunction(
        lambda: [
            (
                "theme",
                {
                    "theme": "Starten",
                    "questions": [
                        {
                            "question": "Wie kan pleinmaker worden?",
                            "answer": "<p>Een bewoner die mensen samenbrengt.</p>",
                        }
                    ],
                },
            )
        ]
    )

    class Meta:
        model = FaqPage
        django_get_or_create = ("slug", "parent")


CONTACT_SUBJECTS = "Vraag over pleinmakers\nAansluiten bij het netwerk\nPers"


def default_contact_fields():
    """The contact form's fields when the page is made; editors may change them."""
    fields = [
        ("naam", "Naam", "singleline", True, "", ""),
        (
            "e_mailadres",
            "E-mailadres",
            "email",
            True,
            "",
            "We antwoorden op dit adres.",
        ),
        (
            "organisatie",
            "Organisatie",
            "singleline",
            False,
            "",
            "Bv. de gemeente waar je werkt.",
        ),
        ("onderwerp", "Onderwerp", "dropdown", True, CONTACT_SUBJECTS, ""),
        ("bericht", "Bericht", "multiline", True, "", "Hoogstens 5.000 tekens."),
        (
            "privacy",
            "Ik geef Stad Mechelen de toestemming om mijn gegevens te gebruiken om "
            "mijn vraag te beantwoorden",
            "checkbox",
            True,
            "",
            "Lees in de privacyverklaring wat we met je gegevens doen.",
        ),
    ]
    return [
        ContactFormField(
            sort_order=order,
            clean_name=clean_name,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
        )
        for order, (clean_name, label, field_type, required, choices, help_text) in (
            enumerate(fields)
        )
    ]


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    intro = "Een vraag over pleinmakers of het lerend netwerk? Stuur ze ons."
    live = True
    form_fields = factory.LazyFunction(default_contact_fields)

    class Meta:
        model = ContactPage
        django_get_or_create = ("slug", "parent")
