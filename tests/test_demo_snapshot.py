"""The `demo` fixture restores what one `load_demo` left (tests/demo_snapshot.py)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from tests.demo_snapshot import load_demo


def contents():
    """Rows per model, and what a visitor finds by URL or e-mail."""
    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
    urls = sorted(Page.objects.live().values_list("url_path", flat=True))
    emails = sorted(get_user_model().objects.values_list("email", flat=True))
    return counts, urls, emails


def test_the_restored_demo_holds_what_a_fresh_load_does(db, _demo_snapshot):
    with transaction.atomic():
        restored_output = _demo_snapshot.restore()
        restored = contents()
        transaction.set_rollback(True)
    fresh_output = load_demo()
    assert restored == contents()
    assert IndexEntry.objects.count() == restored[0]["wagtailsearch.IndexEntry"]
    # The same accounts; each load generates its passwords.
    assert _logins(restored_output) == _logins(fresh_output)


def _logins(output):
    return [line.split()[:2] for line in output.splitlines() if "@" in line]


def test_rows_made_before_the_demo_are_kept(member, demo):
    """A fixture that writes before `demo` gets a real load over its rows."""
    assert get_user_model().objects.filter(email=member.email).exists()
    assert Page.objects.filter(url_path="/home/privacy/").exists()
