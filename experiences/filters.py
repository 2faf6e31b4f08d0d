"""The experiences list's filter, shared by the list and its feed."""

from django import forms
from django.core.cache import cache
from django.db import connections, router
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.lookups import IsNull
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from casestudies.models import CaseStudyPageTag
from experiences.models import Experience, ExperienceKind, ExperienceTheme
from network.models import Municipality, Province
from portal.filters import FastSelect, ListFilter
from portal.fragment_cache import content_version
from portal.models.pages import InPrivateSection


def used_themes(also=()):
    """Themes some published practice or experience carries, A–Z.

    A theme typed on a draft, a waiting or a hidden experience (or a draft
    practice) stays out until an editor publishes it: it is the member's own
    unmoderated text. `also` adds tag ids, such as the themes of the
    experience a member is editing.
    """
    # Per tag, the first tagged row through the (tag, item) index: a scalar
    # subquery with LIMIT 1, which PostgreSQL runs once per tag. EXISTS inside
    # an OR became a hashed set of every tagged public practice, which grew
    # with the content. The practice condition is `live().public()` written as
    # a join and the private-section check on the practice's own row, the
    # experience condition `Experience.objects.published()`.
    on_practices = (
        CaseStudyPageTag.objects.filter(
            tag_id=OuterRef("pk"), content_object__live=True
        )
        .exclude(InPrivateSection(F("content_object__path")))
        # In the index's order, so the planner walks it rather than the table:
        # a tag no public practice carries otherwise cost a scan of every row.
        .order_by("content_object_id")
        .values("pk")[:1]
    )
    on_experiences = (
        ExperienceTheme.objects.filter(
            tag_id=OuterRef("pk"),
            content_object__live=True,
            content_object__hidden_at__isnull=True,
        )
        .order_by("content_object_id")
        .values("pk")[:1]
    )
    return Tag.objects.filter(
        Q(IsNull(Subquery(on_practices), False))
        | Q(IsNull(Subquery(on_experiences), False))
        | Q(pk__in=list(also))
    ).order_by("name")


def municipality_choices():
    """Municipalities that have at least one published experience."""
    # EXISTS stops at the first one, where a join and DISTINCT read them all.
    published = Experience.objects.published().filter(municipality=OuterRef("pk"))
    return (
        Municipality.objects.filter(Exists(published))
        .order_by("name")
        .values_list("slug", "name")
    )


def _filter_choices_query():
    """Every theme and municipality to filter on as (kind, slug, name), A–Z."""
    kind = {"output_field": CharField()}
    themes = (
        used_themes()
        .order_by()
        .annotate(_kind=Value("themes", **kind))
        .values_list("_kind", "slug", "name")
    )
    municipalities = (
        municipality_choices()
        .order_by()
        .annotate(_kind=Value("municipalities", **kind))
        .values_list("_kind", "slug", "name")
    )
    return themes.union(municipalities, all=True).order_by("_kind", "name")


# `_filter_choices_query`'s SQL and parameters per database, compiled once per
# process (as `portal.precompiled` keeps a model query's): nothing in it changes
# from request to request, and compiling its union of subqueries cost every
# list without a warm cache more Python than the database spent on it.
_kept_filter_choices_sql = {}


def _read_filter_choices():
    """{"themes": [(slug, name)], "municipalities": [(slug, name)]}, A–Z, in
    one query: a round trip less for every list without a warm cache. The
    rows are read fresh each time; only the SQL is kept."""
    alias = router.db_for_read(Tag)
    connection = connections[alias]
    key = (alias, connection.vendor)
    sql_params = _kept_filter_choices_sql.get(key)
    if sql_params is None:
        compiler = _filter_choices_query().query.get_compiler(connection=connection)
        sql_params = _kept_filter_choices_sql[key] = compiler.as_sql()
    choices = {"themes": [], "municipalities": []}
    with connection.cursor() as cursor:
        # Three text columns: no converter to run.
        cursor.execute(*sql_params)
        for name, slug, label in cursor.fetchall():
            choices[name].append((slug, label))
    return choices


def filter_choices():
    """The themes and municipalities to filter on, cached until content changes.

    Both change only when a practice or an experience is published, unpublished
    or hidden, which moves the content version on.
    """
    key = f"experiences:filters:{content_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = _read_filter_choices()
        cache.set(key, choices, 60 * 60)
    return choices


class ExperienceFilter(ListFilter):
    q = forms.CharField(label=_("Zoek in de ervaringen"), required=False)
    # Hundreds of options: written without a template per option.
    thema = forms.ChoiceField(label=_("Thema"), required=False, widget=FastSelect)
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        widget=FastSelect,
        choices=[("", _("Alle soorten")), *ExperienceKind.choices],
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        widget=FastSelect,
        choices=[("", _("Alle provincies")), *Province.choices],
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False, widget=FastSelect)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Loaded when first needed: to check a chosen theme or municipality, or
        # to show the form. The feed without them needs neither (two queries
        # and the heaviest of them cold).
        loaded = {}

        def choices(name):
            if not loaded:
                loaded.update(filter_choices())
            return loaded[name]

        self.fields["thema"].choices = lambda: [
            ("", _("Alle thema's")),
            *choices("themes"),
        ]
        self.fields["gemeente"].choices = lambda: [
            ("", _("Alle gemeenten")),
            *choices("municipalities"),
        ]

    # Subqueries on fields the search backend can filter on, so a search combines
    # with every filter in one query.
    def filter_thema(self, experiences, slug):
        tagged = ExperienceTheme.objects.filter(tag__slug=slug)
        return experiences.filter(pk__in=tagged.values("content_object_id"))

    def filter_soort(self, experiences, kind):
        return experiences.filter(kind=kind)

    def filter_provincie(self, experiences, province):
        if not self.values["q"]:
            return experiences.filter(municipality__province=province)
        in_province = Municipality.objects.in_province(province)
        return experiences.filter(municipality_id__in=in_province.values("pk"))

    def filter_gemeente(self, experiences, slug):
        if not self.values["q"]:
            return experiences.filter(municipality__slug=slug)
        chosen = Municipality.objects.filter(slug=slug)
        return experiences.filter(municipality_id__in=chosen.values("pk"))

    # Without a search, a province or a municipality narrows the list through
    # the join to the municipality that the cards select anyway: with a
    # subquery as well, PostgreSQL spent more time planning the filtered page
    # (3.5 ms) than running it.

    def filter(self, experiences):
        """The matching experiences as cards, newest first.

        A search keeps that order too: ranking by relevance costs SQLite's search
        backend a full-text query per match, minutes at 20,000 experiences.
        Without a search, each card's themes come as a column of the same query
        (a search takes no annotations, so it prefetches them in a query of its
        own).
        """
        query = self.values["q"]
        experiences = super().filter(experiences).for_cards(themes_in_query=not query)
        if query:
            experiences = experiences.search(query, order_by_relevance=False)
        return experiences
