"""Members write experiences; nothing is public before an editor approved it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casestudies.factories import CaseStudyPageFactory
from experiences import services
from experiences.factories import ExperienceFactory
from experiences.models import Experience, ModerationStatus
from network.models import Municipality
from portal.factories import EditorFactory
from portal.formtokens import new_token
from portal.models import RateLimit
from tests.helpers import dangerous_markup

NEW = "/ervaringen/nieuw/"


def form_data(**overrides):
    data = {
        "title": "Een burendag met soep",
        "kind": "verslag",
        "summary": "Veertig buren aan één lange tafel.",
        "body": "We begonnen klein.\n\n- soep\n- een lange tafel",
        "new_themes": "burendag, Soep",
        "photo_alt": "",
        "show_author_name": "on",
        "case_study_url": "",
        "submit": "1",
        "form_token": new_token(),
    }
    data.update(overrides)
    return data


def edit_url(experience, action="bewerken"):
    return f"/ervaringen/{experience.pk}/{action}/"


def public_places(client, experience):
    """Every place a published experience shows up, as (place, text)."""
    return {
        "list": client.get("/ervaringen/").content.decode(),
        "search": client.get(
            f"/zoeken/?q={experience.title.split()[-1]}"
        ).content.decode(),
        "feed": client.get("/ervaringen/feed/").content.decode(),
        "municipality": client.get(
            experience.municipality.get_absolute_url()
        ).content.decode(),
        "home": client.get("/").content.decode(),
        "sitemap": client.get("/sitemap.xml")
        .content.decode()
        .replace(experience.get_absolute_url(), experience.title),
    }


# Who may post -------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, experiences_page):
    for url in (NEW, "/ervaringen/1/bewerken/", "/ervaringen/1/reageren/"):
        response = client.post(url, form_data())
        assert response.status_code == 302
        assert response["Location"].startswith("/account/aanmelden/?next=")
    assert not Experience.objects.exists()


def test_staff_without_a_municipality_cannot_post(client, experiences_page, editor):
    client.force_login(editor)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert not Experience.objects.exists()


# Posting ------------------------------------------------------------------------------


def test_member_submits_and_the_editors_are_told(
    client, experiences_page, member, editor, mechelen
):
    client.force_login(member)
    assert "Deel een ervaring" in client.get(NEW).content.decode()

    response = client.post(NEW, form_data())

    experience = Experience.objects.get()
    assert response.status_code == 302
    assert response["Location"] == experience.get_absolute_url()
    assert experience.author == member
    assert experience.municipality == mechelen
    assert experience.status == ModerationStatus.PENDING
    assert not experience.live
    assert sorted(tag.name for tag in experience.themes.all()) == ["Soep", "burendag"]
    assert experience.body_html == (
        "<p>We begonnen klein.</p><ul><li>soep</li><li>een lange tafel</li></ul>"
    )
    assert experience.latest_revision is not None
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Te modereren" in mail.outbox[0].subject
    assert f"/admin/snippets/experiences/experience/inspect/{experience.pk}/" in (
        mail.outbox[0].body
    )
    page = client.get(experience.get_absolute_url()).content.decode()
    assert "Wacht op moderatie" in page
    assert "Alleen jij en de redactie zien deze pagina" in page


def test_a_draft_stays_with_the_author_and_alerts_nobody(
    client, experiences_page, member, editor
):
    client.force_login(member)
    data = form_data(draft="1")
    del data["submit"]
    client.post(NEW, data)
    experience = Experience.objects.get()
    assert experience.status == ModerationStatus.DRAFT
    assert mail.outbox == []
    assert "Concept" in client.get("/account/").content.decode()


def test_posted_status_author_or_municipality_are_ignored(
    client, experiences_page, member, colleague, leuven
):
    client.force_login(member)
    client.post(
        NEW,
        form_data(
            status="gepubliceerd",
            live="on",
            author=str(colleague.pk),
            author_id=str(colleague.pk),
            municipality=str(leuven.pk),
            municipality_id=str(leuven.pk),
            hidden_at="",
        ),
    )
    experience = Experience.objects.get()
    assert experience.author == member
    assert experience.municipality.nis_code == "12025"
    assert experience.status == ModerationStatus.PENDING
    assert not experience.live


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 121, "niet meer dan 120 tekens"),
        ("summary", "x" * 301, "niet meer dan 300 tekens"),
        ("body", "", "Dit is een verplicht veld"),
        ("kind", "roddel", "Selecteer een geldige keuze"),
        ("new_themes", "a, b, c, d", "hoogstens 3 nieuwe thema"),
        ("new_themes", "x" * 41, "hoogstens 40 tekens"),
        ("case_study_url", "https://elders.example/niets/", "hoort niet bij een"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    client, experiences_page, member, field, value, message
):
    client.force_login(member)
    response = client.post(NEW, form_data(**{field: value}))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Controleer wat je invulde" in page
    assert "Veertig buren aan één lange tafel." in page or field == "summary"
    assert not Experience.objects.exists()
    assert mail.outbox == []


def test_a_practice_on_this_site_can_be_linked(client, experiences_page, member):
    from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    index = CaseStudyIndexPageFactory(parent=experiences_page.get_parent())
    practice = CaseStudyPageFactory(parent=index, title="Burendag Kortrijk")
    share_url = f"{NEW}?praktijk={practice.slug}"
    assert share_url in client.get(practice.url).content.decode()
    client.force_login(member)
    form = client.get(share_url).content.decode()
    assert f'value="{practice.full_url}"' in form

    client.post(NEW, form_data(case_study_url=practice.full_url))

    experience = Experience.objects.get()
    assert experience.case_study.specific == practice
    services.decide(experience, EditorFactory(), services.Decision.APPROVE)
    detail = client.get(experience.get_absolute_url()).content.decode()
    assert f'href="{practice.url}">Burendag Kortrijk' in detail


@pytest.fixture
def practices(experiences_page):
    from casestudies.factories import CaseStudyIndexPageFactory

    index = CaseStudyIndexPageFactory(parent=experiences_page.get_parent())
    return {
        title: CaseStudyPageFactory(parent=index, title=title)
        for title in (
            "Burendag Kortrijk",
            "Burendag Genk",
            "Al een burendag in Hasselt",
            "Moestuin aan de toren",
        )
    }


def test_the_form_offers_no_list_of_every_practice(
    client, experiences_page, member, practices
):
    client.force_login(member)
    form = client.get(NEW).content.decode()
    assert "Moestuin aan de toren" not in form
    assert 'data-practice-lookup="/ervaringen/praktijken/"' in form
    assert "experiences/js/practice-lookup.js" in form


def test_the_lookup_suggests_a_few_practices_by_title(
    client, experiences_page, member, practices
):
    client.force_login(member)
    found = client.get("/ervaringen/praktijken/", {"q": "burendag"}).json()
    # Titles starting with what was typed come before titles that only hold it.
    assert [result["title"] for result in found["results"]] == [
        "Burendag Genk",
        "Burendag Kortrijk",
        "Al een burendag in Hasselt",
    ]
    assert found["results"][0]["url"] == practices["Burendag Genk"].full_url
    assert client.get("/ervaringen/praktijken/", {"q": "b"}).json() == {"results": []}


def test_the_lookup_is_for_members(client, experiences_page, practices):
    response = client.get("/ervaringen/praktijken/", {"q": "burendag"})
    assert response.status_code == 302
    assert "Burendag" not in response.content.decode()


def test_without_javascript_a_typed_title_links_the_practice(
    client, experiences_page, member, practices
):
    client.force_login(member)
    client.post(NEW, form_data(case_study_url="  moestuin AAN de  "))
    assert (
        Experience.objects.get().case_study.specific
        == (practices["Moestuin aan de toren"])
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Burendag", "Meer dan één praktijkvoorbeeld past bij ‘Burendag’, zoals"),
        ("Zwembad", "We vinden geen praktijkvoorbeeld met ‘Zwembad’ in de titel"),
    ],
)
def test_an_ambiguous_or_unknown_title_asks_again_and_keeps_the_text(
    client, experiences_page, member, practices, typed, message
):
    client.force_login(member)
    response = client.post(NEW, form_data(case_study_url=typed))
    page = response.content.decode()
    assert message in page
    assert f'value="{typed}"' in page
    assert "Veertig buren aan één lange tafel." in page
    assert not Experience.objects.exists()


# Editing, withdrawing, deleting -------------------------------------------------------


def test_editing_a_published_experience_waits_for_approval(
    client, published, member, editor
):
    client.force_login(member)
    form = client.get(edit_url(published)).content.decode()
    assert "Soep op het plein" in form

    client.post(edit_url(published), form_data(title="Soep en brood op het plein"))

    published.refresh_from_db()
    assert published.title == "Soep op het plein"
    assert published.live
    assert published.status == ModerationStatus.PENDING
    assert "Wijziging wacht op goedkeuring" in client.get("/account/").content.decode()
    client.logout()
    detail = client.get(published.get_absolute_url()).content.decode()
    assert "Soep op het plein" in detail
    assert "Soep en brood" not in detail
    assert "Soep en brood" not in client.get("/ervaringen/").content.decode()

    services.decide(published, editor, services.Decision.APPROVE)
    published.refresh_from_db()
    assert published.title == "Soep en brood op het plein"
    assert published.status == ModerationStatus.PUBLISHED
    assert "Soep en brood op het plein" in client.get("/ervaringen/").content.decode()


def test_a_rejected_change_keeps_the_published_version_online(
    client, published, member, editor
):
    client.force_login(member)
    client.post(edit_url(published), form_data(title="Reclame voor mijn zaak"))
    services.decide(published, editor, services.Decision.REJECT, "Geen reclame.")
    client.logout()
    detail = client.get(published.get_absolute_url()).content.decode()
    assert "Soep op het plein" in detail
    assert "Reclame" not in detail


def test_another_member_cannot_see_edit_or_delete_a_draft(
    client, experiences_page, member, colleague
):
    draft = ExperienceFactory(author=member, title="Mijn concept")
    client.force_login(colleague)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(edit_url(draft)).status_code == 404
    assert client.post(edit_url(draft), form_data(title="Gekaapt")).status_code == 404
    assert client.post(edit_url(draft, "verwijderen")).status_code == 404
    assert client.post(edit_url(draft, "intrekken")).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Mijn concept"
    assert draft.get_latest_revision_as_object().title == "Mijn concept"


def test_authors_withdraw_and_delete_their_own(client, published, member):
    client.force_login(member)
    assert client.get(edit_url(published, "intrekken")).status_code == 405
    client.post(edit_url(published, "intrekken"))
    published.refresh_from_db()
    assert not published.live
    assert published.status == ModerationStatus.WITHDRAWN
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 404

    client.force_login(member)
    assert (
        "echt verwijderen"
        in client.get(edit_url(published, "verwijderen")).content.decode()
    )
    client.post(edit_url(published, "verwijderen"))
    assert not Experience.objects.exists()


def test_at_most_ten_experiences_an_hour(client, experiences_page, member):
    client.force_login(member)
    for number in range(10):
        assert (
            client.post(NEW, form_data(title=f"Bijdrage {number}")).status_code == 302
        )
    response = client.post(NEW, form_data(title="Nummer elf"))
    assert response.status_code == 429
    assert "tien bijdragen" in response.content.decode()
    assert Experience.objects.count() == 10
    # Retry-After counts down to the end of the window, it is no constant.
    assert 3500 < int(response["Retry-After"]) <= 3600
    RateLimit.objects.update(expires_at=timezone.now() + timedelta(seconds=90))
    response = client.post(NEW, form_data(title="Nummer elf"))
    assert 80 < int(response["Retry-After"]) <= 90
    RateLimit.objects.all().delete()  # the hour has passed
    assert client.post(NEW, form_data(title="Een uur later")).status_code == 302


# What never shows ---------------------------------------------------------------------


def test_published_experiences_show_everywhere(client, network_page, published):
    for place, text in public_places(client, published).items():
        assert "Soep op het plein" in text, place


@pytest.mark.parametrize(
    "state", ["draft", "pending", "rejected", "changes", "hidden", "withdrawn"]
)
def test_unpublished_content_is_nowhere(
    client, network_page, experiences_page, member, colleague, editor, state
):
    experience = ExperienceFactory(
        author=member, title="Geheime soepavond", themes=["Geheim thema"]
    )
    if state != "draft":
        services.save_experience(experience, member, submit=True)
    if state in ("rejected", "changes"):
        decision = {"rejected": "reject", "changes": "changes"}[state]
        services.decide(experience, editor, decision, "Nog niet.")
    if state in ("hidden", "withdrawn"):
        services.decide(experience, editor, services.Decision.APPROVE)
        if state == "hidden":
            services.hide(experience, editor)
        else:
            services.withdraw(experience, member)
    assert client.get(experience.get_absolute_url()).status_code == 404
    for place, text in public_places(client, experience).items():
        assert "Geheime soepavond" not in text, place
        assert "Geheim thema" not in text, place
    # Wagtail's API is not mounted: nothing to reach there either.
    assert client.get("/api/v2/pages/").status_code == 404
    # Its theme is unmoderated text too: not in another member's form either.
    client.force_login(colleague)
    assert "Geheim thema" not in client.get(NEW).content.decode()


def test_a_theme_shows_only_once_its_experience_is_published(
    client, experiences_page, member, colleague, editor
):
    client.force_login(member)
    client.post(NEW, form_data(new_themes="Buurtsoep"))
    experience = Experience.objects.get()
    # The author keeps the theme they typed, checked, when editing.
    own_form = client.get(edit_url(experience)).content.decode()
    assert "Buurtsoep" in own_form
    client.force_login(colleague)
    assert "Buurtsoep" not in client.get(NEW).content.decode()
    assert "Buurtsoep" not in client.get("/ervaringen/").content.decode()

    services.decide(experience, editor, services.Decision.APPROVE)

    assert "Buurtsoep" in client.get(NEW).content.decode()
    assert "Buurtsoep" in client.get("/ervaringen/").content.decode()


def test_a_draft_practice_lends_no_theme(client, experiences_page, colleague):
    draft = CaseStudyPageFactory(
        parent=experiences_page.get_parent(), themes=["Conceptthema"]
    )
    draft.unpublish()
    client.force_login(colleague)
    assert "Conceptthema" not in client.get(NEW).content.decode()
    assert "Conceptthema" not in client.get("/ervaringen/").content.decode()


def test_a_practice_in_a_private_section_lends_no_theme(
    client, experiences_page, colleague
):
    private = CaseStudyPageFactory(
        parent=experiences_page.get_parent(), themes=["Besloten thema"]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(colleague)
    assert "Besloten thema" not in client.get(NEW).content.decode()

    PageViewRestriction.objects.all().delete()

    assert "Besloten thema" in client.get(NEW).content.decode()


def test_the_detail_url_corrects_its_slug(client, published):
    response = client.get(f"/ervaringen/{published.pk}-oude-titel/")
    assert response.status_code == 301
    assert response["Location"] == published.get_absolute_url()


def test_script_never_runs_from_any_text_field(client, experiences_page, member):
    payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "[klik](javascript:alert(1))",
    ]
    joined = " ".join(payloads)
    experience = ExperienceFactory(
        author=member,
        title=f"Soepavond {payloads[0]}"[:120],
        summary=joined[:300],
        body=joined,
        publish=True,
    )
    services.add_reaction(experience, member, joined)
    urls = (experience.get_absolute_url(), "/ervaringen/", "/", "/zoeken/?q=Soepavond")
    for url in urls:
        text = client.get(url).content.decode()
        assert "Soepavond" in text, url
        assert dangerous_markup(text) == [], url
    feed = client.get("/ervaringen/feed/").content.decode()
    assert "<script>" not in feed


def test_the_author_may_stay_anonymous(client, experiences_page, member):
    experience = ExperienceFactory(author=member, show_author_name=False, publish=True)
    page = client.get(experience.get_absolute_url()).content.decode()
    assert "een medewerker van Mechelen" in page
    assert member.last_name not in page


# The list -----------------------------------------------------------------------------


def test_list_filters_search_and_feed_agree(
    client, experiences_page, member, colleague
):
    ExperienceFactory(
        author=member,
        title="Soep in Mechelen",
        kind="tip",
        themes=["soep"],
        publish=True,
    )
    ExperienceFactory(
        author=colleague,
        title="Wijkkeuze in Leuven",
        kind="vraag",
        themes=["wijkkeuze"],
        publish=True,
    )
    cases = {
        "?thema=soep": "Soep in Mechelen",
        "?soort=vraag": "Wijkkeuze in Leuven",
        "?provincie=vlaams-brabant": "Wijkkeuze in Leuven",
        "?gemeente=mechelen": "Soep in Mechelen",
        "?q=wijkkeuze": "Wijkkeuze in Leuven",
        # A search narrows by place through subqueries, the plain list through
        # the join: both find the same.
        "?q=buren&provincie=vlaams-brabant": "Wijkkeuze in Leuven",
        "?q=buren&gemeente=mechelen": "Soep in Mechelen",
        "?soort=tip&provincie=antwerpen": "Soep in Mechelen",
    }
    for query, expected in cases.items():
        for url in (f"/ervaringen/{query}", f"/ervaringen/feed/{query}"):
            text = client.get(url).content.decode()
            other = ({"Soep in Mechelen", "Wijkkeuze in Leuven"} - {expected}).pop()
            assert expected in text, url
            assert other not in text, url
    page = client.get("/ervaringen/?soort=roddel&page=99").content.decode()
    assert "‘roddel’ is geen geldige keuze voor soort; we negeerden het." in page
    assert "2 ervaringen" in page


def test_filtered_lists_are_not_indexed(client, published):
    assert 'content="noindex"' not in client.get("/ervaringen/").content.decode()
    assert 'content="noindex"' in client.get("/ervaringen/?soort=tip").content.decode()


# Dashboard, export, deletion ----------------------------------------------------------


def test_dashboard_lists_every_state_with_the_reason(
    client, experiences_page, member, editor
):
    ExperienceFactory(author=member, title="Een concept")
    rejected = ExperienceFactory(author=member, title="Afgewezen stuk")
    services.save_experience(rejected, member, submit=True)
    services.decide(
        rejected, editor, services.Decision.REJECT, "Te weinig over de wijk."
    )
    waiting = ExperienceFactory(author=member, title="Wachtend stuk")
    services.save_experience(waiting, member, submit=True)
    ExperienceFactory(author=member, title="Gepubliceerd stuk", publish=True)
    client.force_login(member)
    page = client.get("/account/").content.decode()
    for text in (
        "Een concept",
        "Concept",
        "Wacht op moderatie",
        "Gepubliceerd",
        "Afgewezen",
        "Te weinig over de wijk.",
    ):
        assert text in page


def test_my_data_includes_my_experiences_and_reactions(client, published, member):
    services.add_reaction(published, member, "Ook nog dit.")
    client.force_login(member)
    data = client.get("/account/mijn-gegevens.json").json()
    assert data["experiences"][0]["title"] == "Soep op het plein"
    assert data["reactions"][0]["body"] == "Ook nog dit."


def test_a_deleted_account_leaves_its_experiences_to_its_municipality(
    client, published, member
):
    client.force_login(member)
    client.post(
        "/account/verwijderen/",
        {"password": "een-lang-testwachtwoord", "experiences": "anonymise"},
    )
    published.refresh_from_db()
    assert published.author is None
    assert (
        "een voormalig lid van Mechelen"
        in client.get(published.get_absolute_url()).content.decode()
    )
    assert Municipality.objects.filter(pk=published.municipality_id).exists()


def test_a_double_submit_creates_one_experience(client, experiences_page, member):
    """The same form posted twice (a double click) saves one experience; the
    second post lands on the first one's page."""
    client.force_login(member)
    data = form_data()
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    experience = Experience.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == experience.get_absolute_url()
    assert experience.revisions.count() == 1
    assert RateLimit.objects.get().count == 1  # counted once too


def test_an_experience_without_its_form_token_is_not_saved(
    client, experiences_page, member
):
    client.force_login(member)
    data = form_data()
    del data["form_token"]
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert "verstuur het opnieuw" in response.content.decode()
    assert not Experience.objects.exists()


def test_the_dashboard_shows_own_experiences_a_page_at_a_time(
    client, experiences_page, member
):
    for number in range(12):
        ExperienceFactory(author=member, title=f"Mijn ervaring nummer {number:02d}")
    client.force_login(member)
    first = client.get("/account/").content.decode()
    second = client.get("/account/?page=2").content.decode()
    # Newest first: the ten latest, then the two oldest on the next page.
    assert "Mijn ervaring nummer 11" in first
    assert "Mijn ervaring nummer 02" in first
    assert "Mijn ervaring nummer 01" not in first
    assert 'href="?page=2"' in first
    assert "Mijn ervaring nummer 01" in second
    assert "Mijn ervaring nummer 00" in second
    assert "Mijn ervaring nummer 11" not in second
