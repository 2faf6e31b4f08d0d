from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataLicence(models.TextChoices):
    """Open licences editors can choose for the open data: the two open model
    licences of the Flemish government, and Creative Commons Attribution."""

    FREE_REUSE = (
        "modellicentie-gratis-hergebruik",
        _("Modellicentie voor gratis hergebruik (Vlaamse overheid, v1.0)"),
    )
    CC0 = "cc0-1.0", _("Creative Commons Zero (CC0 1.0): geen voorwaarden")
    CC_BY = "cc-by-4.0", _("Creative Commons Naamsvermelding 4.0 (CC BY 4.0)")


LICENCE_URLS = {
    OpenDataLicence.FREE_REUSE: (
        "https://overheid.vlaanderen.be/sites/default/files/documenten/ict-egov/"
        "licenties/hergebruik/modellicentie_gratis_hergebruik_v1_0.html"
    ),
    OpenDataLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    OpenDataLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.nl",
}
