"""Members' experiences in a real browser: accessibility, small screens, XSS and
posting one with the keyboard alone.

The tests share one demo site, so each may add data but never relies on data
another test adds.
"""

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_network import log_in

DEMO_TITLE = "Laat de pleinmaker zelf de eerste actie kiezen"
MEMBER = "lid@pleinmakers.example"

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    '[klik](https://voorbeeld.be/"onmouseover="alert(1))',
]

# Any on… attribute, any script calling alert, and any javascript: URL, also one
# hidden by whitespace or control characters, which the CSS selector misses.
DANGEROUS_DOM = """() => {
    const handlers = [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith('on'))
            .map(a => el.tagName + '[' + a.name + ']'));
    const urls = [...document.querySelectorAll('[href], [src], [action]')]
        .map(el => el.getAttribute('href') || el.getAttribute('src')
             || el.getAttribute('action'))
        .filter(url => /^\\s*javascript:/i.test(url.replace(/[\\s\\x00-\\x1f]/g, '')));
    const scripts = [...document.scripts]
        .filter(s => s.textContent.includes('alert(1)')).map(s => 'script');
    return [...handlers, ...urls, ...scripts];
}"""


def demo_detail_url():
    from experiences.models import Experience

    return Experience.objects.get(title=DEMO_TITLE).get_absolute_url()


def check_at_320px(page, paths):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in paths:
        page.goto(page.base_url + path)
        assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_public_experience_pages_are_accessible_and_fit_320px(page, demo_site):
    detail = demo_detail_url()
    paths = [
        "/ervaringen/",
        "/ervaringen/?thema=burendag&soort=tip",
        # Nothing matches; an unknown theme is dropped with a notice.
        "/ervaringen/?q=zeppelin&thema=bestaat-niet",
        detail,
    ]
    for path in paths:
        page.goto(page.base_url + path)
        assert_no_axe_violations(page)
    # The last page open is the detail page, with the demo's two reactions.
    assert page.locator(".reaction").count() == 2
    assert page.locator("#reactions-title").inner_text() == "2 reacties"
    check_at_320px(page, paths)


def test_member_pages_are_accessible_and_fit_320px(page, demo_site):
    log_in(page, MEMBER)
    mine = page.locator(".my-experiences li")
    pending = mine.filter(has_text="Een pleinmaker vinden via de buurtwerking")
    assert "Wacht op moderatie" in pending.inner_text()
    draft = mine.filter(has_text="Wat we leerden uit het eerste jaar")
    assert "Concept" in draft.inner_text()
    assert_no_axe_violations(page)

    # As a member the detail page has the reaction form and report links.
    page.goto(page.base_url + demo_detail_url())
    assert page.locator(".reaction-form").count() == 1
    assert_no_axe_violations(page)

    page.goto(page.base_url + "/ervaringen/nieuw/")
    assert_no_axe_violations(page)
    page.click("button >> text=Indienen bij de redactie")
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary li").count() >= 3
    assert page.locator(".field__error").count() >= 3
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": 320, "height": 640})
    # Check the form with its errors now: opening its URL again shows it empty.
    assert_no_horizontal_scroll(page)
    check_at_320px(page, ["/account/", "/ervaringen/nieuw/", demo_detail_url()])


def test_member_text_never_runs_as_script(page, demo_site):
    from django.contrib.auth import get_user_model

    from experiences.factories import ExperienceFactory
    from experiences.services import add_reaction

    experience = ExperienceFactory(
        publish=True,
        title="Schurkenstreek " + " ".join(XSS_PAYLOADS[:3]),
        summary="Samenvatting " + " ".join(XSS_PAYLOADS),
        body="\n\n".join(XSS_PAYLOADS) + "\n\n- " + "\n- ".join(XSS_PAYLOADS),
    )
    assert experience.live
    member = get_user_model().objects.get(email=MEMBER)
    add_reaction(experience, member, "Reactie\n\n" + "\n".join(XSS_PAYLOADS))

    dialogs = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    for path in [
        "/ervaringen/",
        experience.get_absolute_url(),
        "/",
        "/zoeken/?q=Schurkenstreek",
    ]:
        page.goto(page.base_url + path)
        page.wait_for_load_state("load")
        # The text is there, as text: otherwise this test would prove nothing.
        title = page.get_by_text("Schurkenstreek <script>alert(1)</script>")
        assert title.count() >= 1, f"the experience is missing on {path}"
        assert page.locator('a[href^="javascript" i]').count() == 0, path
        assert page.locator("[onerror]").count() == 0, path
        assert page.evaluate(DANGEROUS_DOM) == [], path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content()
    assert dialogs == []


