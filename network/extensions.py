"""Where apps above `network` add to its pages without `network` importing them.

An app registers a Wagtail hook under one of these names (as `portal` does for
its search sections):

- ``network_municipality_phases``: ``fn()`` returns ``{municipality id: label}``,
  the public label of each member's current phase (directory, map, its page).
- ``network_municipality_annotations``: ``fn(member)`` returns {name:
  expression} to annotate a municipality with when its page loads it, so the
  app's part of that page (its phase, its events, the follow button) is known
  from the same query. ``member`` is None for a visitor, else what stands for
  the id of the member viewing the page: the query's SQL is compiled once per
  process (`portal.precompiled`) with the slug and that id as parameters, so
  an expression may depend on nothing else (not on the time: compare in
  Python instead).
- ``network_municipality_phase``: ``fn(municipality)`` returns the label of
  one municipality's phase ("" for none) from those annotations, or None when
  it cannot tell (then ``network_municipality_phases`` answers).
- ``network_dashboard_sections``: ``fn(request, profile)`` returns HTML (already
  escaped, or "") for the member's dashboard.
- ``network_dashboard_annotations``: ``fn(request)`` returns {name: expression}
  to annotate the member's profile with when the dashboard loads it (an
  ``OuterRef`` names the profile's ``user`` or ``municipality``), so each app's
  panel reads what it shows from that one query. The panels get the profile:
  ``network_dashboard_sections`` as an argument, ``member_dashboard_sections``
  as ``profile=``.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks


def municipality_phases():
    phases = {}
    for hook in hooks.get_hooks("network_municipality_phases"):
        phases.update(hook())
    return phases


def municipality_annotations(member):
    annotations = {}
    for hook in hooks.get_hooks("network_municipality_annotations"):
        annotations.update(hook(member))
    return annotations


def municipality_phase(municipality):
    """The public label of one municipality's current phase, or ""."""
    for hook in hooks.get_hooks("network_municipality_phase"):
        label = hook(municipality)
        if label is not None:
            return label
    return municipality_phases().get(municipality.pk, "")


def dashboard_annotations(request):
    annotations = {}
    for hook in hooks.get_hooks("network_dashboard_annotations"):
        annotations.update(hook(request))
    return annotations


def dashboard_sections(request, profile):
    return [
        mark_safe(html)  # noqa: S308 - rendered by a template, escaped there
        for hook in hooks.get_hooks("network_dashboard_sections")
        if (html := hook(request, profile))
    ]
