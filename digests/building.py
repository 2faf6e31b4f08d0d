"""What goes into a member's digest for one period.

`PeriodContent` loads everything new in the period once, for every member: only
what anyone may see (published, not hidden, not withdrawn), and only the public
fields (never an event's online link). Each member's digest is then matched in
Python against their follows, so building it costs the same few queries per
member whatever the size of the data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from events.models import EventPage, agenda_url
from experiences.models import Experience, Reaction, experiences_url
from experiences.models.experiences import ExperienceKind

from .models import Follow, Scope

MAX_PER_GROUP = 10
SUMMARY_LENGTH = 140


def absolute(path):
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.PORTAL_BASE_URL}{path}"


@dataclass
class Item:
    key: str
    title: str
    summary: str
    url: str


@dataclass
class Group:
    """One kind of item under one heading: at most MAX_PER_GROUP, then 'en nog N'."""

    title: str
    items: list
    more_url: str
    noun_one: str
    noun_many: str

    @property
    def shown(self):
        return self.items[:MAX_PER_GROUP]

    @property
    def more(self):
        return max(0, len(self.items) - MAX_PER_GROUP)

    @property
    def more_text(self):
        noun = self.noun_one if self.more == 1 else self.noun_many
        return _("en nog %(count)s %(noun)s") % {"count": self.more, "noun": noun}


@dataclass
class Section:
    title: str
    groups: list = field(default_factory=list)


@dataclass
class Digest:
    user: object
    sections: list

    @property
    def items(self):
        return [
            item
            for section in self.sections
            for group in section.groups
            for item in group.items
        ]

    @property
    def is_empty(self):
        return not self.items

    def count(self):
        return len(self.items)


def _index(items, kinds=False):
    """Items by ('theme', id), ('municipality', id) and ('kind', kind), in order."""
    index = defaultdict(list)
    for item in items:
        for theme_id in item.theme_ids:
            index[("theme", theme_id)].append(item)
        index[("municipality", item.municipality_id)].append(item)
        if kinds:
            index[("kind", item.kind)].append(item)
    return index


def _summary(text):
    return Truncator(" ".join((text or "").split())).chars(SUMMARY_LENGTH)


class Reader:
    """A newsletter subscriber as a digest's recipient: no account, wrote nothing."""

    pk = None


def subscriber_follows(subscriber):
    """The subscriber's themes as unsaved follows, to match like a member's."""
    return [Follow(theme=theme) for theme in subscriber.themes.all()]


def _own(user, author_id):
    """Whether the recipient wrote it; a subscriber (pk None) wrote nothing."""
    return user.pk is not None and author_id == user.pk


