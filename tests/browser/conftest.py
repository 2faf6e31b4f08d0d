"""Playwright against Debian's Chromium and one live Django server per worker.

The demo content is loaded once per test process and the server keeps serving it
to every browser test: loading it for each test (and emptying the database after
it, as a transactional test must) cost more than the tests themselves. Browser
tests therefore share data, like visitors of one site do: a test that changes
something must not rely on a pristine demo. They run after every other test of
their process, so the committed demo never leaks into a test that expects the
migrated database only.

Outside CI the browser tests skip, with the reason, when Chromium or axe-core is
missing; with CI=true a missing browser is a failure, never a skip.
"""

import io
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
AXE_JS = (
    Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _missing():
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS} (npm ci)"
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark the browser tests and run them last (after pytest-django's ordering).

    The database mark only tells pytest-django to create the test database;
    `_django_db_helper` below replaces its per-test transaction or flush.
    """
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True))
    in_browser = set(browser_tests)
    items[:] = [item for item in items if item not in in_browser] + browser_tests


@pytest.fixture
def _django_db_helper(django_db_setup, django_db_blocker):
    # The test and the server thread use the committed demo data directly.
    from django.db import connections

    with django_db_blocker.unblock():
        yield
        # Playwright's greenlets give a test its own database connection; close
        # it, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


def _restore_migrated_data():
    """Bring back what the migrations loaded if a transactional test flushed it.

    A transactional test empties the database when it ends; the next one with
    serialized rollback restores it first. The browser tests come last, so do
    the same restore, from the contents Django serialized at set-up.
    """
    from django.db import connections
    from wagtail.models import Site

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Site.objects.using(alias).exists():
            connection.creation.deserialize_db_from_string(contents)


def _one_request_at_a_time(handler_class):
    """`handler_class` serving one request at a time.

    With SQLite in memory, every server thread shares the test's one
    connection, and Django warns that simultaneous queries on it fail at
    random: an admin page's parallel requests (translations, editing-session
    pings) broke its transaction state for every later test of the process.
    """
    lock = threading.Lock()

    class OneAtATime(handler_class):
        def __call__(self, environ, start_response):
            with lock:
                return super().__call__(environ, start_response)

    return OneAtATime


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """The demo site, loaded once and served by a thread of this process."""
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer
    from wagtail.models import Site

    with django_db_blocker.unblock():
        _restore_migrated_data()
        call_command("load_demo", stdout=io.StringIO())
        server = LiveServer("localhost", start=False)
        if server.thread.connections_override:
            server.thread.static_handler = _one_request_at_a_time(
                server.thread.static_handler
            )
        server.start()
        host, port = server.url.removeprefix("http://").split(":")
        Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser(demo_server):
    reason = _missing()
    if reason:
        if IN_CI:
            pytest.fail(f"Browser tests cannot run under CI: {reason}")
        print(f"\nSkipping browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, demo_server):
    # axe-core is injected as an inline script, which the site's
    # Content-Security-Policy rightly forbids; test_csp.py checks the policy
    # in a context that keeps it.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-BE", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = demo_server
    yield page
    context.close()


@pytest.fixture
def demo_site(demo_server):
    """The demo content, served at `page.base_url` (kept for readable tests)."""
    return demo_server


def axe_violations(page, context=None):
    """Run axe-core's WCAG 2.1 A/AA rules on the page; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate(
        "async ([context, tags]) => await axe.run(context || document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [context, WCAG_TAGS],
    )
    return result["violations"]


def assert_no_axe_violations(page, context=None):
    violations = axe_violations(page, context)
    summary = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in violations
    ]
    assert not violations, (
        f"axe violations on {page.url}:\n{json.dumps(summary, indent=2)}"
    )


def assert_no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
