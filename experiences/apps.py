from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "experiences"
    verbose_name = _("Ervaringen")
    # Moderation: editors decide on and hide members' words, never write them.
    editor_permissions = [
        "experiences.view_experience",
        "experiences.change_experience",
        "experiences.publish_experience",
        "experiences.delete_experience",
        "experiences.view_reaction",
        "experiences.change_reaction",
        "experiences.delete_reaction",
        "experiences.view_report",
    ]

    def ready(self):
        from experiences import signals  # noqa: F401 (connects the receivers)
