"""Members follow themes, municipalities, kinds, one experience and the agenda."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from digests.models import DigestPreference, Follow, Frequency, Scope

TOGGLE = "/volgen/volg/"


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_member_follows_a_municipality_from_its_page(
    logged_in, member, leuven, network_page
):
    page = leuven.get_absolute_url()
    html = logged_in.get(page).content.decode()
    assert "Volg Leuven" in html
    response = logged_in.post(TOGGLE, {"gemeente": leuven.slug, "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    follow = Follow.objects.get(user=member)
    assert follow.municipality == leuven
    html = logged_in.get(page).content.decode()
    assert "Je volgt dit" in html
    assert "Je volgt nu ‘Uit Leuven’" in html
    # The same button again stops following.
    logged_in.post(TOGGLE, {"gemeente": leuven.slug, "next": page})
    assert not Follow.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_each_member_sees_whether_they_follow(
    client, member, colleague, leuven, network_page
):
    """The municipality's page is one query compiled once: the member's id
    goes in as a value, so one member's follow shows to nobody else."""
    Follow.objects.create(user=member, municipality=leuven)
    page = leuven.get_absolute_url()
    client.force_login(member)
    assert "Je volgt dit" in client.get(page).content.decode()
    client.force_login(colleague)
    html = client.get(page).content.decode()
    assert "Volg Leuven" in html
    assert "Je volgt dit" not in html


@pytest.mark.django_db
def test_visitors_see_no_button_and_cannot_follow(client, leuven, network_page):
    assert "Volg Leuven" not in client.get(leuven.get_absolute_url()).content.decode()
    response = client.post(TOGGLE, {"gemeente": leuven.slug})
    assert response.status_code == 302
    assert "/account/aanmelden/" in response["Location"]
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_editors_cannot_follow(client, editor, leuven):
    client.force_login(editor)
    assert client.post(TOGGLE, {"gemeente": leuven.slug}).status_code == 403
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_an_experience_and_its_reactions(logged_in, member, make_experience):
    experience = make_experience(title="Wie heeft een tip?")
    html = logged_in.get(experience.get_absolute_url()).content.decode()
    assert "Volg de reacties op deze bijdrage" in html
    logged_in.post(TOGGLE, {"ervaring": experience.pk})
    assert Follow.objects.get(user=member).experience == experience


@pytest.mark.django_db
def test_an_unpublished_experience_cannot_be_followed(
    logged_in, member, experiences_page, writer
):
    from experiences.factories import ExperienceFactory

    pending = ExperienceFactory(author=writer, publish=False)
    response = logged_in.post(TOGGLE, {"ervaring": pending.pk})
    assert response.status_code == 400
    assert "Dit kun je niet volgen" in response.content.decode()
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_follow_the_selection_of_the_experience_filter(
    logged_in, member, make_experience, hasselt
):
    make_experience(themes=["groen"], kind="vraag")
    url = f"/ervaringen/?thema=groen&soort=vraag&gemeente={hasselt.slug}"
    html = logged_in.get(url).content.decode()
    assert "Volg deze selectie" in html
    logged_in.post(
        TOGGLE,
        {
            "scope": "ervaringen",
            "thema": "groen",
            "soort": "vraag",
            "gemeente": hasselt.slug,
        },
    )
    follow = Follow.objects.get(user=member)
    assert (follow.scope, follow.theme.slug, follow.kind, follow.municipality) == (
        Scope.EXPERIENCES,
        "groen",
        "vraag",
        hasselt,
    )
    assert follow.label() == "Vraag aan het netwerk · thema ‘groen’ · uit Hasselt"
    # A search cannot be followed: with a theme, the theme is, and the page
    # says the search is not; a search alone offers no button.
    html = logged_in.get("/ervaringen/?thema=groen&q=soep").content.decode()
    assert "Volg deze selectie" in html
    assert "<li>Ervaringen · thema ‘groen’</li>" in html
    assert "Je zoekwoorden en je andere filters volg je niet mee." in html
    html = logged_in.get("/ervaringen/?q=soep").content.decode()
    assert "Volg deze selectie" not in html


@pytest.mark.django_db
def test_follow_a_municipality_or_a_kind_from_the_experience_filter(
    logged_in, member, make_experience, hasselt
):
    make_experience(kind="vraag")
    html = logged_in.get(f"/ervaringen/?gemeente={hasselt.slug}").content.decode()
    assert "<li>Ervaringen · uit Hasselt</li>" in html
    html = logged_in.get("/ervaringen/?soort=vraag").content.decode()
    assert "<li>Vraag aan het netwerk</li>" in html
    logged_in.post(TOGGLE, {"scope": "ervaringen", "soort": "vraag"})
    assert Follow.objects.get(user=member).kind == "vraag"


@pytest.mark.django_db
def test_follow_a_theme_from_the_practice_filter(logged_in, member, make_practice):
    make_practice(themes=["groen"])
    html = logged_in.get("/praktijkvoorbeelden/?thema=groen").content.decode()
    assert "Volg deze selectie" in html
    logged_in.post(TOGGLE, {"scope": "praktijken", "thema": "groen"})
    follow = Follow.objects.get(user=member)
    assert (follow.scope, follow.theme.slug) == (Scope.PRACTICES, "groen")


