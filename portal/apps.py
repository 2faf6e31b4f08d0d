from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")
    editor_permissions = [
        "portal.change_sitesettings",
        "portal.add_phase",
        "portal.change_phase",
        "portal.delete_phase",
        "portal.view_outgoingmail",
        "portal.erase_person",
        "portal.view_contactsubmission",
        "portal.change_contactsubmission",
    ]

    def ready(self):
        from portal import (  # noqa: F401 (connect the login signals)
            lockout,
            logins,
            model_init,
            translation_catalog,
        )
        from portal.fragment_cache import connect_signals
        from portal.roles import ensure_groups

        connect_signals()
        model_init.install()
        translation_catalog.install()

        # Permissions exist only after every app has migrated, hence post_migrate.
        post_migrate.connect(ensure_groups, dispatch_uid="portal.ensure_groups")
