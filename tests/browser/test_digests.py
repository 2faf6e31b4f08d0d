from datetime import UTC

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


def digest_mails():
    """The HTML of a demo member's digest and of a visitor's newsletter, as sent."""
    from datetime import datetime

    from django.contrib.auth import get_user_model
    from django.template.loader import render_to_string
    from taggit.models import Tag

    from digests.building import PeriodContent, Reader, subscriber_follows
    from digests.models import Subscriber
    from digests.sending import DIGEST_MAIL, digest_mail_context

    since = datetime(2000, 1, 1, tzinfo=UTC)
    content = PeriodContent(since, datetime.now(UTC))
    member = get_user_model().objects.get(email="lid@pleinmakers.example")
    reader, _created = Subscriber.objects.get_or_create(
        email="axe-lezer@voorbeeld.be",
        defaults={"confirmed_at": datetime.now(UTC)},
    )
    reader.themes.set(Tag.objects.all()[:3])
    mails = []
    for person, digest in (
        (member, content.digest_for(member)),
        (reader, content.digest_for(Reader(), subscriber_follows(reader))),
    ):
        assert not digest.is_empty
        context = digest_mail_context(
            person, digest, subject="Nieuw: 3 berichten", intro="Dit verscheen."
        )
        mails.append(render_to_string(f"{DIGEST_MAIL}_body.html", context))
    reader.delete()
    return mails


def test_the_html_digest_and_newsletter_mails_pass_axe(page, demo_site):
    for html in digest_mails():
        page.set_content(html)
        assert_no_axe_violations(page)
        assert page.get_attribute("html", "lang") == "nl"
        assert page.locator("h1").count() == 1
        assert page.locator("h2").count() >= 1
        assert page.locator("ul > li > a").count() >= 1
        # Every image says what it shows (or is marked decorative).
        assert page.locator("img:not([alt])").count() == 0
        # The footer's two links, named for what they do.
        assert page.locator("a >> text=Afmelden met één klik").count() == 1
        assert page.locator("a >> text=Kies hoe vaak je e-mail krijgt").count() == 1


def test_a_member_follows_two_themes_from_the_practice_filter(page, demo_site):
    from casestudies.models import CaseStudyPage, CaseStudyPageTag
    from digests.models import Follow

    practices = CaseStudyPage.objects.live().public()
    slugs = list(
        CaseStudyPageTag.objects.filter(content_object__in=practices)
        .values_list("tag__slug", flat=True)
        .distinct()
        .order_by("tag__slug")[:2]
    )
    assert len(slugs) == 2
    log_in(page)
    query = "&".join(f"thema={slug}" for slug in slugs)
    page.goto(f"{page.base_url}/praktijkvoorbeelden/?{query}")
    button = page.locator("button >> text=Volg deze selectie")
    assert button.get_attribute("aria-describedby") == "follow-what"
    assert page.locator("#follow-what li").count() == 2
    assert_no_axe_violations(page)
    button.click()
    page.wait_for_selector("button >> text=Je volgt dit")
    assert_no_axe_violations(page)
    follows = Follow.objects.filter(
        user__email="lid@pleinmakers.example", theme__slug__in=slugs, scope="praktijken"
    )
    assert follows.count() == 2
    page.click("button >> text=Je volgt dit")
    page.wait_for_selector("button >> text=Volg deze selectie")
    assert not follows.exists()
