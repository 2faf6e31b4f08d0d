"""The practices' part of `make bench`: their pages and budgets, and a large,
reproducible set of practices, built fast.

Pages are built with the same factory the tests use (`build`, no database), then
written with bulk inserts: one for the page rows, one per batch for the
case-study rows and one for the themes. Treebeard paths are computed here, so
5,000 practices take seconds instead of the minutes `add_child` would need.
"""

import random
import uuid
from datetime import UTC, datetime, timedelta

import factory.random
from django.db import transaction
from taggit.models import Tag
from wagtail.models import Page

from casestudies.content.images import hero_image
from casestudies.factories import (
    THEMES,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, CaseStudyPageTag
from network.models import Municipality
from portal.demo.blocks import paragraph, stream
from portal.demo.loader import DemoLoader


def _newest_practice_url():
    practice = CaseStudyPage.objects.live().order_by("-pk").first()
    return practice.url if practice else None


# (label, path or a function returning one, max queries, kind)
PAGES = [
    ("practices", "/praktijkvoorbeelden/", 12, "listing"),
    (
        "practices filtered",
        "/praktijkvoorbeelden/?thema=burendag&provincie=antwerpen",
        12,
        "listing",
    ),
    ("practices search", "/praktijkvoorbeelden/?q=pleinmakers", 12, "search"),
    ("practice", _newest_practice_url, 10, "detail"),
    ("practices feed", "/praktijkvoorbeelden/feed/", 9, "feed"),
]
# `generate_bench_data --case-studies N`
OPTION = ("--case-studies", "How many practices to build.")

PREFIX = "bench-"
BATCH_SIZE = 500
IMAGE_COUNT = 6
START = datetime(2020, 1, 1, tzinfo=UTC)


def remove_bench_data(index):
    stale = CaseStudyPage.objects.child_of(index).filter(slug__startswith=PREFIX)
    Page.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()


def _body(rng, municipality):
    return stream(
        [
            paragraph(
                f"<p>Fictief voorbeeld voor tests en metingen: pleinmakers in "
                f"{municipality.name}.</p>"
            ),
            {
                "type": "approach",
                "title": "Aanpak",
                "steps": [
                    {
                        "title": "Partners zoeken",
                        "text": "Stad en woonmaatschappij maken afspraken.",
                    },
                    {
                        "title": "Pleinmakers kiezen",
                        "text": "Een open oproep in de wijk.",
                    },
                ],
            },
            {
                "type": "results",
                "title": "Resultaten",
                "figures": [
                    {"number": str(rng.randint(2, 60)), "label": "buurtacties"}
                ],
                "text": "",
            },
            {
                "type": "lessons",
                "title": "Wat werkte niet",
                "lessons": [
                    {
                        "problem": "Te snel gestart",
                        "lesson": "Neem tijd om de wijk te leren kennen.",
                    }
                ],
            },
        ]
    )


@transaction.atomic
def generate_case_studies(index, count, seed=1):
    """Replace earlier bench practices under `index` with `count` new ones."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    factory.random.reseed_random(seed)
    remove_bench_data(index)
    index.refresh_from_db()

    municipalities = list(Municipality.objects.order_by("nis_code"))
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in THEMES}
    images = [
        hero_image(f"Benchmarkafbeelding {number}", seed=100 + number)
        for number in range(IMAGE_COUNT)
    ]
    last_child = index.get_last_child()
    first_step = (
        CaseStudyPage._str2int(last_child.path[-Page.steplen :]) + 1
        if (last_child)
        else 1
    )

    practices, themes_per_practice = [], []
    for number in range(count):
        municipality = rng.choice(municipalities)
        slug = f"{PREFIX}{number + 1:05d}"
        published = START + timedelta(hours=number)
        practice = CaseStudyPageFactory.build(
            title=f"Pleinmakers in {municipality.name} (bench {number + 1})",
            slug=slug,
            municipality=municipality,
            neighbourhoods=f"Wijk {rng.randint(1, 12)}",
            body=_body(rng, municipality),
            hero_image=images[number % IMAGE_COUNT],
            hero_image_alt="Getekend landschap met ronde figuren rond een plein.",
            yearly_budget=rng.choice([None, rng.randint(2, 80) * 1000]),
            coaching_hours_per_month=rng.randint(1, 12),
            path=CaseStudyPage._get_path(
                index.path, index.depth + 1, first_step + number
            ),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            draft_title="",
            locale_id=index.locale_id,
            translation_key=uuid.UUID(int=rng.getrandbits(128)),
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
        )
        practice.draft_title = practice.title
        # The bulk insert below skips `save()`, which keeps this up to date.
        practice.listing_order = practice.recommended_order()
        practices.append(practice)
        themes_per_practice.append(rng.sample(THEMES, rng.randint(1, 4)))

    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    page_rows = [
        Page(**{f.attname: getattr(practice, f.attname) for f in page_fields})
        for practice in practices
    ]
    Page.objects.bulk_create(page_rows, batch_size=BATCH_SIZE)
    for practice, row in zip(practices, page_rows, strict=True):
        practice.page_ptr_id = practice.pk = row.pk

    # Django refuses bulk_create on multi-table children; insert only this table.
    own_fields = CaseStudyPage._meta.local_concrete_fields
    for start in range(0, len(practices), BATCH_SIZE):
        CaseStudyPage._base_manager._insert(
            practices[start : start + BATCH_SIZE], fields=own_fields
        )
    CaseStudyPageTag.objects.bulk_create(
        [
            CaseStudyPageTag(content_object_id=practice.pk, tag=tags[name])
            for practice, names in zip(practices, themes_per_practice, strict=True)
            for name in names
        ],
        batch_size=BATCH_SIZE * 2,
    )
    # Not get_children(): treebeard answers it from the stale numchild.
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    Page.objects.filter(pk=index.pk).update(numchild=children.count())
    return len(practices)


def generate(count, *, seed, stdout):
    """`count` bench practices below the practices' index (made if missing)."""
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        loader = DemoLoader(stdout, seed=seed)
        index = loader.page(
            CaseStudyIndexPageFactory, loader.home, "praktijkvoorbeelden"
        )
    return generate_case_studies(index, count, seed=seed)
