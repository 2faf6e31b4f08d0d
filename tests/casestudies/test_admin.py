from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail_factories import ImageFactory

from casestudies.models import CaseStudyPage
from portal.factories import EditorFactory


def test_editors_can_open_the_practice_form_and_the_listing(client, index, practice):
    practice(title="Buurtkamers", status="lopend")
    client.force_login(EditorFactory())
    form = client.get(f"/admin/pages/add/casestudies/casestudypage/{index.pk}/")
    assert form.status_code == 200
    html = form.content.decode()
    for label in ["Context", "Middelen", "Contactpersoon", "Label en thema", "toolkit"]:
        assert label in html, label
    listing = client.get("/admin/praktijkvoorbeelden/?status=lopend")
    assert listing.status_code == 200
    assert "Buurtkamers" in listing.content.decode()


def form_data(**overrides):
    data = {
        "title": "Pleinmakers in Lier",
        "slug": "pleinmakers-in-lier",
        "summary": "Fictief voorbeeld: buren ontmoeten elkaar op het plein.",
        "municipality": "",
        "start_year": "2024",
        "status": "lopend",
        "pleinmakers_count": "2",
        "homes_count": "2",
        "label": "gedeeld",
        "themes": "groen, ontmoeting",
        "body": streamfield([]),
        "documents": inline_formset([]),
        "hero_image_alt": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_saves_a_practice_with_themes(client, index, municipality):
    client.force_login(EditorFactory())
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        form_data(municipality=str(municipality("Lier").pk)),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CaseStudyPage.objects.get(slug="pleinmakers-in-lier")
    assert page.municipality.name == "Lier"
    assert sorted(page.themes.names()) == ["groen", "ontmoeting"]


def test_a_hero_image_without_alt_text_is_refused_with_a_dutch_message(
    client, index, municipality
):
    client.force_login(EditorFactory())
    image = ImageFactory()
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        form_data(municipality=str(municipality("Lier").pk), hero_image=str(image.pk)),
    )
    assert response.status_code == 200
    assert (
        "Geef een alternatieve tekst voor de hoofdafbeelding."
        in response.content.decode()
    )
    assert not CaseStudyPage.objects.filter(slug="pleinmakers-in-lier").exists()


STORY = (
    "<p>"
    + "Twee bewoners openden elke woensdag de buurtkamer en nodigden de buren uit. " * 5
    + "</p>"
)


def publish(client, index, **overrides):
    return client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        {**form_data(**overrides), "action-publish": "action-publish"},
    )


def test_an_empty_practice_is_refused_on_publish_with_dutch_messages(
    client, index, municipality
):
    client.force_login(EditorFactory())
    response = publish(
        client,
        index,
        municipality=str(municipality("Lier").pk),
        pleinmakers_count="0",
        label="redactie",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "minstens 300 tekens in de inhoud, nu 0" in html
    assert "Vul minstens 1 in, of noem de wijken waar ze werken" in html
    assert not CaseStudyPage.objects.filter(slug="pleinmakers-in-lier").exists()


def test_an_empty_practice_may_wait_as_a_draft(client, index, municipality):
    client.force_login(EditorFactory())
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{index.pk}/",
        form_data(
            municipality=str(municipality("Lier").pk),
            pleinmakers_count="0",
            label="redactie",
        ),
    )
    assert response.status_code == 302
    assert not CaseStudyPage.objects.get(slug="pleinmakers-in-lier").live


def test_a_practice_with_its_story_and_pleinmakers_is_published(
    client, index, municipality
):
    client.force_login(EditorFactory())
    response = publish(
        client,
        index,
        municipality=str(municipality("Lier").pk),
        label="redactie",
        body=streamfield([("paragraph", rich_text(STORY))]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CaseStudyPage.objects.get(slug="pleinmakers-in-lier")
    assert page.live and page.get_label_display() == "Geschreven door de redactie"


def test_shared_by_a_member_only_for_a_member_municipality(client, index, municipality):
    from network.models import MembershipStatus

    client.force_login(EditorFactory())
    lier = municipality("Lier")
    data = {"body": streamfield([("paragraph", rich_text(STORY))]), "label": "gedeeld"}
    response = publish(client, index, municipality=str(lier.pk), **data)
    assert response.status_code == 200
    assert "klopt alleen voor een praktijk van een lid-gemeente" in (
        response.content.decode()
    )
    lier.membership_status = MembershipStatus.MEMBER
    lier.save()
    response = publish(client, index, municipality=str(lier.pk), **data)
    assert response.status_code == 302


def test_a_new_practice_is_labelled_as_written_by_the_editors(db):
    assert CaseStudyPage().label == "redactie"
