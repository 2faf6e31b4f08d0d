from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .open_data import LICENCE_URLS, OpenDataLicence


@register_setting(icon="mail")
class SiteSettings(BaseSiteSetting):
    """Contact details of Mechelen's team and the pages linked from every footer."""

    organisation = models.CharField(
        _("organisatie"), max_length=120, default="Stad Mechelen"
    )
    team_name = models.CharField(
        _("team"), max_length=120, default="Team sociale cohesie"
    )
    email = models.EmailField(_("e-mailadres"), default="socialecohesie@mechelen.be")
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    address = models.TextField(_("adres"), blank=True, max_length=300)
    press_name = models.CharField(_("perscontact: naam"), max_length=120, blank=True)
    press_email = models.EmailField(_("perscontact: e-mailadres"), blank=True)
    press_phone = models.CharField(
        _("perscontact: telefoon"), max_length=40, blank=True
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    open_data_licence = models.CharField(
        _("licentie"),
        max_length=40,
        choices=OpenDataLicence.choices,
        blank=True,
        help_text=_(
            "Onder welke licentie mag iedereen de gidsen, praktijkvoorbeelden en de "
            "lijst van gemeenten hergebruiken? Zolang je niets kiest, staat op de "
            "pagina Open data dat hergebruik eerst toestemming vraagt."
        ),
    )
    open_data_attribution = models.CharField(
        _("bronvermelding"),
        max_length=200,
        blank=True,
        default="Stad Mechelen, lerend netwerk pleinmakers",
        help_text=_("Hoe wie de gegevens hergebruikt de bron vermeldt."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("team_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("press_name"),
                FieldPanel("press_email"),
                FieldPanel("press_phone"),
            ],
            heading=_("Pers"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Voettekst"),
        ),
        MultiFieldPanel(
            [FieldPanel("open_data_licence"), FieldPanel("open_data_attribution")],
            heading=_("Open data"),
        ),
    ]

    # The footer follows these links on every page; fetch them with the settings.
    select_related = ["privacy_page", "accessibility_page"]

    class Meta:
        verbose_name = _("portaalinstellingen")

    @property
    def open_data_licence_url(self):
        return LICENCE_URLS.get(self.open_data_licence, "")
