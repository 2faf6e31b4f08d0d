from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netwerk")
    editor_permissions = [
        "network.change_municipality",
        "network.view_municipality",
        "network.add_neighbourhood",
        "network.change_neighbourhood",
        "network.delete_neighbourhood",
        "network.view_neighbourhood",
        "network.view_memberprofile",
        "network.view_membershipapplication",
        "network.change_membershipapplication",
    ]

    def ready(self):
        from network import signals  # noqa: F401 (connects the receivers)
