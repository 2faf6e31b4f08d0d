import io

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def demo(db):
    """The full demo content, as `make run` loads it."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache; tests start clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# The database contents serialized at set-up, kept by the browser fixture before
# Playwright starts (see tests/browser/conftest.py).
SERIALIZED = {}


@pytest.fixture
def _serialized_contents_here():
    """Give this context's database connection the serialized contents.

    Playwright's sync API runs the rest of the session in a greenlet with its own
    context, where Django hands out a new connection object without the contents
    that serialized rollback restores; copy them over before the database
    fixtures run. Request it before `django_db_serialized_rollback`.
    """
    from django.db import connections

    for alias, contents in SERIALIZED.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents
