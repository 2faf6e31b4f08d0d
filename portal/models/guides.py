import math

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from rest_framework.serializers import SlugRelatedField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from portal.blocks import GuideStreamBlock

from .pages import BasePage, PortalPageQuerySet, frame_pages

WORDS_PER_MINUTE = 200


def unique_anchors(texts):
    """The anchor each heading gets: `slugify(text)`, as the heading block renders
    it, with -2, -3... added when the same heading occurs again."""
    seen = set()
    anchors = []
    for text in texts:
        base = slugify(text) or "sectie"
        anchor, number = base, 1
        while anchor in seen:
            number += 1
            anchor = f"{base}-{number}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


class GuideIndexPage(BasePage):
    """The list of guides, in the order editors put them in the page tree."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["portal.GuidePage"]

    template = "portal/guide_index_page.html"

    class Meta:
        verbose_name = _("overzicht van de gidsen")
        verbose_name_plural = _("overzichten van de gidsen")

    def guides(self):
        return (
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .select_related("phase")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        return context


class GuidePageQuerySet(PortalPageQuerySet):
    def review_due(self, before):
        """Guides last checked before the date `before`."""
        return self.filter(last_reviewed__lt=before)


class GuidePage(BasePage):
    """A step-by-step guide: how a city takes one part of the journey."""

    objects = PageManager.from_queryset(GuidePageQuerySet)()

    phase = models.ForeignKey(
        "portal.Phase",
        verbose_name=_("fase"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text=_("In welke fase van het traject helpt deze gids?"),
    )
    last_reviewed = models.DateField(
        _("laatst nagekeken op"),
        default=timezone.localdate,
        help_text=_(
            "Staat op de pagina. Pas aan telkens iemand de gids nakijkt, ook als er "
            "niets veranderde."
        ),
    )
    body = StreamField(GuideStreamBlock(), verbose_name=_("inhoud"))
    # Worked out from the body on every save, so the index shows them without
    # reading every guide's documents.
    step_count = models.PositiveSmallIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("phase"), FieldPanel("last_reviewed")],
            heading=_("Fase en actualiteit"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("phase"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField(
            "phase", serializer=SlugRelatedField(slug_field="slug", read_only=True)
        ),
        APIField("last_reviewed"),
        APIField("step_count"),
        APIField("reading_minutes"),
        APIField("body"),
    ]

    parent_page_types = ["portal.GuideIndexPage"]
    subpage_types: list = []

    template = "portal/guide_page.html"

    class Meta:
        verbose_name = _("gids")
        verbose_name_plural = _("gidsen")

    def save(self, *args, **kwargs):
        self.step_count = self.count_steps()
        self.reading_minutes = self.count_reading_minutes()
        return super().save(*args, **kwargs)

    def count_steps(self):
        return sum(
            len(block.value["steps"])
            for block in self.body
            if block.block_type == "steps"
        )

    def count_reading_minutes(self):
        text = " ".join(self.body.stream_block.get_searchable_content(self.body))
        words = len(f"{self.intro} {text}".split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def body_with_anchors(self):
        """(block, anchor) pairs: every heading block gets its unique anchor."""
        blocks = list(self.body)
        anchors = iter(
            unique_anchors(
                block.value["text"] for block in blocks if block.block_type == "heading"
            )
        )
        return [
            (block, next(anchors) if block.block_type == "heading" else None)
            for block in blocks
        ]

    @cached_property
    def table_of_contents(self):
        return [
            {
                "anchor": anchor,
                "text": block.value["text"],
                "level": block.value["level"],
            }
            for block, anchor in self.body_with_anchors
            if anchor
        ]

    def get_neighbours(self):
        """The previous and next live guide in the index's order."""
        # One query: an index holds a handful of guides. Only what the pager
        # shows (title, URL): every column, the body too, cost a third of it.
        siblings = list(
            GuidePage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .order_by("path")
            .only("title", "path", "url_path")
        )
        previous = [guide for guide in siblings if guide.path < self.path]
        following = [guide for guide in siblings if guide.path > self.path]
        return (previous[-1] if previous else None), (
            following[0] if following else None
        )

    @classmethod
    def routed_queryset(cls, queryset, request):
        # The phase is shown at the top and links to the toolkit.
        return queryset.select_related("phase")

    def get_context(self, request, *args, **kwargs):
        from .documents import ToolkitPage

        context = super().get_context(request, *args, **kwargs)
        context["previous_guide"], context["next_guide"] = self.get_neighbours()
        context["toolkit_url"] = frame_pages(request).index_urls.get(ToolkitPage)
        return context
