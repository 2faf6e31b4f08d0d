from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
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
