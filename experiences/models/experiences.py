"""Experiences members share, the reactions on them, and reports about either.

An experience is a snippet with Wagtail's draft state and revisions: the row holds
what the public sees once an editor approved it, while a member's later edit waits
as a revision until it is approved too. Nothing a member writes is public before
an editor approved it (pre-moderation); reactions are shown at once and moderated
afterwards through reports.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from network.models import Municipality
from portal.aggregates import JSONGroupArray, json_rows
from portal.fragment_cache import page_path
from portal.precompiled import PrecompiledQuery

from .pages import experiences_url

REACTION_EDIT_WINDOW = timedelta(minutes=15)
REPORTS_TO_HIDE = 3
CARD_RENDITION = "fill-480x270"
DETAIL_RENDITION = "width-960"


def signature(author, municipality, *, named=True):
    """How members' words are signed: a name, or, for an author who prefers
    not to be named 'een medewerker van <gemeente>', for an author whose account
    is gone 'een voormalig lid van <gemeente>'."""
    if author is None:
        return _("een voormalig lid van %(municipality)s") % {
            "municipality": municipality.name
        }
    if named and author.get_full_name():
        return author.get_full_name()
    return _("een medewerker van %(municipality)s") % {
        "municipality": municipality.name
    }


class ExperienceKind(models.TextChoices):
    EXPERIENCE = "ervaring", _("Ervaring")
    QUESTION = "vraag", _("Vraag aan het netwerk")
    TIP = "tip", _("Tip")
    REPORT = "verslag", _("Verslag van een actie")


class ModerationStatus(models.TextChoices):
    """Where the newest version of an experience stands with the editors."""

    DRAFT = "concept", _("Concept")
    PENDING = "wacht", _("Wacht op moderatie")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    CHANGES_REQUESTED = "aanpassen", _("Aanpassing gevraagd")
    REJECTED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


def photo_with_renditions(*filter_specs):
    """The photo's renditions, only those a template asks for."""
    from wagtail.images import get_image_model

    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=filter_specs)
    )
    return Prefetch(
        "photo__renditions", queryset=renditions, to_attr="prefetched_renditions"
    )


class ExperienceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        """What anyone may see: approved, still online, not hidden after reports."""
        return self.filter(live=True, hidden_at__isnull=True)

    def awaiting_moderation(self):
        return self.filter(status=ModerationStatus.PENDING)

    def unanswered_questions(self, older_than):
        """Published questions to the network without any visible reaction
        since before `older_than`."""
        visible_reactions = Reaction.objects.visible().filter(
            experience=models.OuterRef("pk")
        )
        return (
            self.published()
            .filter(kind=ExperienceKind.QUESTION, first_published_at__lt=older_than)
            .exclude(models.Exists(visible_reactions))
        )

    def for_cards(self, themes_in_query=False):
        """Newest first, with what a card shows, in a fixed number of queries.

        `themes_in_query`: each card's themes as a column of this query
        (`card_themes` reads it) rather than a query of their own; not for a
        search, which takes no annotations.
        """
        cards = self.select_related("municipality", "author", "photo")
        if themes_in_query:
            themes = (
                ExperienceTheme.objects.filter(content_object=models.OuterRef("pk"))
                .order_by()
                .values("content_object")
                .annotate(
                    rows=JSONGroupArray(
                        JSONObject(id="tag_id", name="tag__name", slug="tag__slug")
                    )
                )
                .values("rows")
            )
            cards = cards.annotate(theme_rows=models.Subquery(themes))
        else:
            cards = cards.prefetch_related("themes")
        # `id`, not `pk`: a search sorts only on fields in `search_fields`.
        return cards.prefetch_related(photo_with_renditions(CARD_RENDITION)).order_by(
            "-first_published_at", "-id"
        )

    def with_detail_relations(self):
        """With the rows the detail page shows along (see `experience_for_detail`)."""
        return self.select_related("municipality", "author", "case_study", "photo")


