"""An RSS feed per theme and per municipality: only what is public."""

import pytest

from experiences.factories import ExperienceFactory


@pytest.mark.django_db
def test_theme_feed(client, make_practice, make_experience, writer):
    make_practice(title="Groene speelplaats", themes=["groen"])
    make_practice(title="Seniorenbank", themes=["senioren"])
    make_experience(title="Bloembakken in de straat", themes=["groen"])
    ExperienceFactory(author=writer, title="Nog een concept", themes=["groen"])
    response = client.get("/volgen/feed/thema/groen/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Groene speelplaats" in body
    assert "Bloembakken in de straat" in body
    assert "Seniorenbank" not in body
    assert "Nog een concept" not in body
    assert client.get("/volgen/feed/thema/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_municipality_feed_and_its_link(
    client, make_experience, network_page, hasselt, leuven
):
    make_experience(title="Buurtfeest in Hasselt")
    body = client.get(f"/volgen/feed/gemeente/{hasselt.slug}/").content.decode()
    assert "Buurtfeest in Hasselt" in body
    other = client.get(f"/volgen/feed/gemeente/{leuven.slug}/").content.decode()
    assert "Buurtfeest in Hasselt" not in other
    page = client.get(hasselt.get_absolute_url()).content.decode()
    assert f'href="/volgen/feed/gemeente/{hasselt.slug}/"' in page


@pytest.mark.django_db
def test_theme_feed_linked_from_a_one_theme_filter(client, make_practice):
    make_practice(themes=["groen"])
    page = client.get("/praktijkvoorbeelden/?thema=groen").content.decode()
    assert 'href="/volgen/feed/thema/groen/"' in page


@pytest.mark.django_db
def test_theme_page_with_follow_button_and_feed(
    client, member, make_practice, make_experience
):
    make_practice(title="Groene speelplaats", themes=["groen"])
    make_experience(title="Bloembakken in de straat", themes=["groen"])
    page = client.get("/themas/groen/").content.decode()
    assert "Thema: groen" in page
    assert "Groene speelplaats" in page and "Bloembakken in de straat" in page
    assert 'href="/volgen/feed/thema/groen/"' in page
    assert "Volg het thema" not in page  # visitors: no button
    client.force_login(member)
    assert "Volg het thema ‘groen’" in client.get("/themas/groen/").content.decode()
    client.post("/volgen/volg/", {"thema": "groen"})
    assert 'href="/themas/groen/"' in client.get("/volgen/").content.decode()
    assert client.get("/themas/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_every_theme_shown_links_to_its_page(
    client, make_practice, make_experience, home_page
):
    practice = make_practice(title="Groene speelplaats", themes=["groen", "senioren"])
    experience = make_experience(title="Bloembakken", themes=["groen"])
    link = '<a href="/themas/groen/">groen</a>'
    for url in (
        "/praktijkvoorbeelden/",  # the practice's card
        practice.url,
        "/ervaringen/",  # the experience's card
        experience.get_absolute_url(),
        "/",  # the home page's newest practices
    ):
        html = client.get(url).content.decode()
        assert link in html, url
    assert (
        '<a href="/themas/senioren/">senioren</a>'
        in client.get("/praktijkvoorbeelden/").content.decode()
    )
    assert client.get("/themas/senioren/").status_code == 200