class PeriodContent:
    """Everything published in [start, end), loaded once for all members.

    `only=[(kind, pk), ...]` keeps just those items (kind as in `Item.key`:
    praktijk, ervaring, beantwoord, reactie, activiteit), through the same
    visibility filters: what an immediate mail is built from. A question
    answered in the period is a `beantwoord` item, even when asked in it too.
    """

    def __init__(self, start, end, now=None, only=None):
        self.start, self.end = start, end
        self.only = only
        now = now or timezone.now()
        practices = self._only(
            "praktijk",
            CaseStudyPage.objects.live()
            .public()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .select_related("municipality")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk"),
        )
        self.practices = list(practices)
        for practice in self.practices:
            practice.theme_ids = {tag.pk for tag in practice.themes.all()}
        experiences = self._only(
            "ervaring",
            Experience.objects.published()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .exclude(
                kind=ExperienceKind.QUESTION,
                answered_at__gte=start,
                answered_at__lt=end,
            )
            .select_related("municipality")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk"),
        )
        self.experiences = list(experiences)
        # Questions answered in the period, whenever they were asked.
        answered = list(
            self._only(
                "beantwoord",
                Experience.objects.published()
                .filter(
                    kind=ExperienceKind.QUESTION,
                    answered_at__gte=start,
                    answered_at__lt=end,
                )
                .select_related("municipality")
                .prefetch_related("themes")
                .order_by("-answered_at", "-pk"),
            )
        )
        for experience in answered:
            experience.answered_in_period = True
        self.experiences += answered
        for experience in self.experiences:
            experience.theme_ids = {tag.pk for tag in experience.themes.all()}
        self.reactions = list(
            self._only(
                "reactie",
                Reaction.objects.visible()
                .filter(
                    created_at__gte=start,
                    created_at__lt=end,
                    experience__in=Experience.objects.published(),
                )
                .select_related("experience", "municipality", "author")
                # A busy week holds tens of thousands of reactions: load only
                # what matching and an item need.
                .only(
                    "experience",
                    "author",
                    "municipality",
                    "body",
                    "created_at",
                    "experience__title",
                    "experience__slug",
                    "experience__author",
                    "municipality__name",
                    "author__first_name",
                    "author__last_name",
                )
                .order_by("-created_at", "-pk"),
            )
        )
        self.events = list(
            self._only(
                "activiteit",
                EventPage.objects.live()
                .public()
                .not_cancelled()
                .upcoming(now)
                .filter(first_published_at__gte=start, first_published_at__lt=end)
                .order_by("start", "pk"),
            )
        )
        index = CaseStudyIndexPage.objects.live().public().first()
        self.practices_url = index.url if index else "/"
        self.experiences_url = experiences_url()
        self.agenda_url = agenda_url()
        # Indexes, so matching one member costs what matches them, not a scan
        # of the whole period for every follow.
        self.practices_by = _index(self.practices)
        self.experiences_by = _index(self.experiences, kinds=True)
        self.reactions_on = defaultdict(list)
        self.reactions_on_author = defaultdict(list)
        for reaction in self.reactions:
            self.reactions_on[reaction.experience_id].append(reaction)
            self.reactions_on_author[reaction.experience.author_id].append(reaction)

    def _only(self, kind, queryset):
        if self.only is None:
            return queryset
        pks = [pk for only_kind, pk in self.only if only_kind == kind]
        return queryset.filter(pk__in=pks) if pks else queryset.none()

    @property
    def is_empty(self):
        return not (self.practices or self.experiences or self.reactions or self.events)

    @staticmethod
    def _candidates(index, items, follow):
        """The smallest indexed list that holds every item `follow` can match."""
        if follow.theme_id:
            return index[("theme", follow.theme_id)]
        if follow.municipality_id:
            return index[("municipality", follow.municipality_id)]
        if follow.kind:
            return index[("kind", follow.kind)]
        return items

    # Items, with only public fields -------------------------------------------

    @staticmethod
    def _item(thing, build):
        """The item of a practice, experience, reaction or event: built once,
        when a first member's digest holds it, not for all that nobody follows."""
        item = getattr(thing, "digest_item", None)
        if item is None:
            item = thing.digest_item = build(thing)
        return item

    def practice_item(self, practice):
        return Item(
            f"praktijk:{practice.pk}",
            practice.title,
            _summary(practice.summary),
            absolute(practice.url),
        )

    def experience_item(self, experience):
        prefix = ""
        if experience.kind == ExperienceKind.QUESTION:
            prefix = _("Beantwoord: ") if experience.answer_id else _("Vraag: ")
        # Its own key, so the answer is news even to who heard of the question.
        kind = (
            "beantwoord" if getattr(experience, "answered_in_period", False) else None
        )
        return Item(
            f"{kind or 'ervaring'}:{experience.pk}",
            f"{prefix}{experience.title} ({experience.municipality.name})",
            _summary(experience.summary),
            absolute(experience.get_absolute_url()),
        )

    def reaction_item(self, reaction):
        return Item(
            f"reactie:{reaction.pk}",
            _("%(name)s op ‘%(title)s’")
            % {"name": reaction.author_name(), "title": reaction.experience.title},
            _summary(reaction.body),
            absolute(reaction.get_absolute_url()),
        )

    def event_item(self, event):
        when = timezone.localtime(event.start).strftime("%d/%m/%Y %H:%M")
        return Item(
            f"activiteit:{event.pk}",
            f"{event.title} ({when})",
            _summary(event.intro),
            absolute(event.url),
        )

    # Links to the filtered lists ----------------------------------------------

    def practices_list_url(self, follow):
        query = {"thema": follow.theme.slug} if follow.theme_id else {}
        if follow.municipality_id and not query:
            return absolute(follow.municipality.get_absolute_url())
        return absolute(self.practices_url + (f"?{urlencode(query)}" if query else ""))

    def experiences_list_url(self, follow):
        query = {}
        if follow.theme_id:
            query["thema"] = follow.theme.slug
        if follow.kind:
            query["soort"] = follow.kind
        if follow.municipality_id:
            query["gemeente"] = follow.municipality.slug
        return absolute(
            self.experiences_url + (f"?{urlencode(query)}" if query else "")
        )

    # One member's digest ------------------------------------------------------

    def digest_for(self, user, follows=None, on_mine=True):
        """The member's digest: a section per follow, then (`on_mine`) reactions
        on what they wrote. Nothing they wrote themselves; each item once."""
        if follows is None:
            follows = list(Follow.objects.filter(user=user).for_digest())
        seen = set()

        def fresh(items):
            kept = [item for item in items if item.key not in seen]
            seen.update(item.key for item in kept)
            return kept

        sections = []
        for follow in follows:
            section = Section(follow.label())
            if follow.scope != Scope.EXPERIENCES:
                candidates = self._candidates(self.practices_by, self.practices, follow)
                practices = fresh(
                    self._item(p, self.practice_item)
                    for p in candidates
                    if not _own(user, p.owner_id) and follow.matches_practice(p)
                )
                if practices:
                    section.groups.append(
                        Group(
                            _("Nieuwe praktijkvoorbeelden"),
                            practices,
                            self.practices_list_url(follow),
                            _("praktijkvoorbeeld"),
                            _("praktijkvoorbeelden"),
                        )
                    )
            candidates = self._candidates(self.experiences_by, self.experiences, follow)
            experiences = fresh(
                self._item(e, self.experience_item)
                for e in candidates
                if not _own(user, e.author_id) and follow.matches_experience(e)
            )
            if experiences:
                section.groups.append(
                    Group(
                        _("Nieuwe ervaringen en beantwoorde vragen"),
                        experiences,
                        self.experiences_list_url(follow),
                        _("ervaring"),
                        _("ervaringen"),
                    )
                )
            reactions = fresh(
                self._item(r, self.reaction_item)
                for r in self.reactions_on.get(follow.experience_id, ())
                if not _own(user, r.author_id) and follow.matches_reaction(r)
            )
            if reactions:
                section.groups.append(
                    Group(
                        _("Nieuwe reacties"),
                        reactions,
                        absolute(follow.experience.get_absolute_url()),
                        _("reactie"),
                        _("reacties"),
                    )
                )
            events = fresh(
                self._item(e, self.event_item)
                for e in self.events
                if not _own(user, e.owner_id) and follow.matches_event(e)
            )
            if events:
                section.groups.append(
                    Group(
                        _("Binnenkort in de agenda"),
                        events,
                        absolute(self.agenda_url),
                        _("activiteit"),
                        _("activiteiten"),
                    )
                )
            if section.groups:
                sections.append(section)
        # A subscriber (no account, pk None) wrote nothing.
        on_mine = on_mine and fresh(
            self._item(r, self.reaction_item)
            for r in (self.reactions_on_author.get(user.pk, ()) if user.pk else ())
            if not _own(user, r.author_id)
        )
        if on_mine:
            sections.append(
                Section(
                    _("Op wat je zelf schreef"),
                    [
                        Group(
                            _("Nieuwe reacties"),
                            on_mine,
                            absolute(self.experiences_url),
                            _("reactie"),
                            _("reacties"),
                        )
                    ],
                )
            )
        return Digest(user, sections)


def item_count_text(digest):
    count = digest.count()
    return ngettext("%(count)s nieuw bericht", "%(count)s nieuwe berichten", count) % {
        "count": count
    }
