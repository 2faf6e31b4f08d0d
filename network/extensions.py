"""Where apps above `network` add to its pages without `network` importing them.

An app registers a Wagtail hook under one of these names (as `portal` does for
its search sections):

- ``network_municipality_phases``: ``fn()`` returns ``{municipality id: label}``,
  the public label of each member's current phase (directory, map, its page).
- ``network_dashboard_sections``: ``fn(request, profile)`` returns HTML (already
  escaped, or "") for the member's dashboard.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks


def municipality_phases():
    phases = {}
    for hook in hooks.get_hooks("network_municipality_phases"):
        phases.update(hook())
    return phases


def dashboard_sections(request, profile):
    return [
        mark_safe(html)  # noqa: S308 - rendered by a template, escaped there
        for hook in hooks.get_hooks("network_dashboard_sections")
        if (html := hook(request, profile))
    ]
