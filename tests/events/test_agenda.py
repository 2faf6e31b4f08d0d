"""The agenda, an event's page, and where else events appear."""

from datetime import datetime, time, timedelta

import pytest
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFactory,
)
from events.forms import AgendaFilterForm
from events.models import BRUSSELS, DocumentRole, EventDocument, EventPage
from network.factories import NetworkIndexPageFactory
from portal.factories import ToolkitDocumentFactory
from tests.events.helpers import publish

pytestmark = pytest.mark.django_db


def at(days, hour=14):
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=BRUSSELS)


def titles(html, marker="event-card__title"):
    parts = html.split(f'class="{marker}"')[1:]
    return [part.split("</a>")[0].rsplit(">", 1)[-1] for part in parts]


@pytest.fixture
def calendar(make_event):
    """Two coming events and past ones in two years."""
    this_year = timezone.localdate().year
    return {
        "later": make_event(title="Later", slug="later", start=at(20), end=at(20, 16)),
        "soon": make_event(
            title="Binnenkort",
            slug="binnenkort",
            start=at(3),
            end=at(3, 16),
            kind="webinar",
            audience="leden",
        ),
        "recent": make_event(
            title="Onlangs",
            slug="onlangs",
            start=datetime(this_year - 1, 12, 1, 14, tzinfo=BRUSSELS),
            end=datetime(this_year - 1, 12, 1, 16, tzinfo=BRUSSELS),
        ),
        "old": make_event(
            title="Lang geleden",
            slug="lang-geleden",
            start=datetime(this_year - 2, 5, 1, 14, tzinfo=BRUSSELS),
            end=datetime(this_year - 2, 5, 1, 16, tzinfo=BRUSSELS),
        ),
    }


def test_coming_events_first_soonest_first_then_past_by_year(client, calendar):
    html = client.get("/agenda/").content.decode()
    assert titles(html) == ["Binnenkort", "Later", "Onlangs", "Lang geleden"]
    this_year = timezone.localdate().year
    assert html.index("Komende bijeenkomsten") < html.index("Voorbije bijeenkomsten")
    assert f'<h3 class="agenda-year">{this_year - 1}</h3>' in html
    assert f'<h3 class="agenda-year">{this_year - 2}</h3>' in html
    assert "4 bijeenkomsten" in html


def test_past_events_show_their_report_and_slides(client, calendar):
    past = calendar["recent"]
    for role, title in (
        (DocumentRole.REPORT, "Verslag"),
        (DocumentRole.SLIDES, "Dia's"),
    ):
        EventDocument.objects.create(
            page=past, document=ToolkitDocumentFactory(title=title), role=role
        )
    html = client.get("/agenda/").content.decode()
    card = html.split(">Onlangs<")[1].split(">Lang geleden<")[0]
    assert ">Verslag<" in card and ">Presentatie<" in card
    page = client.get(past.url).content.decode()
    assert "Dia&#x27;s" in page or "Dia's" in page


def test_drafts_and_other_pages_stay_off_the_agenda(client, calendar):
    calendar["later"].unpublish()
    assert titles(client.get("/agenda/").content.decode()) == [
        "Binnenkort",
        "Onlangs",
        "Lang geleden",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?soort=webinar", ["Binnenkort"]),
        (
            "?soort=webinar&soort=intervisie",
            ["Binnenkort", "Later", "Onlangs", "Lang geleden"],
        ),
        ("?publiek=leden", ["Binnenkort"]),
        ("?publiek=open", ["Later", "Onlangs", "Lang geleden"]),
        ("?periode=komend", ["Binnenkort", "Later"]),
        ("?periode=voorbij", ["Onlangs", "Lang geleden"]),
        ("?periode=voorbij&publiek=open&soort=intervisie", ["Onlangs", "Lang geleden"]),
    ],
)
def test_filters(client, calendar, query, expected):
    assert titles(client.get("/agenda/" + query).content.decode()) == expected


def test_a_year_filter(client, calendar):
    year = timezone.localdate().year - 1
    html = client.get(f"/agenda/?periode={year}").content.decode()
    assert titles(html) == ["Onlangs"]
    assert f'<option value="{year}" selected>' in html


