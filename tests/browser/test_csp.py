"""No page type breaks the Content-Security-Policy (issue #10).

These tests keep the policy (the other browser tests bypass it to inject
axe-core) and record every `securitypolicyviolation` event and every console
report of a blocked resource, on public pages, the member pages and the admin
editors (page editor, snippet editor, image chooser).
"""

import pytest

from tests.browser.test_network import log_in

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
        + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
PUBLIC_PAGES = [
    "/",
    "/over-pleinmakers/",
    "/praktijkvoorbeelden/",
    "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/",
    "/netwerk/",
    "/netwerk/mechelen/",
    "/netwerk/aansluiten/",
    "/ervaringen/",
    "/gidsen/pleinmakers-starten/",
    "/toolkit/",
    "/veelgestelde-vragen/",
    "/contact/",
    "/zoeken/?q=plein",
    "/bestaat-niet/",
    "/account/aanmelden/",
    "/agenda/",
    "/agenda/netwerkdag/",
    "/netwerk/cijfers/",
    "/themas/burendag/",
    "/open-data/",
]
MEMBER_PAGES = [
    "/account/",
    "/account/profiel/",
    "/account/mijn-gegevens/",
    "/ervaringen/nieuw/",
    "/netwerk/trajecten/leuven/",
    "/netwerk/trajecten/leuven/mentorlog/",
    "/volgen/",
]


@pytest.fixture
def strict_page(browser, demo_server):
    """A browser tab that keeps the site's CSP and records what it blocks."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = demo_server
    page.console_reports = []
    page.on(
        "console",
        lambda message: (
            page.console_reports.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def violations(page):
    return page.evaluate("window.__cspViolations") + page.console_reports


def visit(page, path):
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")
    return violations(page)


def test_public_pages_break_no_policy(strict_page):
    found = {path: visit(strict_page, path) for path in PUBLIC_PAGES}
    assert not {path: v for path, v in found.items() if v}


def test_member_pages_break_no_policy(strict_page):
    log_in(strict_page)
    found = {path: visit(strict_page, path) for path in MEMBER_PAGES}
    assert not {path: v for path, v in found.items() if v}


def test_the_admin_editors_break_no_policy(strict_page):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from portal.models import Phase

    admin = get_user_model().objects.filter(is_superuser=True).first()
    admin.set_password("Beheer-in-de-browser-2026")
    admin.save()
    page = strict_page
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", admin.email)
    page.fill("#id_password", "Beheer-in-de-browser-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    guide = Page.objects.get(url_path__endswith="/pleinmakers-starten/")
    phase = Phase.objects.first()
    found = {
        "dashboard": visit(page, "/admin/"),
        "page editor": visit(page, f"/admin/pages/{guide.pk}/edit/"),
        "snippet editor": visit(page, f"/admin/snippets/portal/phase/edit/{phase.pk}/"),
        "images": visit(page, "/admin/images/"),
        # A public page with the editor's userbar and its accessibility checker.
        "public page with userbar": visit(page, "/over-pleinmakers/"),
    }
    # The image chooser opens in a modal from the page editor's promote tab.
    visit(page, f"/admin/pages/{guide.pk}/edit/")
    page.get_by_role("tab", name="Eigenschappen").click()
    page.get_by_role("button", name="Kies een afbeelding").first.click()
    page.locator(".modal-content").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    found["image chooser"] = violations(page)
    assert not {name: v for name, v in found.items() if v}
