"""Reactions show at once; reports hide what three members object to."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from experiences import services
from experiences.factories import ExperienceFactory
from experiences.models import REACTION_EDIT_WINDOW, Reaction, Report
from network.factories import MemberFactory
from network.models import Municipality
from portal.models import RateLimit


def react_url(experience):
    return f"/ervaringen/{experience.pk}/reageren/"


def reaction_url(reaction, action):
    return f"/ervaringen/reacties/{reaction.pk}/{action}/"


@pytest.fixture
def reaction(published, colleague):
    mail.outbox.clear()
    return services.add_reaction(published, colleague, "Mooi gedaan!")


def test_a_member_reacts_and_the_author_is_told(client, published, member, colleague):
    mail.outbox.clear()
    client.force_login(colleague)
    response = client.post(react_url(published), {"body": "Hoeveel soep was er?"})
    reaction = Reaction.objects.get()
    assert (
        response["Location"] == f"{published.get_absolute_url()}#reactie-{reaction.pk}"
    )
    assert reaction.author == colleague
    assert reaction.municipality.name == "Leuven"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Hoeveel soep was er?" in mail.outbox[0].body
    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Hoeveel soep was er?" in page
    assert "Cas Collega" in page


def test_anonymous_visitors_cannot_react_or_report(client, published, reaction):
    for url in (
        react_url(published),
        f"/ervaringen/{published.pk}/melden/",
        reaction_url(reaction, "melden"),
    ):
        response = client.post(url, {"body": "Anoniem", "reason": "Zomaar iets"})
        assert response["Location"].startswith("/account/aanmelden/?next=")
    assert Reaction.objects.count() == 1
    assert not Report.objects.exists()


def test_a_too_long_reaction_is_refused_and_kept(client, published, colleague):
    client.force_login(colleague)
    response = client.post(react_url(published), {"body": "x" * 2001})
    page = response.content.decode()
    assert response.status_code == 400
    assert "niet meer dan 2000 tekens" in page
    assert "x" * 2001 in page
    assert not Reaction.objects.exists()


def test_no_reactions_on_what_is_not_published(client, experiences_page, colleague):
    draft = ExperienceFactory(title="Nog een concept")
    client.force_login(colleague)
    assert client.post(react_url(draft), {"body": "Hallo"}).status_code == 404
    assert not Reaction.objects.exists()


def test_reactions_are_editable_for_fifteen_minutes_and_deletable_always(
    client, reaction, colleague
):
    client.force_login(colleague)
    assert (
        "Mooi gedaan!"
        in client.get(reaction_url(reaction, "bewerken")).content.decode()
    )
    client.post(reaction_url(reaction, "bewerken"), {"body": "Heel mooi gedaan!"})
    reaction.refresh_from_db()
    assert reaction.body == "Heel mooi gedaan!"
    assert reaction.edited_at is not None

    Reaction.objects.filter(pk=reaction.pk).update(
        created_at=timezone.now() - REACTION_EDIT_WINDOW
    )
    response = client.post(
        reaction_url(reaction, "bewerken"), {"body": "Te laat"}, follow=True
    )
    assert "tot 15 minuten na het plaatsen" in response.content.decode()
    reaction.refresh_from_db()
    assert reaction.body == "Heel mooi gedaan!"

    client.post(reaction_url(reaction, "verwijderen"))
    assert not Reaction.objects.exists()


def test_nobody_edits_or_deletes_another_members_reaction(client, reaction, member):
    client.force_login(member)
    assert client.get(reaction_url(reaction, "bewerken")).status_code == 404
    assert (
        client.post(reaction_url(reaction, "bewerken"), {"body": "X"}).status_code
        == 404
    )
    assert client.post(reaction_url(reaction, "verwijderen")).status_code == 404
    reaction.refresh_from_db()
    assert reaction.body == "Mooi gedaan!"


def test_at_most_thirty_reactions_an_hour(client, published, colleague):
    client.force_login(colleague)
    for number in range(30):
        client.post(react_url(published), {"body": f"Reactie {number}"})
    response = client.post(react_url(published), {"body": "Eén te veel"})
    assert response.status_code == 429
    assert "dertig reacties" in response.content.decode()
    assert Reaction.objects.count() == 30
    assert 3500 < int(response["Retry-After"]) <= 3600
    RateLimit.objects.update(expires_at=timezone.now() + timedelta(seconds=90))
    response = client.post(react_url(published), {"body": "Eén te veel"})
    assert 80 < int(response["Retry-After"]) <= 90
    RateLimit.objects.all().delete()  # the hour has passed
    assert client.post(react_url(published), {"body": "Later"}).status_code == 302


# Reports ------------------------------------------------------------------------------


def test_a_member_reports_once_and_never_their_own(
    client, published, member, colleague
):
    client.force_login(member)
    response = client.post(f"/ervaringen/{published.pk}/melden/", {"reason": "Test"})
    assert not Report.objects.exists()
    assert (
        "Je eigen bijdrage kun je niet melden"
        in client.get(response["Location"]).content.decode()
    )

    client.force_login(colleague)
    form = client.get(f"/ervaringen/{published.pk}/melden/").content.decode()
    assert "Waarom hoort dit hier niet?" in form
    client.post(f"/ervaringen/{published.pk}/melden/", {"reason": "Reclame."})
    client.post(f"/ervaringen/{published.pk}/melden/", {"reason": "Nog eens."})
    assert Report.objects.get().reason == "Reclame."


def test_a_report_needs_a_reason(client, published, colleague):
    client.force_login(colleague)
    response = client.post(f"/ervaringen/{published.pk}/melden/", {"reason": ""})
    assert "Dit is een verplicht veld" in response.content.decode()
    assert not Report.objects.exists()


def reporters(count, start=0):
    """Members of `count` different municipalities (never the author's Mechelen)."""
    municipalities = Municipality.objects.exclude(nis_code="12025").order_by(
        "nis_code"
    )[start : start + count]
    return [
        MemberFactory(
            email=f"melder{start + number}@gemeente.example",
            profile__municipality=municipality,
        )
        for number, municipality in enumerate(municipalities)
    ]


def test_three_reports_hide_an_experience_until_an_editor_decides(
    client, network_page, published, member, editor, leuven
):
    first, second, third = reporters(3)
    services.report(published, first, "Reclame.")
    services.report(published, second, "Reclame.")
    published.refresh_from_db()
    assert published.hidden_at is None
    mail.outbox.clear()

    services.report(published, third, "Reclame.")

    published.refresh_from_db()
    assert published.hidden_at is not None
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == sorted([(member.email,), (editor.email,)])
    assert client.get(published.get_absolute_url()).status_code == 404
    for url in ("/ervaringen/", "/", "/netwerk/mechelen/", "/ervaringen/feed/"):
        assert "Soep op het plein" not in client.get(url).content.decode(), url

    client.force_login(editor)
    inspect = client.get(
        f"/admin/snippets/experiences/experience/inspect/{published.pk}/"
    ).content.decode()
    assert inspect.count("Reclame.") == 3
    client.post(f"/admin/snippets/experiences/experience/restore/{published.pk}/")
    published.refresh_from_db()
    assert published.hidden_at is None
    assert Report.objects.open().count() == 0
    # Settled reports do not count again: one new report does not hide it.
    services.report(published, reporters(1, start=3)[0], "Nog steeds reclame.")
    published.refresh_from_db()
    assert published.hidden_at is None


def test_reports_from_one_municipality_count_once(client, published, leuven, colleague):
    """A member and two colleagues they invited themselves cannot hide a post:
    three reports from Leuven count as one of the three that hide it."""
    invited = [
        MemberFactory(
            email=f"collega{number}@leuven.example", profile__municipality=leuven
        )
        for number in range(2)
    ]
    for reporter in [colleague, *invited]:
        assert services.report(published, reporter, "Weg ermee.")
    published.refresh_from_db()
    assert published.hidden_at is None
    assert "Soep op het plein" in client.get("/ervaringen/").content.decode()

    # Two more municipalities make three: now it is hidden.
    for reporter in reporters(2):
        services.report(published, reporter, "Reclame.")
    published.refresh_from_db()
    assert published.hidden_at is not None


def test_three_reports_hide_a_reaction(client, reaction, leuven, colleague, editor):
    for reporter in reporters(3):
        services.report(reaction, reporter, "Kwetsend.")
    reaction.refresh_from_db()
    assert reaction.hidden_at is not None
    assert (
        "verborgen" in mail.outbox[-2].subject or "verborgen" in mail.outbox[-1].subject
    )
    page = client.get(reaction.experience.get_absolute_url()).content.decode()
    assert "Mooi gedaan!" not in page

    client.force_login(editor)
    listing = client.get("/admin/snippets/experiences/reaction/").content.decode()
    assert "Mooi gedaan!" in listing
    client.post(f"/admin/snippets/experiences/reaction/restore/{reaction.pk}/")
    client.logout()
    assert (
        "Mooi gedaan!"
        in client.get(reaction.experience.get_absolute_url()).content.decode()
    )


def test_reporting_a_reaction_through_the_site(client, reaction, member):
    client.force_login(member)
    client.post(reaction_url(reaction, "melden"), {"reason": "Kwetsend voor bewoners."})
    report = Report.objects.get()
    assert report.reaction == reaction
    assert report.reporter == member
    page = client.get(reaction.experience.get_absolute_url()).content.decode()
    assert "Gemeld" in page


def test_editors_settle_reports_and_leave_the_item_online(
    client, published, editor, leuven
):
    services.report(published, reporters(1)[0], "Twijfel.")
    client.force_login(editor)
    inspect = f"/admin/snippets/experiences/experience/inspect/{published.pk}/"
    assert "Meldingen afhandelen" in client.get(inspect).content.decode()
    client.post(f"/admin/snippets/experiences/experience/restore/{published.pk}/")
    published.refresh_from_db()
    assert published.hidden_at is None
    assert Report.objects.open().count() == 0
    assert "Meldingen afhandelen" not in client.get(inspect).content.decode()


def test_the_page_shows_what_the_member_reported_and_follows(client, reaction, member):
    """The member's reports and follow come from two small queries of their
    own, so the experience's query is the same for everyone (its SQL is kept)
    and carries no per-member subquery."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digests.models import Follow

    experience = reaction.experience
    url = experience.get_absolute_url()
    client.force_login(member)
    client.post(reaction_url(reaction, "melden"), {"reason": "Kwetsend voor bewoners."})
    Follow.objects.create(user=member, experience=experience)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Gemeld" in page
    assert "Je meldde deze bijdrage aan de redactie." not in page
    assert "Je volgt dit" in page
    experience_queries = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "network_experience"."id"')
    ]
    assert experience_queries and "EXISTS" not in experience_queries[0]

    # The author's page shows no report of the experience itself; a member
    # who reported it sees so, and nobody else's reports or follows.
    (reporter,) = reporters(1)
    Report.objects.create(experience=experience, reporter=reporter, reason="Nee.")
    client.force_login(reporter)
    page = client.get(url).content.decode()
    assert "Je meldde deze bijdrage aan de redactie." in page
    assert "Gemeld" not in page
    assert "Je volgt dit" not in page


def test_reactions_show_in_order_with_their_names_and_links(
    client, published, member, colleague, leuven
):
    """The page reads of a reaction's author and municipality only the names
    it signs with, shows the visible reactions oldest first (the answer to a
    question on top), and links each action where its route is."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = services.add_reaction(published, colleague, "Eerste reactie")
    hidden = services.add_reaction(published, member, "Verborgen reactie")
    Reaction.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    gone = MemberFactory(
        first_name="Wim",
        last_name="Weg",
        profile__municipality=leuven,
    )
    last = services.add_reaction(published, gone, "Laatste reactie")
    gone.delete()
    url = published.get_absolute_url()

    client.force_login(colleague)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    (sql,) = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "network_reaction"')
    ]
    assert '"first_name"' in sql
    assert '"email"' not in sql and '"password"' not in sql
    assert "Verborgen reactie" not in page
    assert page.index("Eerste reactie") < page.index("Laatste reactie")
    assert "Cas Collega</strong>, Leuven" in page
    assert "een voormalig lid van Leuven</strong>, Leuven" in page
    # The colleague's own reaction, another's, and someone else's experience.
    for href in (
        f"/ervaringen/reacties/{first.pk}/bewerken/",
        f"/ervaringen/reacties/{first.pk}/verwijderen/",
        f"/ervaringen/reacties/{last.pk}/melden/",
        f"/ervaringen/{published.pk}/melden/",
        f"/ervaringen/{published.pk}/reageren/",
    ):
        assert f'"{href}"' in page
    assert f"/ervaringen/reacties/{last.pk}/bewerken/" not in page
    assert f"/ervaringen/{published.pk}/bewerken/" not in page

    # The author's page; the question's answer comes first.
    published.kind = "vraag"
    published.answer = last
    published.save()
    client.force_login(member)
    page = client.get(url).content.decode()
    assert page.index("Laatste reactie") < page.index("Eerste reactie")
    for href in (
        f"/ervaringen/{published.pk}/bewerken/",
        f"/ervaringen/{published.pk}/intrekken/",
        f"/ervaringen/{published.pk}/verwijderen/",
        f"/ervaringen/reacties/{first.pk}/melden/",
        f"/ervaringen/reacties/{first.pk}/antwoord/",
        f"/ervaringen/reacties/{last.pk}/antwoord/",
    ):
        assert f'"{href}"' in page
    assert "(reactie van Cas Collega)" in page
    assert f"/ervaringen/{published.pk}/melden/" not in page