def test_unknown_filter_values_are_ignored_with_a_note(client, calendar):
    response = client.get("/agenda/?soort=dansles&publiek=iedereen&periode=1850")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(titles(html)) == 4
    assert "‘dansles’ is geen geldige keuze voor soort bijeenkomst" in html
    assert "‘1850’ is geen geldige keuze voor wanneer" in html


def test_the_filter_form_keeps_what_it_knows():
    form = AgendaFilterForm(QueryDict("soort=webinar&soort=x&periode=komend"))
    assert form.values["soort"] == ["webinar"]
    assert len(form.notes) == 1
    assert form.querystring() == "soort=webinar&periode=komend"
    assert (
        set(form.filter(EventPage.objects.all()).values_list("pk", flat=True)) == set()
    )


def test_the_agenda_pages_long_lists(client, agenda):
    for number in range(15):
        page = EventPageFactory.build(
            slug=f"e{number}", start=at(number + 1), end=at(number + 1, 16)
        )
        agenda.add_child(instance=page)
    first = client.get("/agenda/").content.decode()
    second = client.get("/agenda/?page=2").content.decode()
    assert len(titles(first)) == 12
    assert len(titles(second)) == 3
    assert 'rel="next"' in first


def test_an_event_page(client, make_event, mechelen):
    event = make_event(
        title="Werkbezoek Mechelen",
        slug="werkbezoek",
        kind="werkbezoek",
        venue="Stadhuis",
        address="Grote Markt, Mechelen",
        directions="Tien minuten wandelen van het station.",
        host=mechelen,
        capacity=20,
        contact_name="Team sociale cohesie",
        contact_email="socialecohesie@mechelen.be",
    )
    RegistrationFactory(event=event)
    html = client.get(event.url).content.decode()
    assert "<h1>Werkbezoek Mechelen</h1>" in html
    assert "Werkbezoek · open voor iedereen" in html
    assert event.when in html
    assert "Stadhuis, Grote Markt, Mechelen" in html
    assert "Tien minuten wandelen van het station." in html
    assert 'href="/netwerk/mechelen/">Mechelen</a>' in html
    assert "nog 19 van 20" in html
    assert "socialecohesie@mechelen.be" in html
    assert 'href="/agenda/werkbezoek/kalender.ics"' in html
    assert "Inschrijven" in html


def test_a_full_event_says_so(client, make_event):
    event = make_event(slug="vol", capacity=1)
    RegistrationFactory(event=event)
    html = client.get(event.url).content.decode()
    assert "volzet: je komt op de wachtlijst" in html
    assert "Inschrijven op de wachtlijst" in html
    listing = client.get("/agenda/").content.decode()
    assert "Volzet, inschrijven op de wachtlijst" in listing


def test_a_cancelled_event_says_so_everywhere(client, make_event):
    event = make_event(slug="afgelast", title="Afgelast")
    event.is_cancelled = True
    event.cancellation_note = "De zaal is niet beschikbaar."
    publish(event)
    html = client.get(event.url).content.decode()
    assert "Deze bijeenkomst is geannuleerd." in html
    assert "De zaal is niet beschikbaar." in html
    assert "Geannuleerd" in client.get("/agenda/").content.decode()


def test_the_report_shows_after_the_event(client, make_event):
    past = at(-10)
    event = make_event(
        slug="verslag",
        start=past,
        end=past + timedelta(hours=2),
        report=[("paragraph", "<p>Wat we leerden.</p>")],
    )
    html = client.get(event.url).content.decode()
    assert "Wat we leerden." in html
    assert "Deze bijeenkomst is voorbij." in html
    coming = make_event(slug="nog-niet", report=[("paragraph", "<p>Te vroeg.</p>")])
    assert "Te vroeg." not in client.get(coming.url).content.decode()


