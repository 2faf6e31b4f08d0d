from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Province(models.TextChoices):
    ANTWERPEN = "antwerpen", "Antwerpen"
    LIMBURG = "limburg", "Limburg"
    OOST_VLAANDEREN = "oost-vlaanderen", "Oost-Vlaanderen"
    VLAAMS_BRABANT = "vlaams-brabant", "Vlaams-Brabant"
    WEST_VLAANDEREN = "west-vlaanderen", "West-Vlaanderen"


class MunicipalityQuerySet(models.QuerySet):
    def in_province(self, province):
        return self.filter(province=province)


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

    objects = MunicipalityQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("province"),
    ]

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name
