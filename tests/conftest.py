import pytest
from wagtail.models import Site

from experiences.factories import ExperienceIndexPageFactory
from network.factories import MemberFactory, NetworkIndexPageFactory
from network.models import MembershipStatus, Municipality
from portal.factories import EditorFactory
from tests.demo_snapshot import DemoSnapshot


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """The demo loaded once in this process (see tests/demo_snapshot.py)."""
    snapshot = DemoSnapshot()
    with django_db_blocker.unblock():
        snapshot.take()
    return snapshot


@pytest.fixture
def demo(db, _demo_snapshot):
    """The full demo content, as `make run` loads it; returns its output."""
    return _demo_snapshot.restore()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache; tests start clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture(params=["warm", "cold"])
def cache_state(request, settings):
    """Run a query-budget test twice: with the cache as configured (counted on
    the second, warm request) and with every cache replaced by Django's
    `DummyCache`, as after a publish, a Redis restart or in a new worker."""
    if request.param == "cold":
        settings.CACHES = dict.fromkeys(settings.CACHES, DUMMY_CACHE)
    return request.param


@pytest.fixture
def mechelen(db):
    municipality = Municipality.objects.get(nis_code="12025")
    municipality.membership_status = MembershipStatus.MENTOR
    municipality.save()
    return municipality


@pytest.fixture
def leuven(db):
    return Municipality.objects.get(nis_code="24062")


@pytest.fixture
def hasselt(db):
    return Municipality.objects.get(nis_code="71072")


@pytest.fixture
def editor(db):
    return EditorFactory(email="redacteur@mechelen.example")


@pytest.fixture
def member(mechelen):
    return MemberFactory(
        email="lid@gemeente.example",
        first_name="Lien",
        last_name="Lid",
        password="een-lang-testwachtwoord",
        profile__municipality=mechelen,
    )


@pytest.fixture
def colleague(leuven):
    """A member of another municipality."""
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    return MemberFactory(
        email="collega@leuven.example",
        first_name="Cas",
        last_name="Collega",
        profile__municipality=leuven,
    )


@pytest.fixture
def network_page(home_page):
    page = NetworkIndexPageFactory.build(slug="netwerk", title="Netwerk")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def experiences_page(home_page):
    page = ExperienceIndexPageFactory.build(slug="ervaringen", title="Ervaringen")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
