import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_network import log_in


def test_follow_settings_page_has_no_axe_violations(page, demo_site):
    log_in(page)
    page.goto(page.base_url + "/volgen/")
    assert page.locator(".follow-list__item").count() >= 1
    assert_no_axe_violations(page)
    page.goto(page.base_url + "/account/")
    assert_no_axe_violations(page)


def test_a_member_follows_a_municipality_and_stops_on_the_dashboard(page, demo_site):
    log_in(page)
    page.goto(page.base_url + "/netwerk/kortrijk/")
    page.click("button >> text=Volg Kortrijk")
    page.wait_for_selector("button >> text=Je volgt dit")
    assert "Je volgt nu" in page.content()
    assert_no_axe_violations(page)
    page.goto(page.base_url + "/account/")
    page.click(".follow-list__item:has-text('Uit Kortrijk') button")
    page.wait_for_selector("text=Je volgt ‘Uit Kortrijk’ niet meer.")


@pytest.mark.parametrize("path", ["/volgen/nieuwsbrief/"])
def test_newsletter_sign_up_has_no_axe_violations(page, demo_site, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)
    page.fill("#id_email", "geen-adres")
    page.click("button[type=submit] >> text=Inschrijven")
    page.wait_for_selector(".error-summary")
    assert page.input_value("#id_email") == "geen-adres"
    assert_no_axe_violations(page)


def test_newsletter_sign_up_fits_a_320px_screen(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/volgen/nieuwsbrief/")
    assert_no_horizontal_scroll(page)