def test_member_posts_an_experience_with_the_keyboard_and_no_javascript(
    page, demo_site
):
    from experiences.models import Experience, ModerationStatus

    # The writing screens must work without JavaScript; axe needs it, so the
    # journey runs in a second context and axe in the fixture's page.
    context = page.context.browser.new_context(
        java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
        locale="nl-BE",
    )
    try:
        plain = context.new_page()
        plain.set_default_timeout(10_000)
        plain.base_url = page.base_url
        log_in(plain, MEMBER)
        plain.goto(plain.base_url + "/ervaringen/nieuw/")

        def focused(expression="document.activeElement.id"):
            return plain.evaluate(expression)

        def tab_to(predicate, limit=60):
            for _ in range(limit):
                plain.keyboard.press("Tab")
                if plain.evaluate(predicate):
                    return
            raise AssertionError(f"Tab never reached {predicate}")

        plain.locator("#id_title").focus()
        plain.keyboard.type("Een wijkfeest in de winter")
        # The kind's radios are one tab stop; the arrows choose within them.
        plain.keyboard.press("Tab")
        assert focused("document.activeElement.name") == "kind"
        for _ in range(4):
            if focused("document.activeElement.value") == "tip":
                break
            plain.keyboard.press("ArrowDown")
        assert (
            focused("document.activeElement.checked && document.activeElement.value")
            == "tip"
        )
        plain.keyboard.press("Tab")
        assert focused() == "id_summary"
        plain.keyboard.type("In december komen buren ook naar het plein, voor soep.")
        plain.keyboard.press("Tab")
        assert focused() == "id_body"
        plain.keyboard.type("We zetten een tent op.\n\n- soep\n- vuurkorven")
        plain.keyboard.press("Tab")
        assert focused("document.activeElement.name") == "existing_themes"
        theme = focused(
            'document.querySelector(`label[for="${document.activeElement.id}"]`)'
            ".textContent"
        )
        plain.keyboard.press("Space")
        tab_to("document.activeElement.id === 'id_new_themes'")
        plain.keyboard.type("winterwerking")
        tab_to("document.activeElement.textContent === 'Indienen bij de redactie'")
        plain.keyboard.press("Enter")

        plain.wait_for_url("**/ervaringen/*-een-wijkfeest-in-de-winter/")
        state = plain.locator(".experience-state")
        assert "Wacht op moderatie" in state.inner_text()
        assert "De redactie bekijkt je bijdrage" in plain.content()

        experience = Experience.objects.get(title="Een wijkfeest in de winter")
        assert experience.status == ModerationStatus.PENDING
        assert experience.kind == "tip"
        assert not experience.live
        assert {tag.name for tag in experience.themes.all()} == {
            theme,
            "winterwerking",
        }

        plain.goto(plain.base_url + "/account/")
        row = plain.locator(".my-experiences li").filter(
            has_text="Een wijkfeest in de winter"
        )
        assert "Wacht op moderatie" in row.inner_text()
        cookies = context.cookies()
    finally:
        context.close()

    page.context.add_cookies(cookies)
    page.goto(page.base_url + experience.get_absolute_url())
    assert "Wacht op moderatie" in page.locator(".experience-state").inner_text()
    assert_no_axe_violations(page)
    check_at_320px(page, [experience.get_absolute_url()])


PRACTICE = "Buurtkamers in drie Genkse cités"


def _write_draft(page, title):
    page.fill("#id_title", title)
    page.check("input[name=kind][value=tip]")
    page.fill("#id_summary", "Een korte samenvatting.")
    page.fill("#id_body", "Wat we deden.")


def test_a_practice_is_linked_by_typing_its_title_with_suggestions(page, demo_site):
    from experiences.models import Experience

    log_in(page, MEMBER)
    page.goto(page.base_url + "/ervaringen/nieuw/")
    _write_draft(page, "Een koppeling met suggesties")
    field = page.locator("#id_case_study_url")
    field.press_sequentially("genkse cit", delay=30)
    option = page.locator("#id_case_study_url-suggestions option").first
    option.wait_for(state="attached")
    assert PRACTICE in option.get_attribute("label")
    # Choosing a suggestion puts its address in the field.
    field.fill(option.get_attribute("value"))
    page.click("button[name=draft]")
    page.wait_for_url("**/ervaringen/*-een-koppeling-met-suggesties/")
    linked = Experience.objects.get(title="Een koppeling met suggesties")
    assert linked.case_study.title == PRACTICE


def test_without_javascript_a_typed_title_links_the_practice(page, demo_site):
    from experiences.models import Experience

    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.set_default_timeout(10_000)
        plain.base_url = page.base_url
        log_in(plain, MEMBER)
        plain.goto(plain.base_url + "/ervaringen/nieuw/")
        _write_draft(plain, "Een koppeling zonder script")
        assert plain.locator("datalist").count() == 0
        plain.fill("#id_case_study_url", "Buurtkamers")
        plain.click("button[name=draft]")
        plain.wait_for_url("**/ervaringen/*-een-koppeling-zonder-script/")
    finally:
        context.close()
    linked = Experience.objects.get(title="Een koppeling zonder script")
    assert linked.case_study.title == PRACTICE
