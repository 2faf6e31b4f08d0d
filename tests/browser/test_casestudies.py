import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

PAGES = [
    "/praktijkvoorbeelden/",
    "/praktijkvoorbeelden/?thema=groen&provincie=oost-vlaanderen",
    "/praktijkvoorbeelden/?thema=senioren&status=afgerond&van=abc",
    "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/",
    "/praktijkvoorbeelden/gegevenswoordenboek/",
]


# The first visit draws the card images' renditions; give it time on a busy machine.
NAVIGATION_TIMEOUT = 30_000


@pytest.mark.parametrize("path", PAGES)
def test_case_study_pages_have_no_axe_violations(page, demo_site, path):
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_case_study_pages_fit_a_320px_screen(page, demo_site, path):
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + path)
    assert_no_horizontal_scroll(page)


def test_filters_work_with_the_keyboard_and_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.goto(demo_server + "/praktijkvoorbeelden/")
    page.get_by_label("groen (").check()
    page.get_by_role("button", name="Toon praktijkvoorbeelden").press("Enter")
    page.wait_for_url("**thema=groen**")
    assert page.get_by_role(
        "link", name="Thema: groen (filter verwijderen)"
    ).is_visible()
    page.get_by_role("link", name="wis alle filters").click()
    page.wait_for_url(demo_server + "/praktijkvoorbeelden/")
    context.close()
