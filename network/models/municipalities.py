from django.core.cache import cache
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Province(models.TextChoices):
    ANTWERPEN = "antwerpen", "Antwerpen"
    LIMBURG = "limburg", "Limburg"
    OOST_VLAANDEREN = "oost-vlaanderen", "Oost-Vlaanderen"
    VLAAMS_BRABANT = "vlaams-brabant", "Vlaams-Brabant"
    WEST_VLAANDEREN = "west-vlaanderen", "West-Vlaanderen"


class MembershipStatus(models.TextChoices):
    NONE = "geen", _("geen lid")
    CANDIDATE = "kandidaat", _("kandidaat")
    MEMBER = "lid", _("lid van het lerend netwerk")
    MENTOR = "mentor", _("mentor")
    FORMER = "voormalig", _("voormalig lid")


MEMBER_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.MENTOR)

DATA_VERSION_CACHE_KEY = "network:data-version"


def directory_url():
    """The directory's URL path (once per request; see `cached_page_url`)."""
    from network.models.pages import NetworkIndexPage, cached_page_url

    return cached_page_url(NetworkIndexPage, "/netwerk/")


def data_version():
    """A number that changes whenever membership data shown in the directory does."""
    return cache.get_or_set(DATA_VERSION_CACHE_KEY, 1, None)


def bump_data_version():
    try:
        cache.incr(DATA_VERSION_CACHE_KEY)
    except ValueError:
        cache.set(DATA_VERSION_CACHE_KEY, 2, None)


class MunicipalityQuerySet(models.QuerySet):
    def in_province(self, province):
        return self.filter(province=province)

    def members(self):
        """Municipalities in the learning network: members and the mentor."""
        return self.filter(membership_status__in=MEMBER_STATUSES)

    def for_directory(self):
        """The mentor first, then the members, then everyone else, each A–Z."""
        return self.annotate(
            directory_rank=Case(
                When(membership_status=MembershipStatus.MENTOR, then=Value(0)),
                When(membership_status=MembershipStatus.MEMBER, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("directory_rank", "name")


def choice_label(choices, value):
    """The label of `value`, as `get_FOO_display` gives it (the value itself
    when it is none of the choices)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class Municipality(index.Indexed, models.Model):
    """One of the 285 municipalities of the Flemish Region (from 1 January 2025).

    Loaded by a data migration from `network/data/municipalities.csv`.
    """

    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    arrondissement = models.CharField(_("arrondissement"), max_length=100)
    inhabitants = models.PositiveIntegerField(_("inwoners"))
    inhabitants_year = models.PositiveSmallIntegerField(_("jaar van het inwonertal"))
    latitude = models.DecimalField(_("breedtegraad"), max_digits=7, decimal_places=4)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=7, decimal_places=4)
    membership_status = models.CharField(
        _("lidmaatschap"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.NONE,
        db_index=True,
    )
    member_since = models.DateField(
        _("lid sinds"),
        null=True,
        blank=True,
        help_text=_("De dag van de eerste goedkeuring."),
    )
    description = models.TextField(
        _("publieke beschrijving"),
        blank=True,
        max_length=4000,
        help_text=_(
            "Hoe je gemeente met pleinmakers werkt. De leden kunnen dit aanpassen."
        ),
    )
    is_example = models.BooleanField(
        _("voorbeeldlid"),
        default=False,
        editable=False,
        help_text=_(
            "Het lidmaatschap is verzonnen voor de demo; `manage.py remove_demo` "
            "zet het terug."
        ),
    )

    objects = MunicipalityQuerySet.as_manager()
    # For templates, e.g. `municipality.MembershipStatus.NONE`.
    MembershipStatus = MembershipStatus

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("province"),
    ]

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{directory_url()}{self.slug}/"

    # Django's `get_FOO_display` hashes every choice's lazy label, a translation
    # each, on every call: about 4,000 translations for the directory's 285
    # municipalities and its map, a third of the page's time without its cache.
    def get_province_display(self):
        return choice_label(Province, self.province)

    def get_membership_status_display(self):
        return choice_label(MembershipStatus, self.membership_status)

    @property
    def is_member(self):
        return self.membership_status in MEMBER_STATUSES


class Neighbourhood(models.Model):
    """A neighbourhood of a municipality where pleinmakers are (or will be) at work."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
    )
    name = models.CharField(_("naam van de wijk"), max_length=100)
    description = models.TextField(_("beschrijving"), blank=True, max_length=1000)
    pleinmakers_active = models.BooleanField(
        _("er zijn pleinmakers actief"), default=True
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="network_neighbourhood_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"
