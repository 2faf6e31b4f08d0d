"""Playwright against Debian's Chromium and a live Django server.

Outside CI the browser tests skip, with the reason, when Chromium or axe-core is
missing; with CI=true a missing browser is a failure, never a skip.
"""

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SERIALIZED

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


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized rollback restores
            # what the data migrations loaded (site, home page, municipalities).
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def browser(django_db_setup):
    reason = _missing()
    if reason:
        if IN_CI:
            pytest.fail(f"Browser tests cannot run under CI: {reason}")
        print(f"\nSkipping browser tests: {reason}")
        pytest.skip(reason)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    for alias in connections:
        if hasattr(connections[alias], "_test_serialized_contents"):
            SERIALIZED[alias] = connections[alias]._test_serialized_contents
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
def page(
    browser, _serialized_contents_here, live_server, django_db_serialized_rollback
):
    # The live server needs committed data, so the database is emptied after each
    # test; serialized rollback restores what the data migrations loaded (site,
    # home page, municipalities) for the next one.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-BE"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server):
    """The demo content, with the default site pointing at the live server."""
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("load_demo", stdout=io.StringIO())
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))


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
