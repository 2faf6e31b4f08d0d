from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import FaqThemeBlock

from .pages import BasePage


class FaqStreamBlock(blocks.StreamBlock):
    """The FAQ is a series of themes, each with its questions."""

    theme = FaqThemeBlock()


class FaqPage(BasePage):
    """Frequently asked questions, grouped by theme, answered in native <details>."""

    body = StreamField(FaqStreamBlock(), verbose_name=_("vragen per thema"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "portal/faq_page.html"

    class Meta:
        verbose_name = _("veelgestelde vragen")
        verbose_name_plural = _("pagina's met veelgestelde vragen")

    def questions(self):
        """Every (question, answer) pair, in the order the page shows them."""
        return [
            (item["question"], item["answer"])
            for block in self.body
            for item in block.value["questions"]
        ]

    def structured_data(self):
        """schema.org FAQPage built from the same questions the page shows."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": str(answer)},
                }
                for question, answer in self.questions()
            ],
        }

    def get_context(self, request, *args, **kwargs):
        from .contact import ContactPage

        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = ContactPage.objects.live().public().first()
        return context
