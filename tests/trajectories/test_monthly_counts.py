"""The figures page reads its counts per month from `MonthlyCount`; every change
that moves a count queues a recount, so the page matches a live count."""

import csv
import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from experiences import services
from experiences.factories import ExperienceFactory
from tests.helpers import enqueued
from trajectories.figures import _live_themes, _live_words
from trajectories.forms import FigureRangeForm, months
from trajectories.models import MonthlyCount
from trajectories.monthly_counts import refresh_monthly_counts

THEMES_CSV = "/netwerk/cijfers/praktijken-per-thema.csv"
WORDS_CSV = "/netwerk/cijfers/ervaringen-en-reacties.csv"


def csv_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    return rows[1:]


def page_numbers(client):
    """(themes, words per month) as the page's CSV files give them."""
    themes = [(name, int(count)) for name, count in csv_rows(client, THEMES_CSV)]
    words = [(int(e), int(r)) for _month, e, r in csv_rows(client, WORDS_CSV)]
    return themes, words


def live_numbers():
    start, end = FigureRangeForm().period()
    words = _live_words(start, end)
    return list(_live_themes(end)), [words[day] for day in months(start, end)]


@pytest.fixture
def content(
    home_page, experiences_page, member, editor, django_capture_on_commit_callbacks
):
    index = CaseStudyIndexPageFactory(parent=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        practices = [
            CaseStudyPageFactory(parent=index, themes=["burendag", "groen"]),
            CaseStudyPageFactory(parent=index, themes=["burendag"]),
            CaseStudyPageFactory(
                parent=index,
                themes=["spelen"],
                first_published_at=timezone.now() - datetime.timedelta(days=400),
            ),
        ]
        experience = ExperienceFactory(author=member, publish=True, publish__by=editor)
        services.add_reaction(experience, member, "Mooi gedaan!")
    return practices, experience


def assert_page_matches_a_live_count(client):
    themes, words = page_numbers(client)
    assert (themes, words) == live_numbers()
    return themes, words


def test_the_counts_follow_publishing_hiding_and_unpublishing(
    client, content, member, editor, django_capture_on_commit_callbacks
):
    practices, experience = content
    themes, words = assert_page_matches_a_live_count(client)
    assert themes == [("burendag", 2), ("groen", 1), ("spelen", 1)]
    assert words[-1] == (1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        second = ExperienceFactory(author=member, publish=True, publish__by=editor)
    assert assert_page_matches_a_live_count(client)[1][-1] == (2, 1)

    with django_capture_on_commit_callbacks(execute=True):
        reaction = services.add_reaction(second, member, "Dank je!")
    assert assert_page_matches_a_live_count(client)[1][-1] == (2, 2)

    with django_capture_on_commit_callbacks(execute=True):
        services.hide(reaction, editor)
    assert assert_page_matches_a_live_count(client)[1][-1] == (2, 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.hide(experience, editor)
    # Its reaction goes out of sight with it.
    assert assert_page_matches_a_live_count(client)[1][-1] == (1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        services.restore(experience, editor)
    assert assert_page_matches_a_live_count(client)[1][-1] == (2, 1)

    with django_capture_on_commit_callbacks(execute=True):
        UnpublishPageAction(practices[0]).execute(skip_permission_checks=True)
    themes, _words = assert_page_matches_a_live_count(client)
    assert themes == [("burendag", 1), ("spelen", 1)]

    with django_capture_on_commit_callbacks(execute=True):
        practices[1].delete()
    themes, _words = assert_page_matches_a_live_count(client)
    assert themes == [("spelen", 1)]


def test_a_period_before_a_practice_was_published_does_not_count_it(client, content):
    themes = csv_rows(client, THEMES_CSV + "?van=2020-01&tot=2020-12")
    assert themes == []
    last_year = (timezone.localdate() - datetime.timedelta(days=300)).strftime("%Y-%m")
    themes = csv_rows(client, f"{THEMES_CSV}?van=2020-01&tot={last_year}")
    assert themes == [["spelen", "1"]]


def test_changes_before_the_queued_recount_starts_queue_no_other(
    content, monkeypatch, django_capture_on_commit_callbacks
):
    practices, _experience = content
    queued = enqueued(monkeypatch, "trajectories.tasks.refresh_monthly_counts_task")
    with django_capture_on_commit_callbacks(execute=True):
        for practice in practices:
            practice.save_revision().publish()
    assert len(queued) == 1


def test_a_new_database_counts_live_until_the_first_recount(client, content):
    MonthlyCount.objects.all().delete()
    assert_page_matches_a_live_count(client)


def test_the_migration_fills_the_table(content):
    MonthlyCount.objects.all().delete()
    migration = importlib.import_module(
        "trajectories.migrations.0003_fill_monthly_counts"
    )
    migration.fill(apps, None)
    filled = set(MonthlyCount.objects.values_list("kind", "key", "month", "count"))
    MonthlyCount.objects.all().delete()
    refresh_monthly_counts()
    assert filled
    assert filled == set(
        MonthlyCount.objects.values_list("kind", "key", "month", "count")
    )
