from django.db.models import Count, Func, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from casestudies.listing import recommended_first
from experiences.models import Experience, experiences_url
from network.models import Municipality, directory_url
from portal.blocks import BaseStreamBlock
from portal.models import BasePage

HIGHLIGHTED_PRACTICES = 3


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

    def latest_case_studies(self):
        """Three practices for the home page's cards, in the list's default order:
        Mechelen's own first, real ones before the demo's examples, newest first.

        Called from the template inside a cached fragment, so cached visits skip
        the query. No images.
        """
        return self._highlights[0]

    @cached_property
    def _highlights(self):
        """(the three practices, the member counts) in one query: the counts
        ride along on each practice as subqueries, so the highlights cost one
        query with the cache empty. Without any practice, the counts cost one
        query more."""
        members = Municipality.objects.members().order_by()
        counts = {
            name: Subquery(
                members.filter(is_example=is_example)
                .annotate(total=Func("pk", function="COUNT"))
                .values("total")[:1]
            )
            for name, is_example in (("real", False), ("examples", True))
        }
        practices = list(
            recommended_first(HIGHLIGHTED_PRACTICES).annotate(
                **{f"_members_{name}": count for name, count in counts.items()}
            )[:HIGHLIGHTED_PRACTICES]
        )
        if practices:
            return practices, {
                name: getattr(practices[0], f"_members_{name}") for name in counts
            }
        return practices, Municipality.objects.members().aggregate(
            real=Count("pk", filter=Q(is_example=False)),
            examples=Count("pk", filter=Q(is_example=True)),
        )

    def next_events(self):
        """The next two events that take place, read inside a cached fragment."""
        from events.models import EventPage

        return list(
            EventPage.objects.live()
            .public()
            .upcoming()
            .not_cancelled()
            .order_by("start", "pk")[:2]
        )

    def agenda_url(self):
        from events.models import agenda_url

        return agenda_url()

    def latest_experiences(self):
        """The three newest published experiences, read inside the cached highlights."""
        return list(Experience.objects.published().for_cards(themes_in_query=True)[:3])

    def experiences_url(self):
        return experiences_url()

    def member_count(self):
        """How many municipalities take part; the demo's examples not counted."""
        return self._highlights[1]["real"]

    def example_member_count(self):
        return self._highlights[1]["examples"]

    def network_url(self):
        return directory_url()
