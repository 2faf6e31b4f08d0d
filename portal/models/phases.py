from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class PhaseQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("sort_order", "name")


class Phase(index.Indexed, models.Model):
    """A stage of the journey a city goes through when it starts pleinmakers.

    Guides and toolkit documents say which phase they serve; editors manage the list.
    """

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(
        _("korte naam in de webadressen"),
        max_length=80,
        unique=True,
        help_text=_("Wordt gebruikt in de filters van de toolkit, bv. 'verkennen'."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("volgorde"),
        default=0,
        help_text=_("Fasen met een lager getal komen eerst."),
    )

    objects = PhaseQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
