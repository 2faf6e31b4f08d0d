"""An empty practice is refused on every publish route, not only in the editor
form: `revision.publish()` from code, scheduled publishing, the bulk action in
the page listing and a moderation request. A refusal leaves the draft intact."""

import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text, streamfield

from casestudies.factories import CaseStudyPageFactory
from casestudies.forms import PUBLISH_REFUSED_ACTION
from casestudies.models import CaseStudyPage
from portal.factories import EditorFactory
from tests.casestudies.test_admin import STORY, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(index, municipality):
    """An empty practice waiting as a draft: a title, summary, municipality, year."""

    def make(**fields):
        page = CaseStudyPageFactory(
            parent=index,
            municipality=municipality("Lier"),
            live=False,
            body=[],
            pleinmakers_count=0,
            neighbourhoods="",
            **fields,
        )
        page.save_revision()
        return page

    return make


def test_publishing_an_empty_practice_from_code_is_refused(draft):
    page = draft(title="Leeg voorbeeld")
    revision = page.save_revision()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    assert "minstens 300 tekens in de inhoud, nu 0" in str(refused.value)
    assert "Vul minstens 1 in" in str(refused.value)
    with pytest.raises(ValidationError):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert page.get_latest_revision_as_object().title == "Leeg voorbeeld"


def test_an_empty_practice_cannot_be_scheduled(draft):
    page = draft()
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    with pytest.raises(ValidationError):
        revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_scheduled_publishing_skips_an_empty_practice_and_publishes_the_others(
    draft, index, municipality
):
    now = timezone.now()
    empty = draft(title="Leeg voorbeeld")
    empty_revision = empty.save_revision()
    full = CaseStudyPageFactory(parent=index, live=False, title="Volledig voorbeeld")
    full_revision = full.save_revision()
    # As if scheduled before the rule, or by code that skipped the check.
    for revision in (empty_revision, full_revision):
        revision.approved_go_live_at = now - timedelta(minutes=1)
        revision.save(update_fields=["approved_go_live_at"])

    call_command("publish_scheduled", stdout=io.StringIO())

    empty.refresh_from_db()
    full.refresh_from_db()
    assert full.live
    assert not empty.live and empty.get_latest_revision() == empty_revision
    empty_revision.refresh_from_db()
    assert empty_revision.approved_go_live_at is None  # not retried every run
    entry = PageLogEntry.objects.get(page=empty, action=PUBLISH_REFUSED_ACTION)
    assert "‘Leeg voorbeeld’ is niet gepubliceerd" in entry.message
    assert "Het concept blijft bewaard" in entry.message


def test_the_bulk_publish_action_refuses_an_empty_practice_with_a_dutch_message(
    client, draft, index
):
    empty = draft(title="Leeg voorbeeld")
    full = CaseStudyPageFactory(parent=index, live=False, title="Volledig voorbeeld")
    full.save_revision()
    client.force_login(EditorFactory())
    next_url = f"/admin/pages/{index.pk}/"
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={empty.pk}&id={full.pk}"
        f"&next={next_url}",
        {"include_descendants": ""},
    )
    assert response.status_code == 302 and response.url == next_url
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Er is niets gepubliceerd." in message
    assert "‘Leeg voorbeeld’ is niet gepubliceerd" in message
    assert "minstens 300 tekens" in message
    assert not CaseStudyPage.objects.live().filter(pk__in=[empty.pk, full.pk])

    # With the empty one left out, the bulk action publishes as before.
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={full.pk}&next={next_url}",
        {"include_descendants": ""},
    )
    assert response.status_code == 302
    assert CaseStudyPage.objects.live().filter(pk=full.pk).exists()


def test_bulk_publishing_an_index_with_its_drafts_checks_the_drafts(
    client, draft, index
):
    draft(title="Leeg voorbeeld")
    client.force_login(EditorFactory())
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={index.pk}&next=/admin/",
        {"include_descendants": "on"},
    )
    assert response.status_code == 302
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "‘Leeg voorbeeld’ is niet gepubliceerd" in message
    assert not CaseStudyPage.objects.live().filter(title="Leeg voorbeeld").exists()


def test_an_empty_practice_cannot_be_submitted_for_moderation(
    client, index, municipality
):
    client.force_login(EditorFactory())
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        {
            **form_data(
                municipality=str(municipality("Lier").pk),
                pleinmakers_count="0",
                label="redactie",
            ),
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 200
    assert "minstens 300 tekens in de inhoud, nu 0" in response.content.decode()


def test_a_practice_naming_its_neighbourhoods_is_published_without_a_count(
    client, index, municipality
):
    """Mechelen's own practice: how many pleinmakers is not known, where they work
    is. Editors republish it without having to invent a number."""
    client.force_login(EditorFactory())
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        {
            **form_data(
                municipality=str(municipality("Lier").pk),
                pleinmakers_count="0",
                neighbourhoods="Centrum, Kloosterheide",
                label="redactie",
                body=streamfield([("paragraph", rich_text(STORY))]),
            ),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get(slug="pleinmakers-in-lier")
    assert page.live
    assert "Pleinmakers</dt>" not in client.get(page.url).content.decode()


def test_a_member_label_on_a_non_member_practice_is_refused_on_publish(
    index, municipality
):
    from casestudies.models import Label
    from network.models import MembershipStatus

    lier = municipality("Lier")
    lier.membership_status = MembershipStatus.NONE
    lier.save(update_fields=["membership_status"])
    page = CaseStudyPageFactory(
        parent=index, municipality=lier, live=False, label=Label.EDITORIAL
    )
    page.save_revision()
    page.label = Label.SHARED
    page.title = "Geleend voorbeeld"
    revision = page.save_revision()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    assert "klopt alleen voor een praktijk van een lid-gemeente" in str(refused.value)
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.label) == ("Geleend voorbeeld", Label.SHARED)
