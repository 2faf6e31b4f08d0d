import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_network import log_in


def _registration_path():
    from events.models import Registration
    from events.tokens import registration_path

    registration = Registration.objects.filter(
        event__slug="online-intervisie-burendag",
        user__email="lid@pleinmakers.example",
    ).first()
    return registration_path(registration)


@pytest.mark.parametrize(
    "path",
    [
        "/agenda/",
        "/agenda/?soort=webinar&periode=voorbij&publiek=x",
        "/agenda/netwerkdag/",
        "/agenda/werkbezoek-pleinmakers-mechelen/",
        "/agenda/webinar-wat-doet-een-pleinmaker/",
        "/agenda/webinar-sociaal-cohesieplan/",
        "/agenda/online-intervisie-burendag/",
    ],
)
def test_agenda_pages_have_no_axe_violations(page, demo_site, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path",
    [
        "/agenda/",
        "/agenda/netwerkdag/",
        "/agenda/werkbezoek-pleinmakers-mechelen/inschrijven/",
    ],
)
def test_agenda_pages_fit_a_320px_screen(page, demo_site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + path)
    assert_no_horizontal_scroll(page)


def test_the_registration_form_with_errors_has_no_axe_violations(page, demo_site):
    page.goto(page.base_url + "/agenda/werkbezoek-pleinmakers-mechelen/")
    page.click("a.button >> text=Inschrijven")
    page.fill("#id_email", "geen-adres")
    page.click("button[type=submit] >> text=Schrijf me in")
    page.wait_for_selector(".error-summary")
    assert page.locator(".field__error").count() >= 4
    assert page.input_value("#id_email") == "geen-adres"
    assert_no_axe_violations(page)


def test_a_member_registers_and_cancels_without_javascript(browser, demo_site):
    from events.models import Registration

    context = browser.new_context(java_script_enabled=False, locale="nl-BE")
    page = context.new_page()
    page.base_url = demo_site
    log_in(page)
    page.goto(page.base_url + "/agenda/werkbezoek-pleinmakers-mechelen/")
    page.click("button >> text=Schrijf me in")
    page.wait_for_selector("text=Je bent ingeschreven.")
    page.goto(page.base_url + "/account/")
    page.click(".my-registrations__item:has-text('Werkbezoek: pleinmakers') button")
    page.wait_for_url("**/account/")
    assert "Je inschrijving is geannuleerd" in page.content()
    assert not Registration.objects.filter(
        event__slug="werkbezoek-pleinmakers-mechelen",
        user__email="lid@pleinmakers.example",
        status="ingeschreven",
    ).exists()
    context.close()


def test_the_dashboard_and_a_registration_page_have_no_axe_violations(page, demo_site):
    log_in(page)
    assert "Mijn inschrijvingen" in page.content()
    assert_no_axe_violations(page)
    page.goto(page.base_url + _registration_path())
    assert "Online deelnemen" in page.content()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
