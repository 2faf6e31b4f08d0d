"""From a page or a filter to a follow, and back to the fields of its button.

Pages of the apps below this one render the `portal_page_actions` hook with what
they show (`municipality=`, `experience=`, `experience_filter=`,
`practice_filter=`, `agenda=`); `target_for` turns that into a follow's criteria.
"""

from django.utils.translation import gettext as _
from taggit.models import Tag

from experiences.models import Experience, ExperienceKind
from network.models import Municipality

from .models import Follow, Scope


class Target:
    """A follow not yet saved: its criteria and what its button says."""

    def __init__(self, label, **criteria):
        self.label = label
        self.criteria = {
            "scope": Scope.ALL,
            "theme": None,
            "municipality": None,
            "kind": "",
            "experience": None,
            "agenda": False,
            **criteria,
        }

    def post_data(self):
        criteria = self.criteria
        return {
            "scope": criteria["scope"],
            "thema": criteria["theme"].slug if criteria["theme"] else "",
            "gemeente": (
                criteria["municipality"].slug if criteria["municipality"] else ""
            ),
            "soort": criteria["kind"],
            "ervaring": criteria["experience"].pk if criteria["experience"] else "",
            "agenda": "1" if criteria["agenda"] else "",
        }

    def existing(self, user):
        return Follow.objects.filter(user=user, **self.criteria).first()


def _narrowed_by(list_filter):
    """The fields that narrow the list: a selection we can follow uses only
    themes, municipalities and kinds, never a search or a province."""
    return {
        name
        for name, value in list_filter.values.items()
        if value not in (None, "", []) and name not in list_filter.not_narrowing
    }


def target_for(
    theme=None,
    municipality=None,
    experience=None,
    experience_filter=None,
    practice_filter=None,
    agenda=None,
    **_ignored,
):
    if theme is not None:
        return Target(
            _("Volg het thema ‘%(name)s’") % {"name": theme.name}, theme=theme
        )
    if municipality is not None:
        return Target(
            _("Volg %(name)s") % {"name": municipality.name}, municipality=municipality
        )
    if experience is not None:
        if not experience.is_public:
            return None
        return Target(_("Volg de reacties op deze bijdrage"), experience=experience)
    if agenda is not None:
        return Target(_("Volg nieuwe activiteiten in de agenda"), agenda=True)
    if experience_filter is not None:
        if _narrowed_by(experience_filter) - {"thema", "gemeente", "soort"}:
            return None
        values = experience_filter.values
        return target_from_values(
            Scope.EXPERIENCES,
            values.get("thema"),
            values.get("gemeente"),
            values.get("soort"),
        )
    if practice_filter is not None:
        if _narrowed_by(practice_filter) - {"thema"}:
            return None
        themes = practice_filter.values.get("thema") or []
        if len(themes) != 1:
            return None
        return target_from_values(Scope.PRACTICES, themes[0], None, None)
    return None


def target_from_values(scope, theme_slug, municipality_slug, kind):
    """A selection of a filter as a follow; None when nothing usable is chosen."""
    theme = Tag.objects.filter(slug=theme_slug).first() if theme_slug else None
    municipality = (
        Municipality.objects.filter(slug=municipality_slug).first()
        if municipality_slug
        else None
    )
    kind = kind if kind in ExperienceKind.values else ""
    if not (theme or municipality or kind):
        return None
    return Target(
        _("Volg deze selectie"),
        scope=scope,
        theme=theme,
        municipality=municipality,
        kind=kind,
    )


def target_from_post(data):
    """The follow a button posted; None for anything we do not know."""
    if data.get("agenda") == "1":
        return Target("", agenda=True)
    experience_id = data.get("ervaring", "")
    if experience_id:
        experience = (
            Experience.objects.published().filter(pk=experience_id).first()
            if experience_id.isdigit()
            else None
        )
        return Target("", experience=experience) if experience else None
    scope = data.get("scope", Scope.ALL)
    if scope not in Scope.values:
        return None
    if data.get("thema") and not Tag.objects.filter(slug=data["thema"]).exists():
        return None
    if (
        data.get("gemeente")
        and not Municipality.objects.filter(slug=data["gemeente"]).exists()
    ):
        return None
    if data.get("soort") and data["soort"] not in ExperienceKind.values:
        return None
    return target_from_values(
        scope, data.get("thema"), data.get("gemeente"), data.get("soort")
    )