class ExperienceTheme(TaggedItemBase):
    """Experiences share their themes (taggit tags) with the practices."""

    content_object = ParentalKey(
        "experiences.Experience", on_delete=models.CASCADE, related_name="tagged_themes"
    )

    class Meta:
        # The tables kept their names when the models moved out of `network`.
        db_table = "network_experiencetheme"
        # Experiences by theme (filter, used themes) from the index alone; the
        # tag_id index alone made PostgreSQL walk every row of a theme.
        indexes = [
            models.Index(
                fields=["tag", "content_object"], name="network_exptheme_tag_exp_idx"
            )
        ]


class Experience(
    DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel, models.Model
):
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    summary = models.TextField(_("samenvatting"), max_length=300)
    body = models.TextField(
        _("tekst"),
        max_length=20000,
        help_text=_("Zoals de auteur het schreef, in eenvoudige opmaak."),
    )
    body_html = models.TextField(_("tekst als HTML"), editable=False, blank=True)
    kind = models.CharField(
        _("soort bijdrage"),
        max_length=12,
        choices=ExperienceKind.choices,
        default=ExperienceKind.EXPERIENCE,
    )
    themes = ClusterTaggableManager(
        through=ExperienceTheme, blank=True, verbose_name=_("thema's")
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("beschrijving van de foto"), max_length=250, blank=True
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        verbose_name=_("praktijkvoorbeeld"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
    )
    show_author_name = models.BooleanField(
        _("toon mijn naam"),
        default=True,
        help_text=_("Anders staat er 'een medewerker van' en de naam van je gemeente."),
    )

    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_(
            "Een verzonnen ervaring van de demo; de site toont ze als voorbeeld."
        ),
    )

    # Who and where: set by the portal, never from a form.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="experiences",
    )

    # Moderation: about the experience as a whole, so revisions never carry them.
    status = models.CharField(
        _("moderatie"),
        max_length=12,
        choices=ModerationStatus.choices,
        default=ModerationStatus.DRAFT,
        db_index=True,
    )
    moderation_note = models.TextField(_("reden van de redactie"), blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(
        _("verborgen sinds"),
        null=True,
        blank=True,
        help_text=_("Verborgen na meldingen of door de redactie."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    # A question to the network is *beantwoord* once its author or an editor
    # marks a reaction as the answer (`services.mark_answer`).
    answer = models.OneToOneField(
        "experiences.Reaction",
        verbose_name=_("antwoord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    objects = ExperienceQuerySet.as_manager()
    # For templates: `experience.status == experience.ModerationStatus.PENDING`.
    ModerationStatus = ModerationStatus

    # Object-level fields a revision must never turn back (see with_content_json).
    OBJECT_FIELDS = (
        "author_id",
        "municipality_id",
        "status",
        "moderation_note",
        "submitted_at",
        "moderated_at",
        "moderated_by_id",
        "hidden_at",
        "created_at",
        "answer_id",
        "answered_at",
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("hidden_at"),
        index.FilterField("kind"),
        index.FilterField("municipality_id"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        db_table = "network_experience"
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        ordering = ["-first_published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["live", "hidden_at", "-first_published_at"],
                name="network_exp_public_idx",
            ),
            # A member's own experiences, newest first, a page at a time
            # (the dashboard) without sorting all of them.
            models.Index(
                fields=["author", "-created_at", "-id"],
                name="network_exp_author_new_idx",
            ),
            # The search index joins on the id as text (its object_id): without
            # this, PostgreSQL scans every experience for each search.
            models.Index(
                Cast("id", output_field=models.CharField(max_length=50)),
                name="network_exp_id_text_idx",
            ),
            # The published experiences with what filters and figures test, so
            # counting those of a theme, a province or a kind reads this index
            # alone instead of one table row per tagged experience (75 to 10 ms
            # for a theme and a province at 20,000 experiences on PostgreSQL).
            models.Index(
                fields=["id", "municipality", "kind", "first_published_at"],
                condition=models.Q(live=True, hidden_at__isnull=True),
                name="network_exp_published_idx",
            ),
            # A municipality's newest published experiences (its page shows
            # six), read in order and stopped there: SQLite fetched and sorted
            # all of Mechelen's 3,300 at bench size, their themes included.
            models.Index(
                fields=["municipality", "-first_published_at", "-id"],
                condition=models.Q(live=True, hidden_at__isnull=True),
                name="network_exp_town_new_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:120] or "ervaring"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{experiences_url()}{self.pk}-{self.slug}/"

    @property
    def card_themes(self):
        """The themes by name, from `for_cards(themes_in_query=True)`'s column
        when it is there."""
        if hasattr(self, "theme_rows"):
            return json_rows(Tag, self.theme_rows, key=lambda tag: tag.name)
        return sorted(self.themes.all(), key=lambda tag: tag.name)

    def shown_at(self):
        """URL paths of the pages that show it, for the page caches."""
        paths = {self.get_absolute_url(), experiences_url()}
        if self.municipality_id:
            paths.add(self.municipality.get_absolute_url())
        if self.case_study_id and (path := page_path(self.case_study)):
            paths.add(path)
        return paths

    def with_content_json(self, content):
        """This experience as `content` (a revision's) has it.

        Wagtail (modelcluster) checks every foreign key of the content with a
        query of its own, and each theme's twice more. Here the object-level
        fields (OBJECT_FIELDS, and the latest revision, which Wagtail keeps
        from the row too) come from the row, a key the row holds as well
        exists (the row's own is taken, loaded or not), a key the row does not
        hold is loaded once (None when its row is gone, as a check gives), and
        the themes come in one query.
        """
        kept = {self._meta.get_field(name) for name in self.OBJECT_FIELDS}
        kept.add(self._meta.get_field("latest_revision"))
        from_row, loaded = set(), {}
        for field in self._meta.concrete_fields:
            if not field.is_relation or field in kept or field.name not in content:
                continue
            value = content[field.name]
            if value == getattr(self, field.attname):
                from_row.add(field)
            elif value is not None:
                loaded[field] = field.related_model._default_manager.filter(
                    pk=value
                ).first()
        skipped = {field.name for field in kept | from_row | loaded.keys()}
        content = {key: value for key, value in content.items() if key not in skipped}
        theme_rows = content.get("tagged_themes")
        if theme_rows is not None:
            tags = Tag.objects.in_bulk([row["tag"] for row in theme_rows])
            theme_rows = [row for row in theme_rows if row["tag"] in tags]
            # A theme's experience is this one: the cluster sets it.
            content["tagged_themes"] = [
                {
                    key: value
                    for key, value in row.items()
                    if key not in ("tag", "content_object")
                }
                for row in theme_rows
            ]
        obj = super().with_content_json(content)
        if theme_rows is not None:
            for item, row in zip(obj.tagged_themes.all(), theme_rows, strict=True):
                item.tag = tags[row["tag"]]
        for field in kept | from_row:
            setattr(obj, field.attname, getattr(self, field.attname))
            if field.is_relation and field.is_cached(self):
                field.set_cached_value(obj, field.get_cached_value(self))
        for field, related in loaded.items():
            setattr(obj, field.name, related)
        return obj

    def get_latest_revision_as_object(self):
        """Wagtail's answer, built from this row: `Revision.as_object()` loads
        the experience again and then its latest revision a second time. Load
        it with `select_related("latest_revision")` to need no query at all."""
        revision = self.latest_revision if self.has_unpublished_changes else None
        return self.with_content_json(revision.content) if revision else self

    @property
    def is_public(self):
        return self.live and self.hidden_at is None

    @property
    def is_question(self):
        return self.kind == ExperienceKind.QUESTION

    def question_state(self):
        """'beantwoord' or 'open' for a question to the network, else ''."""
        if not self.is_question:
            return ""
        return _("beantwoord") if self.answer_id else _("open")

    def byline(self):
        """The author's name, or 'een medewerker van <gemeente>' if they prefer."""
        return signature(self.author, self.municipality, named=self.show_author_name)


# The detail page's experience by id: its SQL is kept (`portal.precompiled`), as
# compiling its four joins cost more Python than the database spent on it.
_experience_with_detail_relations = PrecompiledQuery(
    lambda values: (
        Experience.objects.with_detail_relations().filter(pk=values[0]).order_by()
    )
)


def experience_for_detail(pk):
    """The experience `pk` (published or not: the view decides who sees it)
    with what its page shows, its themes and photo too; None if there is none."""
    if pk > connection.ops.integer_field_range("BigAutoField")[1]:
        return None  # no such id; too large to be a query's parameter
    rows = _experience_with_detail_relations(values=[pk])
    prefetch_related_objects(rows, "themes", photo_with_renditions(DETAIL_RENDITION))
    return rows[0] if rows else None


class ReactionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)


class Reaction(models.Model):
    """A member's plain-text reaction; shown at once, moderated afterwards."""

    experience = models.ForeignKey(
        Experience,
        verbose_name=_("ervaring"),
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reactions",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("reactie"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("verborgen sinds"), null=True, blank=True)

    objects = ReactionQuerySet.as_manager()

    class Meta:
        db_table = "network_reaction"
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "pk"]
        # Whether an experience has a visible reaction from the index alone:
        # the dashboard's unanswered questions ask it of every question on
        # the member's themes (1,700 at bench size M: 13 ms -> 4 ms).
        indexes = [
            models.Index(
                fields=["experience"],
                condition=Q(hidden_at__isnull=True),
                name="network_reaction_visible_idx",
            )
        ]

    def __str__(self):
        return _("Reactie op ‘%(title)s’") % {"title": self.experience.title}

    def get_absolute_url(self):
        return f"{self.experience.get_absolute_url()}#reactie-{self.pk}"

    def editable_until(self):
        return self.created_at + REACTION_EDIT_WINDOW

    def can_be_edited_by(self, user):
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and timezone.now() < self.editable_until()
        )

    def author_name(self):
        return signature(self.author, self.municipality)


# What the detail page shows of a reaction besides its own columns: its
# author's and municipality's names, not their whole rows (the user's row is
# some twenty columns, each converted). Its SQL is kept: compiling the two
# joins cost more Python than the database spent on them.
_visible_reactions = PrecompiledQuery(
    lambda values: (
        Reaction.objects.visible()
        .filter(experience_id=values[0])
        .select_related("author", "municipality")
        .only(
            "body",
            "created_at",
            "edited_at",
            "author__first_name",
            "author__last_name",
            "municipality__name",
        )
    )
)


def visible_reactions(experience):
    """`experience`'s visible reactions, oldest first, with the names their
    page signs them with (`Reaction.author_name`)."""
    return _visible_reactions(values=[experience.pk])


# A member's reports on one experience and its reactions (`reported_by`).
def _member_reports_query(values):
    experience_id, same_experience_id, reporter_id = values
    on_page = Q(experience_id=experience_id, reaction=None) | Q(
        reaction__experience_id=same_experience_id
    )
    return (
        Report.objects.filter(on_page, reporter_id=reporter_id)
        .only("experience", "reaction")
        .order_by()
    )


_member_reports = PrecompiledQuery(_member_reports_query)


def reported_by(user, experience):
    """What `user` reported on `experience`'s page: (whether the experience
    itself, the ids of its reactions), in one query."""
    reports = _member_reports(values=[experience.pk, experience.pk, user.pk])
    return (
        any(report.reaction_id is None for report in reports),
        {report.reaction_id for report in reports if report.reaction_id},
    )


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A member's report that an experience or a reaction does not belong here."""

    experience = models.ForeignKey(
        Experience,
        verbose_name=_("ervaring"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reaction = models.ForeignKey(
        Reaction,
        verbose_name=_("reactie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        db_table = "network_report"
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience__isnull=False, reaction__isnull=True)
                | Q(experience__isnull=True, reaction__isnull=False),
                name="network_report_one_target",
            ),
            models.UniqueConstraint(
                fields=["experience", "reporter"],
                condition=Q(experience__isnull=False),
                name="network_report_once_per_experience",
            ),
            models.UniqueConstraint(
                fields=["reaction", "reporter"],
                condition=Q(reaction__isnull=False),
                name="network_report_once_per_reaction",
            ),
        ]

    def __str__(self):
        return str(self.experience or self.reaction)

    @property
    def target(self):
        return self.experience or self.reaction
