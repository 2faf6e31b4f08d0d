from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.models import BasePage


class HomePage(BasePage):
    """The front door: what the learning network is, for whom, and how to join."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    template = "home/home_page.html"

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from casestudies.filters import theme_names
        from casestudies.models import CaseStudyPage
        from network.models import Municipality, directory_url

        context = super().get_context(request, *args, **kwargs)
        # Left unevaluated: the template renders the highlights from the cache and
        # only runs these queries when the content version has moved on.
        context["latest_case_studies"] = (
            CaseStudyPage.objects.live()
            .public()
            .select_related("municipality")
            .annotate(theme_names=theme_names())
            .order_by("-first_published_at", "-pk")[:3]
        )
        context["member_count"] = Municipality.objects.members().count
        context["network_url"] = directory_url
        return context
