import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision


def snapshot():
    pages = list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "live", "latest_revision_id", "content_type_id"
        )
    )
    users = list(
        get_user_model().objects.order_by("pk").values_list("email", "password")
    )
    return pages, users, Revision.objects.count()


def test_demo_builds_the_story_pages(demo):
    urls = set(Page.objects.live().specific().values_list("url_path", flat=True))
    for path in [
        "/home/over-pleinmakers/",
        "/home/pleinmakers-in-mechelen/",
        "/home/lerend-netwerk/",
        "/home/privacy/",
        "/home/toegankelijkheid/",
    ]:
        assert path in urls


def test_running_the_demo_twice_creates_and_changes_nothing(demo):
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert " + " not in out.getvalue()


def test_demo_prints_the_editor_login(demo):
    assert "redacteur@pleinmakers.example" in demo


def test_demo_editor_can_log_in_to_the_admin(demo, client):
    from portal.demo.loader import _CredentialStore

    password = _CredentialStore().get("redacteur@pleinmakers.example")
    assert client.login(email="redacteur@pleinmakers.example", password=password)
    assert client.get("/admin/").status_code == 200


def test_demo_credentials_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_EDITOR_EMAIL", "eigen@voorbeeld.be")
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "een-eigen-lang-wachtwoord")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    user = get_user_model().objects.get(email="eigen@voorbeeld.be")
    assert user.check_password("een-eigen-lang-wachtwoord")
    assert user.groups.filter(name="Redacteurs").exists()


def test_demo_indexes_for_search_once_at_the_end(db, monkeypatch):
    """The loaders save a page several times; `update_index` at the end indexes
    everything once, so no save queues its own index update."""
    from types import SimpleNamespace

    from modelsearch import signal_handlers
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    queued = []
    monkeypatch.setattr(
        signal_handlers,
        "insert_or_update_object_task",
        SimpleNamespace(enqueue=lambda *args: queued.append(args)),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert queued == []
    # ...and the pages are in the index all the same.
    page = Page.objects.get(url_path="/home/toegankelijkheid/")
    assert IndexEntry.objects.filter(object_id=str(page.pk)).exists()
