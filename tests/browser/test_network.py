import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll


def log_in(page, email="lid@pleinmakers.example"):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=email)
    user.set_password("Pleinen-vol-buren-2026")
    user.save()
    page.goto(page.base_url + "/account/aanmelden/")
    page.fill("#id_username", email)
    page.fill("#id_password", "Pleinen-vol-buren-2026")
    page.click("button[type=submit] >> text=Aanmelden")
    page.wait_for_url("**/account/")


@pytest.mark.parametrize(
    "path",
    [
        "/netwerk/",
        "/netwerk/?provincie=limburg&lidmaatschap=geen",
        "/netwerk/mechelen/",
        "/netwerk/aansluiten/",
        "/account/aanmelden/",
    ],
)
def test_network_pages_have_no_axe_violations(page, demo_site, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/netwerk/", "/netwerk/mechelen/", "/netwerk/aansluiten/"]
)
def test_network_pages_fit_a_320px_screen(page, demo_site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + path)
    assert_no_horizontal_scroll(page)


def test_join_form_with_errors_has_no_axe_violations(page, demo_site):
    page.goto(page.base_url + "/netwerk/aansluiten/")
    page.click("text=Verstuur mijn aanvraag")
    page.wait_for_selector(".error-summary")
    assert page.locator(".field__error").count() >= 5
    assert_no_axe_violations(page)


def test_dashboard_has_no_axe_violations(page, demo_site):
    log_in(page)
    assert "Mijn gemeente" in page.content()
    assert_no_axe_violations(page)
    page.goto(page.base_url + "/account/gemeente/")
    assert_no_axe_violations(page)
    page.goto(page.base_url + "/account/profiel/")
    assert_no_axe_violations(page)


def test_join_form_can_be_filled_and_sent_with_the_keyboard_alone(page, demo_site):
    from network.models import MembershipApplication

    page.goto(page.base_url + "/netwerk/aansluiten/")
    page.locator("#id_municipality").focus()
    # Choose a municipality by typing its name in the focused select.
    page.keyboard.type("Genk")
    page.keyboard.press("Tab")
    page.keyboard.type("Karel Kempen")
    page.keyboard.press("Tab")
    page.keyboard.type("Beleidsmedewerker")
    page.keyboard.press("Tab")
    page.keyboard.type("karel@genk.example")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # phone stays empty
    page.keyboard.type("We willen starten in Winterslag.")
    page.keyboard.press("Tab")
    page.keyboard.type("Winterslag")
    page.keyboard.press("Tab")
    page.keyboard.type("Nieuw Dak")
    # The honeypot is skipped; the privacy statement link comes before the box.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Lees de privacyverklaring"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aansluiten/bedankt/")
    assert "Bedankt voor je aanvraag" in page.content()
    application = MembershipApplication.objects.get(email="karel@genk.example")
    assert application.municipality.name == "Genk"
    assert application.housing_partner == "Nieuw Dak"


def test_my_data_and_account_deletion_have_no_axe_violations(page, demo_site):
    log_in(page)
    page.goto(page.base_url + "/account/mijn-gegevens/")
    assert "Aanmeldingen" in page.content()
    assert_no_axe_violations(page)
    page.goto(page.base_url + "/account/verwijderen/")
    page.click("text=Verwijder mijn account")
    page.wait_for_selector(".field__error")
    assert_no_axe_violations(page)
