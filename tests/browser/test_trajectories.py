import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_network import log_in


@pytest.mark.parametrize("width", [1280, 390])
def test_the_figures_page_has_no_axe_violations_and_fits(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/netwerk/cijfers/")
    assert page.locator("figure.chart svg").count() >= 6
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)


def test_the_figures_filter_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/netwerk/cijfers/?van=2024-01&tot=2024-12")
    assert "januari 2024" in page.content()
    assert page.locator("table").count() >= 6
    context.close()


def test_trajectory_pages_have_no_axe_violations(page, demo_site):
    log_in(page)
    for path in (
        "/netwerk/trajecten/leuven/",
        "/netwerk/trajecten/leuven/mentorlog/",
        "/netwerk/trajecten/leuven/geschiedenis/",
        "/netwerk/trajecten/leuven/gebaseerd-op/",
    ):
        page.goto(page.base_url + path)
        assert "Voorbeeld." in page.content() or "gebaseerd-op" in path
        assert_no_axe_violations(page)


def test_a_step_form_with_an_error_has_no_axe_violations(page, demo_site):
    log_in(page)
    page.goto(page.base_url + "/netwerk/trajecten/leuven/")
    page.click(".step--nog-niet .step__actions a >> nth=0")
    page.check("input[value=klaar]")
    page.fill("#id_date", "")
    page.click("button[type=submit] >> text=Bewaar")
    page.wait_for_selector(".error-summary")
    assert "Vul de datum in waarop deze stap klaar was." in page.content()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 1280])
def test_the_trajectory_page_fits_narrow_and_wide_screens(page, demo_site, width):
    log_in(page)
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/netwerk/trajecten/leuven/", "/netwerk/trajecten/leuven/mentorlog/"):
        page.goto(page.base_url + path)
        assert_no_horizontal_scroll(page)
