"""The site search and the toolkit in the browser: accessible, readable on a
phone, and (with PORTAL_SCREENSHOTS=<folder>) photographed for the review."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

PAGES = {
    "search-typo": "/zoeken/?q=pleinmakker",
    "search-documents": "/zoeken/?q=burendag&soort=document",
    "toolkit": "/toolkit/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_on_a_phone_and_a_desktop(page, demo_site, name):
    page.goto(page.base_url + PAGES[name])
    assert_no_axe_violations(page)
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        assert_no_horizontal_scroll(page)
        if folder:
            page.screenshot(path=Path(folder) / f"{name}-{width}.png", full_page=True)


def test_a_typo_leads_to_what_was_meant_and_the_kind_filter_works(page, demo_site):
    page.goto(page.base_url + "/zoeken/?q=pleinmakker")
    assert page.get_by_text("Geen resultaten voor ‘pleinmakker’").is_visible()
    assert page.locator(".search-result").count() > 0
    page.get_by_role("link", name="‘pleinmaker’").click()
    # count() does not wait: first let the new page arrive.
    page.wait_for_url(lambda url: url.endswith("/zoeken/?q=pleinmaker"))
    page.locator(".search-result").first.wait_for()
    page.get_by_role("navigation", name="Soort resultaat").get_by_role(
        "link", name="Documenten"
    ).click()
    page.wait_for_url(lambda url: "soort=document" in url)
    kinds = page.locator(".search-result__kind").all_inner_texts()
    assert kinds and set(kinds) == {"Document"}
