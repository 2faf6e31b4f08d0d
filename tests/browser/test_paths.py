"""Every path leads somewhere on a phone: short pages, a folding menu, and focus
on what went wrong after a failed submit."""

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, demo_server):
    def open_context(javascript=True):
        context = browser.new_context(
            viewport=PHONE,
            locale="nl-BE",
            java_script_enabled=javascript,
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.base_url = demo_server
        contexts.append(context)
        return page

    contexts = []
    yield open_context
    for context in contexts:
        context.close()


def test_the_directory_on_a_phone_is_a_few_screens_not_nineteen_thousand_px(phone):
    page = phone()
    page.goto(page.base_url + "/netwerk/")
    height = page.evaluate("document.documentElement.scrollHeight")
    # Was 19,281 px with all 285 municipalities listed one below the other.
    assert height < 5000, height
    province = page.locator(".province-group summary").first
    province.click()
    assert page.locator(".province-group[open] .municipality-item").count() > 10


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_header_is_one_row_and_the_menu_opens(phone, javascript):
    page = phone(javascript=javascript)
    page.goto(page.base_url + "/")
    header = page.evaluate("document.querySelector('header').offsetHeight")
    # Was 350 of 844 px: brand, service links, search and nine sections.
    assert header < 100, header
    assert not page.is_visible(".main-nav")
    page.click("summary.site-menu__toggle")
    assert page.is_visible(".main-nav >> text=Netwerk")
    assert page.is_visible("#site-search-q")
    # Search is one tap away without opening the menu too.
    assert page.get_attribute(".site-header__search-link", "href") == "/zoeken/"


def test_on_a_wide_screen_the_menu_shows_whole_without_javascript(browser, demo_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(demo_server + "/")
    assert page.is_visible(".main-nav >> text=Netwerk")
    assert page.is_visible("#site-search-q")
    assert not page.is_visible("summary.site-menu__toggle")
    context.close()


@pytest.mark.parametrize(
    ("path", "submit"),
    [
        ("/netwerk/aansluiten/", "Verstuur mijn aanvraag"),
        ("/contact/", "Verstuur je bericht"),
        ("/account/aanmelden/", "Aanmelden"),
    ],
)
def test_after_a_failed_submit_focus_is_on_the_error_summary(page, path, submit):
    page.goto(page.base_url + path)
    page.click(f"main button[type=submit] >> text={submit}")
    # The focus moves by a deferred script, which may run after the summary
    # shows: wait for it rather than read the focus at once.
    expect(page.locator("#error-summary")).to_be_focused()
