from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "trajectories"
    verbose_name = _("Trajecten")
    editor_permissions = [
        # The route: phases live in `portal`, the steps under them here.
        "trajectories.add_step",
        "trajectories.change_step",
        "trajectories.delete_step",
        "trajectories.view_step",
        # Every municipality's trajectory, updated on the site like members do.
        "trajectories.view_trajectory",
        "trajectories.change_trajectory",
        "trajectories.change_trajectorystep",
        # The mentor log is kept by Mechelen's editors.
        "trajectories.add_mentorcontact",
        "trajectories.change_mentorcontact",
        "trajectories.delete_mentorcontact",
        "trajectories.view_mentorcontact",
    ]

    def ready(self):
        from trajectories import signals

        signals.connect()
