"""The route and the one rule that turns steps into a phase.

The rule (`current_phase`): **the current phase is the first phase, in route
order, that still has a step that is neither *klaar* nor *niet van toepassing*.**
A step without a record counts as *nog niet*. When every step is closed, the
trajectory is complete and stays in the last phase. Phases without steps are not
part of the route. Nothing else decides a phase: it is never stored.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject

from portal.aggregates import JSONGroupArray
from portal.fragment_cache import content_version
from portal.models.documents import in_private_collection
from portal.precompiled import PrecompiledQuery
from trajectories.models import CLOSED_STATUSES, Step, StepStatus, TrajectoryStep

ROUTE_CACHE_SECONDS = 24 * 60 * 60
VERSION_KEY = "trajectories:version"


def version():
    """Moves on whenever a trajectory, the route or membership changes."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    # A document's collection: the page shows it only to who may open it.
    collection_id: int | None = None
    # False when no collection above it has a privacy setting: then
    # `openable_documents` needs no look-up of the restrictions.
    in_private_collection: bool | None = None


@dataclass(frozen=True)
class RouteStep:
    pk: int
    title: str
    description: str
    phase_id: int
    guides: tuple = ()
    documents: tuple = ()


@dataclass(frozen=True)
class RoutePhase:
    pk: int
    name: str
    slug: str
    steps: tuple = field(default_factory=tuple)

    @property
    def step_ids(self):
        return [step.pk for step in self.steps]


@dataclass(frozen=True)
class PhaseState:
    """Where a trajectory stands: its current phase and whether all is done."""

    phase: RoutePhase
    index: int
    complete: bool


def current_phase(route, statuses):
    """The current phase of a trajectory (see the module's docstring).

    `route`: the phases in order, each with its steps (`RoutePhase`).
    `statuses`: step id -> status, for the steps that have a record.
    """
    phases = [phase for phase in route if phase.steps]
    if not phases:
        return None
    for index, phase in enumerate(phases):
        open_steps = [
            step
            for step in phase.steps
            if statuses.get(step.pk, StepStatus.NOT_STARTED) not in CLOSED_STATUSES
        ]
        if open_steps:
            return PhaseState(phase=phase, index=index, complete=False)
    return PhaseState(phase=phases[-1], index=len(phases) - 1, complete=True)


def next_step(route, statuses):
    """The first step, in route order, that still needs work (or None)."""
    for phase in route:
        for step in phase.steps:
            if statuses.get(step.pk, StepStatus.NOT_STARTED) not in CLOSED_STATUSES:
                return step
    return None


def progress(route, statuses):
    """(closed steps, all steps): *niet van toepassing* counts as done."""
    step_ids = [step.pk for phase in route for step in phase.steps]
    closed = sum(1 for pk in step_ids if statuses.get(pk) in CLOSED_STATUSES)
    return closed, len(step_ids)


def _links(relation, target, **fields):
    """A step's `relation` (a many-to-many field to `target`) as a JSON array
    of the `fields` (paths from `target`, or expressions) of each linked row:
    the step's own row brings them, with no query of its own."""
    through = Step._meta.get_field(relation).remote_field.through
    rows = (
        through.objects.filter(step=OuterRef("pk"))
        .order_by()
        .values("step")
        .annotate(
            rows=JSONGroupArray(
                JSONObject(
                    link=F("pk"),
                    **{
                        name: F(f"{target}__{path}") if isinstance(path, str) else path
                        for name, path in fields.items()
                    },
                )
            )
        )
        .values("rows")
    )
    return Subquery(rows)


def _linked_steps():
    """The steps in route order with their phase, guides and documents, in one
    query."""
    return (
        Step.objects.in_route_order()
        .select_related("phase")
        .annotate(
            guide_rows=_links(
                "guides",
                "guidepage",
                id="pk",
                title="title",
                url_path="url_path",
                path="path",
                live="live",
            ),
            document_rows=_links(
                "documents",
                "toolkitdocument",
                id="pk",
                title="title",
                file="file",
                collection_id="collection_id",
                in_private_collection=in_private_collection(
                    "toolkitdocument__collection__path"
                ),
            ),
        )
    )


