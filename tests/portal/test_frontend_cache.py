"""The front cache's purge runs on the task worker, never inside a request."""

import logging
from unittest import mock
from urllib.error import URLError

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus, task_backends

from casestudies.factories import CaseStudyIndexPageFactory
from portal.frontend_cache import PurgeBackend, purge_front_cache
from portal.mail import send_templated_mail
from tests.helpers import publish

NGINX = {
    "nginx": {
        "BACKEND": "portal.frontend_cache.PurgeBackend",
        "LOCATION": "http://127.0.0.1:9/_purge",
    }
}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def front_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = NGINX


def queued_purges():
    return [
        result
        for result in task_backends["default"].results
        if result.task.name == purge_front_cache.name
    ]


def test_a_publish_queues_the_purge_of_the_urls_that_changed(
    settings, client, practices, django_capture_on_commit_callbacks
):
    index, first, second = practices
    # A view that is not a page: the front cache may keep it, so it is purged too.
    assert client.get("/sitemap.xml").status_code == 200
    settings.TASKS = DUMMY_TASKS
    with mock.patch(
        "portal.frontend_cache.urlopen",
        side_effect=AssertionError("nginx called inside the request"),
    ) as urlopen:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publish(first, title="Soep en brood")
        assert not queued_purges()  # not before the commit
        for callback in callbacks:
            callback()
    urlopen.assert_not_called()

    (queued,) = queued_purges()
    (urls,) = queued.args
    base = settings.PORTAL_BASE_URL
    assert {
        base + first.url,
        base + index.url,
        base + "/",
        base + "/sitemap.xml",
    } <= set(urls)
    # Nothing else: the other practice keeps its place in the front cache.
    assert base + second.url not in urls


def test_the_task_purges_each_url_at_nginx():
    urls = [
        "http://testserver/praktijkvoorbeelden/soep/",
        "http://testserver/",
    ]
    with mock.patch("portal.frontend_cache.urlopen") as urlopen:
        failed = purge_front_cache.call(urls)
    assert failed == []
    requests = [call.args[0] for call in urlopen.call_args_list]
    assert [request.get_method() for request in requests] == ["PURGE", "PURGE"]
    assert [request.full_url for request in requests] == [
        "http://127.0.0.1:9/_purge/praktijkvoorbeelden/soep/",
        "http://127.0.0.1:9/_purge/",
    ]


def test_the_purge_goes_to_nginx_purge_location():
    backend = PurgeBackend({"LOCATION": "http://127.0.0.1:8080/_purge"})
    with mock.patch("portal.frontend_cache.urlopen") as urlopen:
        backend.purge("https://pleinmakers.example/praktijkvoorbeelden/x/")
    request = urlopen.call_args.args[0]
    assert request.get_method() == "PURGE"
    assert request.full_url == "http://127.0.0.1:8080/_purge/praktijkvoorbeelden/x/"
    assert request.get_header("Host") == "pleinmakers.example"


def test_without_a_front_cache_nothing_is_queued(
    settings, practices, django_capture_on_commit_callbacks
):
    del settings.WAGTAILFRONTENDCACHE
    settings.TASKS = DUMMY_TASKS
    _index, first, _second = practices
    with django_capture_on_commit_callbacks(execute=True):
        publish(first, title="Soep en brood")
    assert not queued_purges()


# The worker takes its tasks in a transaction of its own. serialized_rollback
# puts the migrated data (groups, site) back for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_nginx_fails_neither_the_publish_nor_the_tasks_behind_it(
    settings, home_page, caplog
):
    settings.TASKS = DB_TASKS
    index = CaseStudyIndexPageFactory(parent=home_page)
    # Mail queued first: the purge still goes before it, as a publish must
    # show within a second whatever else waits.
    send_templated_mail(
        "portal/email/contact_team",
        {
            "page": None,
            "fields": [("Naam", "Ilse")],
            "site_settings": None,
            "base_url": "http://testserver",
        },
        ["team@mechelen.example"],
    )
    with mock.patch(
        "portal.frontend_cache.urlopen", side_effect=URLError("Connection refused")
    ):
        publish(index, title="Praktijken")  # commits: the purge is queued
        with caplog.at_level(logging.WARNING, logger="portal.frontend_cache"):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    index.refresh_from_db()
    assert index.live and index.title == "Praktijken"
    from django_tasks_db.models import DBTaskResult

    results = list(DBTaskResult.objects.order_by("started_at"))
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    results = [
        result
        for result in results
        if result.task_path
        in {"portal.frontend_cache.purge_front_cache", "portal.mail.deliver_mail"}
    ]
    assert [result.task_path for result in results] == [
        "portal.frontend_cache.purge_front_cache",
        "portal.mail.deliver_mail",
    ]
    assert "http://testserver" + index.url in results[0].return_value
    assert "Front cache purge of" in caplog.text
    assert [message.to for message in mail.outbox] == [["team@mechelen.example"]]