def test_validation_in_dutch(agenda):
    event = EventPageFactory.build(
        slug="fout",
        start=at(5, 16),
        end=at(5, 14),
        registration_deadline=at(6),
        venue="",
        address="",
        online_link="",
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    messages = error.value.message_dict
    assert messages["end"] == ["Het einde moet na het begin liggen."]
    assert messages["registration_deadline"] == [
        "Laat het inschrijven sluiten voor de bijeenkomst begint."
    ]
    assert "link om online deel te nemen" in messages["address"][0]


def test_only_one_agenda_below_the_home_page(home_page, agenda):
    assert not EventIndexPageFactory._meta.model.can_create_at(home_page)
    assert EventPage.can_create_at(agenda)
    assert not EventPage.can_create_at(home_page)


# Elsewhere on the site ---------------------------------------------------------------


def test_the_home_page_shows_the_next_two(client, calendar, make_event):
    cancelled = make_event(
        slug="geschrapt", title="Geschrapt", start=at(1), end=at(1, 16)
    )
    cancelled.is_cancelled = True
    publish(cancelled)
    html = client.get("/").content.decode()
    assert titles(html) == ["Binnenkort", "Later"]
    assert 'href="/agenda/"' in html


def test_the_hosts_page_shows_its_coming_events(
    client, make_event, mechelen, home_page
):
    network = NetworkIndexPageFactory.build(slug="netwerk")
    home_page.add_child(instance=network)
    network.save_revision().publish()
    make_event(title="In Mechelen", slug="in-mechelen", host=mechelen)
    make_event(title="Elders", slug="elders")
    html = client.get("/netwerk/mechelen/").content.decode()
    assert "Bijeenkomsten in Mechelen" in html
    assert titles(html) == ["In Mechelen"]
    assert "Bijeenkomsten in" not in client.get("/netwerk/leuven/").content.decode()


def test_the_hosts_page_shows_an_event_until_it_ends(
    client, make_event, mechelen, home_page, monkeypatch
):
    """The page's queries are compiled once: the time is a value in them, not
    part of the kept SQL."""
    from types import SimpleNamespace

    from events import views

    network = NetworkIndexPageFactory.build(slug="netwerk")
    home_page.add_child(instance=network)
    network.save_revision().publish()
    make_event(
        title="Voorbij", slug="voorbij", host=mechelen, start=at(-2), end=at(-2, 16)
    )
    make_event(title="Morgen", slug="morgen", host=mechelen, start=at(1), end=at(1, 16))
    make_event(title="Later", slug="later", host=mechelen, start=at(3), end=at(3, 16))
    assert titles(client.get("/netwerk/mechelen/").content.decode()) == [
        "Morgen",
        "Later",
    ]
    # The day after tomorrow, the first is over; a week on, both are.
    for days, shown in ((2, ["Later"]), (7, [])):
        moment = at(days)
        monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda m=moment: m))
        html = client.get("/netwerk/mechelen/").content.decode()
        assert titles(html) == shown
        assert ("Bijeenkomsten in Mechelen" in html) is bool(shown)


def test_the_rss_feed(client, calendar):
    response = client.get("/agenda/feed/?soort=intervisie")
    assert response.status_code == 200
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.find("link").text.split("/", 3)[-1] for item in items] == [
        "agenda/later/"
    ]
    assert items[0].find("guid").text == f"urn:uuid:{calendar['later'].calendar_uid}"


def test_site_search_finds_open_events(client, calendar):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/?q=Later").content.decode()
    assert 'href="/agenda/later/"' in html


def test_view_restrictions_hold_on_the_municipality_page(
    client, make_event, mechelen, home_page
):
    from wagtail.models import PageViewRestriction

    network = NetworkIndexPageFactory.build(slug="netwerk")
    home_page.add_child(instance=network)
    network.save_revision().publish()
    open_event = make_event(title="Voor iedereen", slug="open", host=mechelen)
    hidden = make_event(title="Afgeschermd", slug="afgeschermd", host=mechelen)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    shown = set(EventPage.objects.live().public_in_one_query())
    assert shown == set(EventPage.objects.live().public()) == {open_event}
    assert titles(client.get("/netwerk/mechelen/").content.decode()) == [
        "Voor iedereen"
    ]
