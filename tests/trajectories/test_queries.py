"""A trajectory page costs the same with five members or with 285."""

import datetime

from django.test import override_settings

from portal.factories import GuidePageFactory
from tests.helpers import count_queries
from trajectories.demo.bench import generate_trajectories
from trajectories.factories import MentorContactFactory
from trajectories.models import StepStatus
from trajectories.services import record_step, trajectory_for

DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PAGES = ["", "mentorlog/", "stappen/{step}/", "geschiedenis/"]


def budget(client, steps):
    """(warm, uncached) query counts of each trajectory page."""
    warm, uncached = [], []
    for suffix in PAGES:
        url = "/netwerk/trajecten/leuven/" + suffix.format(step=steps[0].pk)
        warm.append(count_queries(client, url))
        with override_settings(CACHES=DUMMY_CACHE):
            uncached.append(count_queries(client, url))
    return warm, uncached


def fragment_cost(client):
    """What the cached header and footer cost when there is no cache at all."""
    url = "/account/wachtwoord-wijzigen/"
    warm = count_queries(client, url)
    with override_settings(CACHES=DUMMY_CACHE):
        return count_queries(client, url) - warm


def test_trajectory_pages_stay_within_12_queries_from_small_to_bench_data(
    client, member, leuven, steps, home_page
):
    for step in steps:
        step.guides.add(GuidePageFactory(parent=home_page))
    trajectory = trajectory_for(leuven)
    for step in steps[:3]:
        record_step(
            trajectory,
            step,
            status=StepStatus.DONE,
            date=datetime.date(2025, 1, 1),
            note="Een notitie.",
            user=member,
        )
    MentorContactFactory(municipality=leuven, agreements="Iets afgesproken.")
    client.force_login(member)
    small = budget(client, steps)
    generate_trajectories(seed=3)
    for _ in range(20):
        MentorContactFactory(municipality=leuven, agreements="Nog iets.")
    large = budget(client, steps)
    assert small == large
    warm, uncached = large
    assert max(warm) <= 12, warm
    # Without any cache the pages add only what every page's header and footer
    # then cost; their own queries stay within the budget.
    assert max(uncached) <= 12 + fragment_cost(client), uncached