@pytest.mark.django_db
def test_follow_several_themes_from_the_practice_filter_at_once(
    logged_in, member, make_practice
):
    make_practice(themes=["groen", "senioren"])
    url = "/praktijkvoorbeelden/?thema=groen&thema=senioren"
    html = logged_in.get(url).content.decode()
    assert "Volg deze selectie" in html
    assert "<li>Praktijkvoorbeelden · thema ‘groen’</li>" in html
    assert "<li>Praktijkvoorbeelden · thema ‘senioren’</li>" in html
    assert '<input type="hidden" name="thema" value="groen">' in html
    assert '<input type="hidden" name="thema" value="senioren">' in html
    data = {"scope": "praktijken", "thema": ["groen", "senioren"], "next": url}
    logged_in.post(TOGGLE, data)
    follows = Follow.objects.filter(user=member).order_by("theme__slug")
    assert [(f.scope, f.theme.slug) for f in follows] == [
        (Scope.PRACTICES, "groen"),
        (Scope.PRACTICES, "senioren"),
    ]
    html = logged_in.get(url).content.decode()
    assert "Je volgt nu ‘Praktijkvoorbeelden · thema ‘groen’’ en" in html
    assert "Je volgt dit" in html
    # The same button stops both.
    logged_in.post(TOGGLE, data)
    assert not Follow.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_the_practice_filter_offers_no_button_for_nothing_followable(
    logged_in, make_practice
):
    make_practice(themes=["groen"])
    for query in ("q=binnenkoer", "provincie=antwerpen", ""):
        html = logged_in.get(f"/praktijkvoorbeelden/?{query}").content.decode()
        assert "Volg deze selectie" not in html, query
    html = logged_in.get("/praktijkvoorbeelden/?thema=groen&q=koer").content.decode()
    assert "Volg deze selectie" in html
    assert "Je zoekwoorden en je andere filters volg je niet mee." in html


@pytest.mark.django_db
def test_follow_the_agenda(logged_in, member, agenda):
    assert "Volg nieuwe activiteiten" in logged_in.get("/agenda/").content.decode()
    logged_in.post(TOGGLE, {"agenda": "1"})
    assert Follow.objects.get(user=member).agenda


@pytest.mark.django_db
def test_the_agenda_button_knows_the_follow_from_a_light_query(
    logged_in, member, agenda
):
    """The button asks which follows the member has with the key columns only:
    joining the followed rows (whole experiences) cost more than the page's
    own work, on every page with a button."""
    Follow.objects.create(user=member, theme=Tag.objects.create(name="a", slug="a"))
    assert "Volg nieuwe activiteiten" in logged_in.get("/agenda/").content.decode()
    Follow.objects.create(user=member, agenda=True)
    with CaptureQueriesContext(connection) as queries:
        html = logged_in.get("/agenda/").content.decode()
    assert "Je volgt dit" in html
    follow_queries = [
        query["sql"] for query in queries if 'FROM "digests_follow"' in query["sql"]
    ]
    assert len(follow_queries) == 1
    assert "JOIN" not in follow_queries[0]


@pytest.mark.django_db
def test_unknown_targets_save_nothing(logged_in):
    for data in (
        {},
        {"thema": "bestaat-niet"},
        {"gemeente": "atlantis"},
        {"soort": "roddel"},
        {"ervaring": "abc"},
        {"scope": "alles-en-nog-wat", "thema": "x"},
    ):
        assert logged_in.post(TOGGLE, data).status_code == 400, data
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_dashboard_lists_every_follow_and_turns_each_off(logged_in, member, leuven):
    Tag.objects.create(name="groen", slug="groen")
    theme = Follow.objects.create(user=member, theme=Tag.objects.get(slug="groen"))
    Follow.objects.create(user=member, municipality=leuven)
    html = logged_in.get("/account/").content.decode()
    assert "Wat ik volg" in html
    assert "Thema ‘groen’" in html
    assert "Uit Leuven" in html
    assert html.count("Niet meer volgen") == 2
    logged_in.post(f"/volgen/{theme.pk}/stoppen/", {"next": "/account/"})
    assert list(Follow.objects.filter(user=member)) != []
    assert not Follow.objects.filter(pk=theme.pk).exists()


@pytest.mark.django_db
def test_nobody_turns_off_anothers_follow(logged_in, colleague, leuven):
    theirs = Follow.objects.create(user=colleague, municipality=leuven)
    assert logged_in.post(f"/volgen/{theirs.pk}/stoppen/").status_code == 404
    assert Follow.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_frequency_is_weekly_until_the_member_chooses(logged_in, member):
    html = logged_in.get("/volgen/").content.decode()
    weekly = re.search(r'<input[^>]*value="wekelijks"[^>]*>', html).group(0)
    assert "checked" in weekly
    logged_in.post("/volgen/", {"frequency": "dagelijks"})
    assert DigestPreference.objects.get(user=member).frequency == Frequency.DAILY
    response = logged_in.post("/volgen/", {"frequency": "elk-uur"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert DigestPreference.objects.get(user=member).frequency == Frequency.DAILY


@pytest.mark.django_db
def test_settings_page_is_for_members_only(client, editor):
    assert client.get("/volgen/").status_code == 302
    client.force_login(editor)
    assert client.get("/volgen/").status_code == 403
