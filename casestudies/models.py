"""Case studies (praktijkvoorbeelden): an index with filters, one page per practice."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from casestudies.blocks import CaseStudyStreamBlock, ExportColumnBlock
from casestudies.forms import (
    PUBLISH_REFUSED_ACTION,
    CaseStudyPageForm,
    content_errors,
    refusal_message,
)
from network.models import MembershipStatus, choice_label
from portal.blocks import BaseStreamBlock
from portal.models import BasePage, PortalPageQuerySet
from portal.models.pages import route_trail

FIRST_YEAR = 1990
# Joins theme names inside one SQL value; a control character no tag contains.
THEME_SEPARATOR = "\x1f"
SLUG_SEPARATOR = "\x1e"
LAST_YEAR = 2100
# The fields `listing_order` is computed from.
ORDER_INPUTS = {"municipality", "municipality_id", "is_example", "first_published_at"}


class Status(models.TextChoices):
    PREPARING = "in-voorbereiding", _("In voorbereiding")
    RUNNING = "lopend", _("Lopend")
    FINISHED = "afgerond", _("Afgerond")
    STOPPED = "gestopt", _("Gestopt")


class Label(models.TextChoices):
    EDITORIAL = "redactie", _("Geschreven door de redactie")
    VALIDATED = "gevalideerd", _("Gevalideerd door Mechelen")
    SHARED = "gedeeld", _("Gedeeld door een lid")


class SizeBand(models.TextChoices):
    """Municipality size by inhabitants; bounds: lower inclusive, upper exclusive."""

    UNDER_10K = "tot-10000", _("minder dan 10.000 inwoners")
    FROM_10K = "10000-25000", _("10.000 tot 25.000 inwoners")
    FROM_25K = "25000-50000", _("25.000 tot 50.000 inwoners")
    FROM_50K = "50000-100000", _("50.000 tot 100.000 inwoners")
    OVER_100K = "meer-100000", _("meer dan 100.000 inwoners")


SIZE_BAND_BOUNDS = {
    SizeBand.UNDER_10K: (0, 10_000),
    SizeBand.FROM_10K: (10_000, 25_000),
    SizeBand.FROM_25K: (25_000, 50_000),
    SizeBand.FROM_50K: (50_000, 100_000),
    SizeBand.OVER_100K: (100_000, None),
}


# The recommended order as one indexed number (`listing_order`): a group per
# step of the sort, each wider than every publication time in microseconds.
ORDER_GROUP_SPAN = 10**16
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def recommended_order(is_mentor, is_example, first_published_at):
    """The 'aanbevolen' sort as a number, smallest first: the mentor's practices,
    real ones before the demo's examples, then the newest (never published: last
    within its group)."""
    group = (0 if is_mentor else 2) + (1 if is_example else 0)
    published = 0
    if first_published_at is not None:
        published = (first_published_at - EPOCH) // timedelta(microseconds=1)
    return group * ORDER_GROUP_SPAN - published


def split_theme_names(names):
    """The sorted theme names from a `with_theme_names()` column."""
    return sorted(name for name in (names or "").split(THEME_SEPARATOR) if name)


def size_band_for(inhabitants):
    for band, (low, high) in SIZE_BAND_BOUNDS.items():
        if inhabitants >= low and (high is None or inhabitants < high):
            return band
    return SizeBand.UNDER_10K


def size_band_expression(field="municipality__inhabitants"):
    """The size band computed in SQL, so facet counts can group on it."""
    whens = []
    for band, (low, high) in SIZE_BAND_BOUNDS.items():
        condition = models.Q(**{f"{field}__gte": low})
        if high is not None:
            condition &= models.Q(**{f"{field}__lt": high})
        whens.append(models.When(condition, then=models.Value(band.value)))
    return models.Case(*whens, output_field=models.CharField())


class CaseStudyPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )

    class Meta:
        # Practices by theme (filters, facets, related practices, used themes)
        # read from the index alone instead of visiting every row of a theme.
        indexes = [
            models.Index(
                fields=["tag", "content_object"], name="casestudies_tag_practice_idx"
            )
        ]


class GroupConcat(models.Aggregate):
    """Joins text values of a group: GROUP_CONCAT on SQLite, STRING_AGG elsewhere."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def __init__(self, expression, separator, **extra):
        super().__init__(expression, models.Value(separator), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


class PracticeThemes(models.Func):
    """Some columns of each theme of the outer practice, joined by
    SLUG_SEPARATOR, the themes by THEME_SEPARATOR (in no order), in one column.

    Written in SQL: the ORM's grouped subquery of Concat and Cast cost a page
    more Python to build and compile than the database spent on it.
    """

    output_field = models.TextField()
    COLUMNS = {
        # The theme's row in the practice: the order it was given in.
        "position": "CAST(t.id AS TEXT)",
        "id": "CAST(t.tag_id AS TEXT)",
        "name": "g.name",
        "slug": "g.slug",
    }

    def __init__(self, *columns):
        super().__init__(models.F("pk"))
        self.columns = columns

    def as_sql(self, compiler, connection, **extra_context):
        pk, pk_params = compiler.compile(self.source_expressions[0])
        quote = connection.ops.quote_name
        postgresql = connection.vendor == "postgresql"
        aggregate = "STRING_AGG" if postgresql else "GROUP_CONCAT"
        item = " || %s || ".join(self.COLUMNS[column] for column in self.columns)
        sql = (
            f"(SELECT {aggregate}({item}, %s) FROM "  # noqa: S608
            f"{quote(CaseStudyPageTag._meta.db_table)} t INNER JOIN "
            f"{quote(Tag._meta.db_table)} g ON g.id = t.tag_id "
            f"WHERE t.content_object_id = {pk})"
        )
        separators = [SLUG_SEPARATOR] * (len(self.columns) - 1)
        return sql, (*separators, THEME_SEPARATOR, *pk_params)


def _theme_tags():
    """Name and slug of each theme of the outer practice, in one column."""
    return PracticeThemes("name", "slug")


# The practice page's hero image (`casestudies/case_study_page.html`).
HERO_IMAGE = "fill-1200x560"
RENDITION_FIELDS = ("id", "filter_spec", "file", "width", "height", "focal_point_key")


class HeroRenditions(models.Func):
    """The outer practice's hero image's renditions for its page, at whatever
    focal point (Wagtail picks the current one), as a JSON array: loaded with
    the practice, they spare the page a query for the rendition.

    Written in SQL for the same reason as `PracticeThemes`.
    """

    output_field = models.JSONField()

    def __init__(self):
        super().__init__(models.F("hero_image_id"))

    def as_sql(self, compiler, connection, **extra_context):
        image, params = compiler.compile(self.source_expressions[0])
        table = get_image_model().get_rendition_model()._meta.db_table
        if connection.vendor == "postgresql":
            array, item = "JSONB_AGG", "JSONB_BUILD_OBJECT"
        else:
            array, item = "JSON_GROUP_ARRAY", "JSON_OBJECT"
        pairs = ", ".join(f"'{field}', r.{field}" for field in RENDITION_FIELDS)
        sql = (
            f"(SELECT {array}({item}({pairs})) FROM "  # noqa: S608
            f"{connection.ops.quote_name(table)} r "
            f"WHERE r.image_id = {image} AND r.filter_spec = %s)"
        )
        return sql, (*params, HERO_IMAGE)


class CaseStudyPageQuerySet(PortalPageQuerySet):
    def with_theme_names(self):
        """All theme names of each practice in one column (`theme_list` reads it),
        so listings and exports need no query per practice; and their slugs
        (`with_theme_tags`)."""
        names = (
            CaseStudyPageTag.objects.filter(content_object=models.OuterRef("pk"))
            .order_by()
            .values("content_object")
            .annotate(names=GroupConcat("tag__name", THEME_SEPARATOR))
            .values("names")
        )
        return self.with_theme_tags().annotate(theme_names=models.Subquery(names))

    def with_theme_tags(self):
        """Only what a card reads (`theme_links`), without `theme_names`."""
        return self.annotate(theme_tags=_theme_tags())


def _requests_own_url(request):
    """Whether the request is for the URL of the page routing is loading (the
    last of the pages it went through), not for one of its routes or a page
    below it. True when routing left no trail to tell."""
    trail = route_trail(request)
    if not trail:
        return True
    root, page = trail[0], trail[-1]
    return request.path_info == page.url_path[len(root.url_path) - 1 :]


class CaseStudyIndexPage(RoutablePageMixin, BasePage):
    """All practices, with filters; the same filters drive the feed and exports."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage", "casestudies.DataDictionaryPage"]

    template = "casestudies/case_study_index_page.html"

    class Meta:
        verbose_name = _("overzicht praktijkvoorbeelden")

    def practices(self):
        """The published practices below this index, as a queryset to filter."""
        return (
            CaseStudyPage.objects.live()
            .public_child_of(self)
            .select_related("municipality")
        )

    @path("")
    def listing(self, request):
        from casestudies.listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("feed/")
    def feed(self, request):
        from casestudies.feeds import CaseStudyFeed

        return CaseStudyFeed()(request, index=self)

    @path("export.csv/", name="export_csv")
    def export_csv(self, request):
        from casestudies.exports import csv_response

        return csv_response(self, request)

    @path("export-excel.csv/", name="export_excel_csv")
    def export_excel_csv(self, request):
        from casestudies.exports import excel_csv_response

        return excel_csv_response(self, request)

    @path("export.json/", name="export_json")
    def export_json(self, request):
        from casestudies.exports import json_response

        return json_response(self, request)

    def dotted_url(self, route_name):
        """The URL of an export route without Wagtail's trailing slash."""
        return self.url + self.reverse_subpage(route_name).rstrip("/")

    def data_dictionary(self):
        return DataDictionaryPage.objects.live().child_of(self).first()

    @classmethod
    def routed_queryset(cls, queryset, request):
        """The index with what its list reads besides the practices, so neither
        costs a query of its own: the whole list's stored facet counts
        (`casestudies.facet_counts`) and the URL path of its data dictionary.

        Only for the list itself: a practice (or the feed, an export) is routed
        through its index too, and reading and decoding the stored counts cost
        a practice's page more than its own query did.
        """
        if not _requests_own_url(request):
            return queryset
        stored = ListingFacetCounts.objects.filter(index=models.OuterRef("pk"))
        dictionary = (
            DataDictionaryPage.objects.live()
            .filter(
                path__startswith=models.OuterRef("path"),
                depth=models.OuterRef("depth") + 1,
            )
            .order_by("path")
            .values("url_path")[:1]
        )
        return queryset.annotate(
            stored_facet_themes=models.Subquery(stored.values("themes")),
            stored_facet_years=models.Subquery(stored.values("years")),
            data_dictionary_url_path=models.Subquery(dictionary),
        )

    def data_dictionary_url(self, request=None):
        """What `{% pageurl page.data_dictionary %}` gives, or None without a
        published dictionary; from `routed_queryset`'s annotation when it is
        there (a page needs only its URL path for its URL)."""
        if not hasattr(self, "data_dictionary_url_path"):
            dictionary = self.data_dictionary()
            return dictionary.get_url(request=request) if dictionary else None
        if self.data_dictionary_url_path is None:
            return None
        page = DataDictionaryPage(url_path=self.data_dictionary_url_path)
        return page.get_url(request=request)


class CaseStudyPage(BasePage):
    """One practice, written so another municipality can repeat it."""

    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="case_studies",
    )
    neighbourhoods = models.CharField(
        _("wijk(en)"),
        max_length=255,
        blank=True,
        help_text=_("Scheid meerdere wijken met een komma."),
    )
    housing_partner = models.CharField(
        _("sociale huisvestingspartner"), max_length=150, blank=True
    )
    start_year = models.PositiveSmallIntegerField(
        _("startjaar"),
        null=True,
        blank=True,
        help_text=_(
            "Laat leeg zolang het jaar niet vaststaat; de site toont dan niets."
        ),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    pleinmakers_count = models.PositiveSmallIntegerField(
        _("aantal pleinmakers"), default=0
    )
    homes_count = models.PositiveSmallIntegerField(
        _("aantal ter beschikking gestelde woningen"), default=0
    )
    coordinator_fte = models.DecimalField(
        _("tijd coördinator (VTE)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Bijvoorbeeld 0,5 voor een halftijdse coördinator."),
    )
    coaching_hours_per_month = models.PositiveSmallIntegerField(
        _("uren coaching per maand"), null=True, blank=True
    )
    yearly_budget = models.PositiveIntegerField(
        _("jaarbudget in euro"), null=True, blank=True
    )
    financing_sources = models.CharField(
        _("financiering"),
        max_length=255,
        blank=True,
        help_text=_("Bijvoorbeeld: Plan Samenleven, eigen middelen, huisvester."),
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=300,
        # TextField's max_length only sizes the admin widget; this enforces it.
        validators=[MaxLengthValidator(300)],
        help_text=_(
            "Maximaal 300 tekens, zonder opmaak. Staat op kaarten en in zoekmachines."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alternatieve tekst bij de hoofdafbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht bij een afbeelding: beschrijf wat erop te zien is."),
    )
    body = StreamField(CaseStudyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_role = models.CharField(_("functie"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Alleen zichtbaar voor ingelogde leden van het netwerk."),
    )
    label = models.CharField(
        _("label"),
        max_length=20,
        choices=Label.choices,
        # Who wrote it, truthfully: the editors, unless they say otherwise.
        default=Label.EDITORIAL,
        help_text=_(
            "‘Gedeeld door een lid’ alleen als een lid-gemeente de praktijk aanbracht."
        ),
    )
    themes = ClusterTaggableManager(
        through=CaseStudyPageTag, blank=True, verbose_name=_("thema's")
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_(
            "Een verzonnen praktijk van de demo; de site toont ze als voorbeeld."
        ),
    )
    # The default sort, stored so the first page of the list comes from an index
    # instead of sorting every practice: `recommended_order()`, kept by `save()`
    # and, for a municipality that becomes or stops being the mentor, by
    # `casestudies.signals`.
    listing_order = models.BigIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(CaseStudyPageQuerySet)()
    # For templates: `page.label == page.Label.VALIDATED`.
    Label = Label

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hoofdafbeelding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("neighbourhoods"),
                FieldPanel("housing_partner"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("status")]),
                FieldRowPanel(
                    [FieldPanel("pleinmakers_count"), FieldPanel("homes_count")]
                ),
            ],
            heading=_("Context"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("coordinator_fte"),
                        FieldPanel("coaching_hours_per_month"),
                    ]
                ),
                FieldPanel("yearly_budget"),
                FieldPanel("financing_sources"),
            ],
            heading=_("Middelen"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "documents", heading=_("Documenten uit de toolkit"), label=_("Document")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contactpersoon"),
        ),
        MultiFieldPanel(
            [FieldPanel("label"), FieldPanel("themes")], heading=_("Label en thema's")
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("neighbourhoods"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("label"),
        index.FilterField("start_year"),
    ]
    # Public fields only: the contact person is left out on purpose.
    api_fields = [
        APIField("summary"),
        APIField("municipality"),
        APIField("neighbourhoods"),
        APIField("housing_partner"),
        APIField("start_year"),
        APIField("status"),
        APIField("pleinmakers_count"),
        APIField("homes_count"),
        APIField("coordinator_fte"),
        APIField("coaching_hours_per_month"),
        APIField("yearly_budget"),
        APIField("financing_sources"),
        APIField("label"),
        APIField("themes"),
        APIField("hero_image"),
        APIField("hero_image_alt"),
        APIField("body"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []

    template = "casestudies/case_study_page.html"
    base_form_class = CaseStudyPageForm

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")
        indexes = [
            # The search index joins on the id as text (its object_id): without
            # this, PostgreSQL scans every practice for each search.
            models.Index(
                Cast("page_ptr_id", output_field=models.CharField(max_length=50)),
                name="casestudies_id_text_idx",
            ),
            models.Index(
                fields=["listing_order", "-page_ptr"],
                name="casestudies_listing_order_idx",
            ),
            # What the facet counts read of each practice, without its body:
            # the table itself is mostly StreamField text.
            models.Index(
                fields=["page_ptr", "municipality", "start_year", "status", "label"],
                name="casestudies_facets_idx",
            ),
        ]

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {
                    "hero_image_alt": _(
                        "Geef een alternatieve tekst voor de hoofdafbeelding."
                    )
                }
            )

    def publish(self, revision, *args, log_action=True, **kwargs):
        """Publish or schedule the revision, refused while the practice is empty.

        Checked before Wagtail changes any schedule, so a refused revision stays
        as it was. Scheduled publishing runs over many pages at once: there the
        practice is left as a draft, its schedule dropped and the refusal noted
        in its history, and the other pages still go live.
        """
        errors = content_errors(revision.as_object())
        if not errors:
            return super().publish(revision, *args, log_action=log_action, **kwargs)
        if log_action != "wagtail.publish.scheduled":
            raise ValidationError(errors)
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        log(
            instance=self,
            action=PUBLISH_REFUSED_ACTION,
            data={"reason": str(refusal_message(self, errors))},
            revision=revision,
        )
        return None

    def save(self, *args, **kwargs):
        # The last guard: every route that makes a revision live saves the page
        # whole with its live revision set (drafts save only a few fields).
        if (
            self.live
            and self.live_revision_id
            and kwargs.get("clean", True)
            and kwargs.get("update_fields") is None
            and (errors := content_errors(self))
        ):
            raise ValidationError(errors)
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.listing_order = self.recommended_order()
        elif ORDER_INPUTS & set(update_fields):
            self.listing_order = self.recommended_order()
            kwargs["update_fields"] = [*update_fields, "listing_order"]
        return super().save(*args, **kwargs)

    def recommended_order(self):
        return recommended_order(
            self.municipality.membership_status == MembershipStatus.MENTOR,
            self.is_example,
            self.first_published_at,
        )

    def get_meta_description(self):
        return self.search_description or self.summary

    @property
    def theme_list(self):
        """Theme names, sorted; from the listing's annotation when it is there."""
        if not hasattr(self, "theme_names"):
            return sorted(tag.name for tag in self.themes.all())
        return split_theme_names(self.theme_names)

    @property
    def theme_links(self):
        """(name, slug) of each theme, by name; from the listing's annotation
        when it is there."""
        if not hasattr(self, "theme_tags"):
            return sorted((tag.name, tag.slug) for tag in self.themes.all())
        return sorted(
            tuple(pair.split(SLUG_SEPARATOR, 1))
            for pair in (self.theme_tags or "").split(THEME_SEPARATOR)
            if SLUG_SEPARATOR in pair
        )

    @property
    def coordinator_fte_display(self):
        """0.50 as 0.5 and 1.00 as 1, without scientific notation for 10."""
        value = self.coordinator_fte
        if value is None:
            return None
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()

    # Django's own hash every choice's lazy label, a translation each, on
    # every call (see `Municipality.get_province_display`): a practice's page
    # and every card call these.
    def get_status_display(self):
        return choice_label(Status, self.status)

    def get_label_display(self):
        return choice_label(Label, self.label)

    @property
    def index_url(self):
        """The index's URL without a query: a practice always sits right below it."""
        return self.url[: -len(self.slug) - 1]

    @property
    def size_band(self):
        return size_band_for(self.municipality.inhabitants)

    @classmethod
    def routed_queryset(cls, queryset, request):
        """The practice with its municipality, hero image and themes, whether
        it has documents, and what the apps above add to its page (the
        `casestudies_practice_annotations` hook: ``fn(request)`` returns
        {name: expression}), in one query."""
        from wagtail import hooks

        annotations = {
            # Each theme as "position, id, name, slug".
            "theme_items": PracticeThemes("position", "id", "name", "slug"),
            "hero_renditions": HeroRenditions(),
            # Most practices have no documents: then their page asks for none.
            "has_documents": models.Exists(
                CaseStudyDocument.objects.filter(page=models.OuterRef("pk"))
            ),
        }
        for hook in hooks.get_hooks("casestudies_practice_annotations"):
            annotations.update(hook(request))
        return queryset.select_related("municipality", "hero_image").annotate(
            **annotations
        )

    def ordered_themes(self):
        """The themes in the order they were given (`practice.themes.all()`),
        from `routed_queryset`'s annotation when it is there."""
        if not hasattr(self, "theme_items"):
            return list(self.themes.all())
        rows = [
            item.split(SLUG_SEPARATOR, 3)
            for item in (self.theme_items or "").split(THEME_SEPARATOR)
            if item.count(SLUG_SEPARATOR) == 3
        ]
        rows.sort(key=lambda row: int(row[0]))
        return [Tag(pk=int(pk), name=name, slug=slug) for _pk, pk, name, slug in rows]

    def attach_hero_renditions(self):
        """Hand the hero image the renditions `routed_queryset` loaded, as a
        prefetch would (`{% image %}` then looks for no other)."""
        if self.hero_image is None or not hasattr(self, "hero_renditions"):
            return
        Rendition = get_image_model().get_rendition_model()
        self.hero_image.prefetched_renditions = [
            Rendition(image=self.hero_image, **row)
            for row in self.hero_renditions or []
        ]

    def get_context(self, request, *args, **kwargs):
        from casestudies.listing import detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(detail_context(self, request))
        return context


class ListingFacetCounts(models.Model):
    """The facet counts of an index's whole list, as `CaseStudyFilter` counts
    them, so the list without filters reads one row instead of counting every
    practice on each request.

    Derived data only (`casestudies.facet_counts`). A change that moves a count
    empties the row in its own transaction, so the list counts live until the
    task worker stores the new counts: a visitor never sees an old count.
    `version` moves with every such change; a recount stores its rows only if
    it is still the version it started from.
    """

    index = models.OneToOneField(
        CaseStudyIndexPage,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    version = models.PositiveBigIntegerField(default=0)
    # `CaseStudyFilter`'s theme rows and start-year rows; empty until counted.
    themes = models.JSONField(null=True, blank=True)
    years = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("telling van de filters")
        verbose_name_plural = _("tellingen van de filters")

    def __str__(self):
        return f"{self.index_id} v{self.version}"


class ListedPractice(models.Model):
    """A practice as its index lists it (live, outside every private section),
    with the facts the facets count: what a filtered list counts, one narrow
    row per practice instead of its page, practice and municipality rows.

    Derived data only, written in the transaction of every change that moves
    one of these facts (`casestudies.listed`), so it always equals what
    `CaseStudyIndexPage.practices()` gives. Themes are counted from the
    practice's own tags, already a narrow table.
    """

    page = models.OneToOneField(
        CaseStudyPage, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    index = models.ForeignKey(
        CaseStudyIndexPage, on_delete=models.CASCADE, related_name="+"
    )
    # For the list of one municipality (`?gemeente=`): joined only then.
    municipality = models.ForeignKey(
        "network.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    start_year = models.PositiveSmallIntegerField(null=True)
    province = models.CharField(max_length=20)
    band = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    label = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("vermeld praktijkvoorbeeld")
        verbose_name_plural = _("vermelde praktijkvoorbeelden")

    def __str__(self):
        return f"{self.page_id} in {self.index_id}"


class CaseStudyDocument(Orderable):
    """A document from the toolkit that belongs with this practice."""

    page = ParentalKey(
        CaseStudyPage, related_name="documents", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class DataDictionaryPage(BasePage):
    """Explains every column of the open-data export: name, type and meaning."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inleiding"), blank=True)
    columns = StreamField(
        [("column", ExportColumnBlock())], verbose_name=_("kolommen"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("columns"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body"), APIField("columns")]

    max_count = 1
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []

    template = "casestudies/data_dictionary_page.html"

    class Meta:
        verbose_name = _("gegevenswoordenboek")

    def get_context(self, request, *args, **kwargs):
        from casestudies.columns import EXPORT_COLUMNS

        context = super().get_context(request, *args, **kwargs)
        documented = {block.value["name"] for block in self.columns}
        # A column added in code but not yet described by an editor still shows,
        # with the description that lives next to its definition.
        context["undocumented_columns"] = [
            column for column in EXPORT_COLUMNS if column.name not in documented
        ]
        parent = self.get_parent().specific
        context["export_csv_url"] = parent.dotted_url("export_csv")
        context["export_excel_url"] = parent.dotted_url("export_excel_csv")
        context["export_json_url"] = parent.dotted_url("export_json")
        return context