def _route_from(steps, request=None):
    guide_model = Step._meta.get_field("guides").related_model
    document_model = Step._meta.get_field("documents").related_model
    phases = {}
    for step in steps:
        # Guides by their place in the tree, documents in the order linked.
        guide_rows = sorted(step.guide_rows or (), key=lambda row: row["path"])
        guides = tuple(
            Link(row["title"], url)
            for row in guide_rows
            if row["live"]
            and (
                url := guide_model(
                    **_fields(row, "id", "title", "url_path", "path")
                ).get_url(request)
            )
        )
        document_rows = sorted(step.document_rows or (), key=lambda row: row["link"])
        documents = tuple(
            Link(
                row["title"],
                document_model(
                    # With its collection: the default would look the root up.
                    **_fields(row, "id", "title", "file", "collection_id")
                ).url,
                row["collection_id"],
                bool(row["in_private_collection"]),
            )
            for row in document_rows
        )
        phases.setdefault(step.phase, []).append(
            RouteStep(
                pk=step.pk,
                title=step.title,
                description=step.description,
                phase_id=step.phase_id,
                guides=guides,
                documents=documents,
            )
        )
    return [
        RoutePhase(pk=phase.pk, name=phase.name, slug=phase.slug, steps=tuple(items))
        for phase, items in phases.items()
    ]


def _fields(row, *names):
    return {name: row[name] for name in names}


def route_with_records(trajectory, request=None):
    """The route and the trajectory's record of each step, in one query.

    For the trajectory page, which shows both: returns (route, {step id:
    TrajectoryStep}), steps without a record left out.
    """
    steps = list(
        _linked_steps()
        .annotate(
            record=FilteredRelation(
                "progress", condition=Q(progress__trajectory=trajectory)
            )
        )
        .annotate(
            record_pk=F("record__id"),
            record_status=F("record__status"),
            record_date=F("record__date"),
            record_note=F("record__note"),
            record_updated_at=F("record__updated_at"),
            record_first_name=F("record__updated_by__first_name"),
            record_last_name=F("record__updated_by__last_name"),
            record_email=F("record__updated_by__email"),
        )
    )
    records = {}
    for step in steps:
        if step.record_pk:
            record = TrajectoryStep(
                pk=step.record_pk,
                trajectory=trajectory,
                step_id=step.pk,
                status=step.record_status,
                date=step.record_date,
                note=step.record_note,
                updated_at=step.record_updated_at,
            )
            full_name = f"{step.record_first_name or ''} {step.record_last_name or ''}"
            record.updated_by_name = full_name.strip() or step.record_email or ""
            records[step.pk] = record
    return _route_from(steps, request), records


def route_outline():
    """The route without its links, in one query: for counting, not for reading."""
    phases = {}
    rows = Step.objects.in_route_order().values_list(
        "pk", "title", "phase_id", "phase__name", "phase__slug"
    )
    for pk, title, phase_id, phase_name, phase_slug in rows:
        phases.setdefault((phase_id, phase_name, phase_slug), []).append(
            RouteStep(pk=pk, title=title, description="", phase_id=phase_id)
        )
    return [
        RoutePhase(pk=pk, name=name, slug=slug, steps=tuple(steps))
        for (pk, name, slug), steps in phases.items()
    ]


def load_outline():
    """The route in order without its links (`route_outline`), from the cache
    until a step, phase or page changes."""
    key = f"trajectories:outline:{version()}:{content_version()}"
    route = cache.get(key)
    if route is None:
        route = route_outline()
        cache.set(key, route, ROUTE_CACHE_SECONDS)
    return route


# One step of `_linked_steps` by id: its SQL is kept (`portal.precompiled`), as
# compiling its two JSON subqueries cost the dashboard more than the query.
_linked_step = PrecompiledQuery(lambda values: _linked_steps().filter(pk=values[0]))


def load_step(pk):
    """One step with its guide and document links (as `_route_from` builds
    them), from the cache until a step, phase or page changes; None when it is
    gone. The dashboard shows one step's links: building every step's cost
    more than the query this takes."""
    key = f"trajectories:step:{pk}:{version()}:{content_version()}"
    step = cache.get(key)
    if step is None:
        phases = _route_from(_linked_step(values=[pk]))
        step = phases[0].steps[0] if phases else None
        cache.set(key, step, ROUTE_CACHE_SECONDS)
    return step
