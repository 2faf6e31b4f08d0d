from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Volgen en digests")
    editor_permissions = [
        "digests.view_digestrun",
        "digests.view_bounce",
        "digests.add_bounce",
        "digests.change_bounce",
        "digests.delete_bounce",
        "digests.change_digestsettings",
    ]

    def ready(self):
        from digests import signals

        signals.connect()
