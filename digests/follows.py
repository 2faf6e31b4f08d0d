"""From a page or a filter to a follow, and back to the fields of its button.

Pages of the apps below this one render the `portal_page_actions` hook with what
they show (`municipality=`, `experience=`, `experience_filter=`,
`practice_filter=`, `agenda=`); `target_for` turns that into a follow's criteria.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from taggit.models import Tag

from experiences.models import Experience, ExperienceKind
from network.models import Municipality
from portal.precompiled import PrecompiledQuery

from .models import Follow, Scope

EMPTY_CRITERIA = {
    "scope": Scope.ALL,
    "theme": None,
    "municipality": None,
    "kind": "",
    "experience": None,
    "agenda": False,
}
# More themes than this in one post is not a member choosing from a filter.
MAX_THEMES = 20
# The columns that say what a follow names (`EMPTY_CRITERIA`'s keys).
KEY_FIELDS = ("scope", "theme", "municipality", "kind", "experience", "agenda")


def _criteria_key(criteria):
    """Criteria (`EMPTY_CRITERIA`'s shape) as a tuple of plain values, to compare
    with `Follow.key()`: a related row stands for its id."""
    return tuple(getattr(criteria[name], "pk", criteria[name]) for name in KEY_FIELDS)


# Every follow of one member, the key columns only: a page's follow button asks
# on every page a member opens (the agenda, the filtered lists), and joining the
# followed rows or building a filter per button cost more than the database's
# work. A member follows a handful of things; its SQL is kept (`portal.precompiled`).
_follow_keys = PrecompiledQuery(
    lambda values: Follow.objects.filter(user_id=values[0]).only(*KEY_FIELDS).order_by()
)


def followed_keys(user):
    """What `user` follows, as `Follow.key()` tuples."""
    return {follow.key() for follow in _follow_keys(values=[user.pk])}


# The member's follows as their list shows them (`FollowQuerySet.for_list`), on
# the dashboard and the follow settings: its SQL is kept, as compiling its
# three joins cost more than the query.
_follow_list = PrecompiledQuery(
    lambda values: Follow.objects.filter(user_id=values[0]).for_list()
)


def follow_list(user):
    """What `user` follows, oldest first, with what each follow's label reads."""
    return _follow_list(values=[user.pk])


class Target:
    """Follows not yet saved: their criteria and what their button says.

    Most buttons name one follow; a filter's selection of several themes names
    one follow per theme (the lists show what carries any of them).
    `described` lists what is followed under the button, and `note` says what
    of the selection is not followed (a search, a province).
    """

    def __init__(self, label, *, follows=None, described=False, note="", **criteria):
        self.label = label
        self.follows = [{**EMPTY_CRITERIA, **each} for each in (follows or [criteria])]
        self.described = described
        self.note = note

    @property
    def criteria(self):
        return self.follows[0]

    def labels(self):
        return [Follow(**criteria).label() for criteria in self.follows]

    def post_data(self):
        """The button's hidden fields, as (name, value) pairs."""
        first = self.criteria
        pairs = [("scope", first["scope"])]
        pairs += [
            ("thema", criteria["theme"].slug)
            for criteria in self.follows
            if criteria["theme"]
        ]
        if first["municipality"]:
            pairs.append(("gemeente", first["municipality"].slug))
        if first["kind"]:
            pairs.append(("soort", first["kind"]))
        if first["experience"]:
            pairs.append(("ervaring", first["experience"].pk))
        if first["agenda"]:
            pairs.append(("agenda", "1"))
        return pairs

    def existing(self, user):
        """The member's follows among these, in one query."""
        wanted = Q()
        for criteria in self.follows:
            wanted |= Q(**criteria)
        return [
            follow
            for follow in Follow.objects.filter(user=user)
            .filter(wanted)
            .select_related("theme", "municipality", "experience")
            if follow.criteria() in self.follows
        ]

    def missing(self, user):
        """The criteria the member does not follow yet."""
        have = followed_keys(user)
        return [
            criteria for criteria in self.follows if _criteria_key(criteria) not in have
        ]


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
        values = experience_filter.values
        return target_from_values(
            Scope.EXPERIENCES,
            [values.get("thema")] if values.get("thema") else [],
            values.get("gemeente"),
            values.get("soort"),
            unfollowed=_narrowed_by(experience_filter) - {"thema", "gemeente", "soort"},
        )
    if practice_filter is not None:
        return target_from_values(
            Scope.PRACTICES,
            practice_filter.values.get("thema") or [],
            None,
            None,
            unfollowed=_narrowed_by(practice_filter) - {"thema"},
        )
    return None


# A filter's chosen themes and municipality, on every filtered list a member
# opens: their SQL is kept (`portal.precompiled`), one shape per number of themes.
_themes_by_slug = PrecompiledQuery(
    lambda values: Tag.objects.filter(slug__in=values).order_by("name")
)
_municipality_by_slug = PrecompiledQuery(
    lambda values: Municipality.objects.filter(slug=values[0]).order_by("pk")[:1]
)


def target_from_values(scope, theme_slugs, municipality_slug, kind, unfollowed=()):
    """A filter's selection as follows: one per chosen theme, each with the
    chosen municipality and kind; None when nothing followable is chosen."""
    themes = _themes_by_slug(values=theme_slugs[:MAX_THEMES]) if theme_slugs else []
    municipality = (
        next(iter(_municipality_by_slug(values=[municipality_slug])), None)
        if municipality_slug
        else None
    )
    kind = kind if kind in ExperienceKind.values else ""
    if not (themes or municipality or kind):
        return None
    return Target(
        _("Volg deze selectie"),
        follows=[
            {"scope": scope, "theme": theme, "municipality": municipality, "kind": kind}
            for theme in themes or [None]
        ],
        described=True,
        note=(
            _("Je zoekwoorden en je andere filters volg je niet mee.")
            if unfollowed
            else ""
        ),
    )


def target_from_post(data):
    """The follows a button posted; None for anything we do not know."""
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
    theme_slugs = [slug for slug in data.getlist("thema") if slug]
    if len(theme_slugs) > MAX_THEMES:
        return None
    if theme_slugs and Tag.objects.filter(slug__in=theme_slugs).count() != len(
        set(theme_slugs)
    ):
        return None
    if (
        data.get("gemeente")
        and not Municipality.objects.filter(slug=data["gemeente"]).exists()
    ):
        return None
    if data.get("soort") and data["soort"] not in ExperienceKind.values:
        return None
    return target_from_values(
        scope, theme_slugs, data.get("gemeente"), data.get("soort")
    )
