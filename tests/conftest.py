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
