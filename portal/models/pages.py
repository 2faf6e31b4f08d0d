from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class BasePage(Page):
    """What every page of the portal has: an intro and fields for sharing.

    The intro doubles as the meta description when no search description is set.
    """

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        max_length=400,
        help_text=_(
            "Eén of twee zinnen bovenaan de pagina en op kaarten die ernaar linken."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Getoond wanneer iemand de pagina deelt op sociale media."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Delen")),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro


class ContentPage(BasePage):
    """A page of text: the story of the programme, statements, neighbourhoods."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["home.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    template = "portal/content_page.html"

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context
