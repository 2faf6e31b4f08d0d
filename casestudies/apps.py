from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Praktijkvoorbeelden")

    def ready(self):
        from casestudies import signals  # noqa: F401 (connects the receivers)
