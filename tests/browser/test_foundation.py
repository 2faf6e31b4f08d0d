import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

PAGES = [
    "/",
    "/over-pleinmakers/",
    "/pleinmakers-in-mechelen/",
    "/zoeken/?q=Otterbeek",
    "/bestaat-niet/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, demo_site, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_320px_screen(page, demo_site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + path)
    assert_no_horizontal_scroll(page)


def test_skip_link_moves_focus_to_main_content(page, demo_site):
    page.goto(page.base_url + "/over-pleinmakers/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
