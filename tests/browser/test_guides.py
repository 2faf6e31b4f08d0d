import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

PAGES = [
    "/gidsen/",
    "/gidsen/pleinmakers-starten/",
    "/toolkit/",
    "/toolkit/?soort=checklist&fase=starten",
    "/veelgestelde-vragen/",
    "/contact/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations_and_fits_320px(page, demo_site, path):
    page.goto(page.base_url + path)
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)


def test_guide_table_of_contents_moves_to_the_section(page, demo_site):
    page.goto(page.base_url + "/gidsen/pleinmakers-starten/")
    page.locator(".guide-toc a", has_text="Het budget").click()
    assert page.url.endswith("#het-budget")
    assert page.locator("#het-budget").is_visible()


def test_faq_answer_opens_with_the_keyboard_and_stays_accessible(page, demo_site):
    page.goto(page.base_url + "/veelgestelde-vragen/")
    first = page.locator("details.faq-item").first
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.evaluate("el => el.open")
    assert first.locator(".faq-item__answer").is_visible()
    assert_no_axe_violations(page)


def test_faq_filter_narrows_the_questions(page, demo_site):
    page.goto(page.base_url + "/veelgestelde-vragen/")
    total = page.locator("details.faq-item").count()
    page.get_by_label("Zoek in de vragen").fill("huisvestingsmaatschappij")
    page.wait_for_function(
        "document.querySelectorAll('details.faq-item[hidden]').length > 0"
    )
    visible = page.locator("details.faq-item:not([hidden])").count()
    assert 0 < visible < total
    assert "gevonden" in page.locator("[data-faq-status]").inner_text()
    assert_no_axe_violations(page)


def test_contact_form_with_errors_has_no_axe_violations(page, demo_site):
    page.goto(page.base_url + "/contact/")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Verstuur je bericht").click()
    page.wait_for_selector(".error-summary")
    assert page.locator(".field__error").count() >= 3
    assert page.get_by_label("E-mailadres").input_value() == "geen-adres"
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
