"""The experiences' part of `make bench`: their pages and budgets, and a large,
reproducible set of published experiences and reactions, built fast.

Rows are written with bulk inserts, as if each had been approved: the benchmark
measures reading, and 20,000 passes through the moderation workflow would take
minutes without telling us anything about the pages.
"""

import random
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify
from taggit.models import Tag

from experiences.models import (
    Experience,
    ExperienceKind,
    ExperienceTheme,
    ModerationStatus,
    Reaction,
)
from experiences.models.pages import experiences_url
from experiences.sanitize import render_body
from network.models import MemberProfile


def _most_reacted_experience_url():
    experience = (
        Experience.objects.published()
        .annotate(reaction_count=Count("reactions"))
        .order_by("-reaction_count", "-pk")
        .first()
    )
    return experience.get_absolute_url() if experience else None


def _own_experience_edit_url(member):
    experience = Experience.objects.filter(author=member).order_by("-pk").first()
    return f"{experiences_url()}{experience.pk}/bewerken/" if experience else None


# (label, path or a function returning one, max queries, kind)
PAGES = [
    ("experiences", "/ervaringen/", 12, "listing"),
    (
        "experiences filtered",
        "/ervaringen/?thema=burendag&provincie=antwerpen",
        12,
        "listing",
    ),
    ("experiences search", "/ervaringen/?q=Otterbeek", 12, "search"),
    ("experience", _most_reacted_experience_url, 10, "detail"),
    ("experiences feed", "/ervaringen/feed/", 12, "feed"),
]

# A logged-in member's forms; a path function gets the member.
MEMBER_PAGES = [
    ("new experience form", "/ervaringen/nieuw/", 14, "member"),
    ("edit experience form", _own_experience_edit_url, 14, "member"),
]

# `generate_bench_data --experiences N`
OPTION = ("--experiences", "How many published experiences (three reactions each).")

PREFIX = "[bench] "
BATCH_SIZE = 1000
START = datetime(2022, 1, 1, tzinfo=UTC)
# Rarer words, one per title, so a search matches a realistic share of the data.
PLACES = (
    "Otterbeek Nekker Tinel Kauwendaal Battel Ragheno Heffen Leest Hombeek Walem "
    "Muizen Kessel Rijmenam Bonheiden Duffel Lier Boom Willebroek Puurs Bornem "
    "Ekeren Hoboken Deurne Merksem Wilrijk Borgerhout Kiel Luchtbal Linkeroever "
    "Dampoort Brugse Rabot Ledeberg Muide Nieuw-Gent Tondelier Malem Sluizeken"
).split()
THEMES = ["burendag", "ontmoeting", "huisvesting", "wijkkeuze", "begeleiding", "groen"]
WORDS = (
    "buren plein soep tafel wijk bank moestuin kinderen senioren feest koffie "
    "huisvesting pleinmaker straat zomer winter muziek stoelen bloemen verhalen"
).split()


def remove_bench_data():
    Experience.objects.filter(title__startswith=PREFIX).delete()


def _sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(count, *, seed, stdout):
    return generate_experiences(count, seed=seed)


def generate_experiences(count, *, reactions_per_experience=3, seed=1):
    """`count` published experiences by the existing members, with reactions."""
    remove_bench_data()
    profiles = list(MemberProfile.objects.select_related("user", "municipality"))
    if not profiles or count == 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    tags = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in THEMES]
    kinds = [choice for choice, _label in ExperienceKind.choices]
    with transaction.atomic():
        for offset in range(0, count, BATCH_SIZE):
            batch = []
            for number in range(offset, min(offset + BATCH_SIZE, count)):
                profile = rng.choice(profiles)
                place = rng.choice(PLACES)
                title = f"{PREFIX}{_sentence(rng, 4)[:-1]} in {place} {number}"
                body = "\n\n".join(_sentence(rng, 30) for _ in range(3))
                published = START + timedelta(minutes=37 * number)
                batch.append(
                    Experience(
                        title=title,
                        slug=slugify(title)[:120],
                        summary=_sentence(rng, 20),
                        body=body,
                        body_html=render_body(body),
                        kind=rng.choice(kinds),
                        author=profile.user,
                        municipality=profile.municipality,
                        status=ModerationStatus.PUBLISHED,
                        live=True,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
            made = Experience.objects.bulk_create(batch)
            ExperienceTheme.objects.bulk_create(
                ExperienceTheme(content_object=experience, tag=tag)
                for experience in made
                for tag in rng.sample(tags, 2)
            )
            Reaction.objects.bulk_create(
                Reaction(
                    experience=experience,
                    author=(reactor := rng.choice(profiles)).user,
                    municipality=reactor.municipality,
                    body=_sentence(rng, 25),
                )
                for experience in made
                for _ in range(reactions_per_experience)
            )
    return count
