"""The editors' screens: participants, exports, attendance, messages."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from events import services
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationStatus
from tests.events.helpers import registrations_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded(event):
    """Three with a place (one a formula), two waiting."""
    RegistrationFactory(event=event, name="Anna Eerst", email="anna@voorbeeld.be")
    RegistrationFactory(
        event=event,
        name='=HYPERLINK("https://kwaad.example")',
        email="formule@voorbeeld.be",
        organisation="+32 15 00 00 00",
    )
    RegistrationFactory(event=event, name="Carl Derde", organisation="@gemeente")
    RegistrationFactory(
        event=event,
        name="Dirk Wacht",
        email="dirk@voorbeeld.be",
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory(
        event=event,
        name="Els Wacht",
        email="els@voorbeeld.be",
        status=RegistrationStatus.WAITLISTED,
    )
    return event


def url(event, part=""):
    return f"/admin/inschrijvingen/{event.pk}/{part}"


def test_editors_see_the_participants_and_the_waiting_list(client, editor, crowded):
    client.force_login(editor)
    html = client.get(url(crowded, "deelnemers/")).content.decode()
    assert "3 ingeschreven" in html
    assert "Wachtlijst: 2 personen" in html
    assert html.index("Dirk Wacht") < html.index("Els Wacht")
    assert "anna@voorbeeld.be" in html
    overview = client.get("/admin/inschrijvingen/").content.decode()
    assert "Intervisie in Mechelen" in overview


def test_the_edit_screen_links_to_the_participants(client, editor, crowded):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{crowded.pk}/edit/").content.decode()
    assert "3 ingeschreven, 2 op de wachtlijst." in html
    assert url(crowded, "deelnemers/") in html


@pytest.mark.parametrize(
    "path", ["", "deelnemers/", "deelnemers.csv", "deelnemers.xlsx", "bericht/"]
)
def test_members_and_visitors_never_see_participants(client, crowded, member, path):
    target = "/admin/inschrijvingen/" if path == "" else url(crowded, path)
    assert client.get(target).status_code == 302  # to the admin login
    client.force_login(member)
    response = client.get(target)
    assert response.status_code in (302, 403)
    assert "anna@voorbeeld.be" not in response.content.decode()


def test_the_csv_export_is_safe_in_a_spreadsheet(client, editor, crowded):
    client.force_login(editor)
    response = client.get(url(crowded, "deelnemers.csv"))
    assert response["Content-Disposition"] == (
        'attachment; filename="deelnemers-intervisie.csv"'
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Status", "Plaats op de wachtlijst", "Naam", "E-mailadres"]
    names = [row[2] for row in rows[1:]]
    assert names == [
        "Anna Eerst",
        '\'=HYPERLINK("https://kwaad.example")',
        "Carl Derde",
        "Dirk Wacht",
        "Els Wacht",
    ]
    assert rows[2][4] == "'+32 15 00 00 00"
    assert rows[3][4] == "'@gemeente"
    assert [row[1] for row in rows[1:]] == ["", "", "", "1", "2"]


def test_the_xlsx_export_is_safe_in_a_spreadsheet(client, editor, crowded):
    client.force_login(editor)
    response = client.get(url(crowded, "deelnemers.xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Naam"
    assert rows[2][2] == '\'=HYPERLINK("https://kwaad.example")'
    formula_cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]
    assert formula_cells == []
    assert [row[2] for row in rows[1:]][-2:] == ["Dirk Wacht", "Els Wacht"]


def test_marking_attendance(client, editor, crowded):
    client.force_login(editor)
    anna, formula, carl = registrations_of(crowded)[:3]
    response = client.post(
        url(crowded, "deelnemers/"), {"present": [anna.pk, carl.pk]}, follow=True
    )
    assert "2 van 3 aanwezig" in response.content.decode()
    attended = {r.name: r.attended for r in registrations_of(crowded)}
    assert attended["Anna Eerst"] is True
    assert attended[formula.name] is False
    assert attended["Dirk Wacht"] is None  # no place, nothing to mark
    assert PageLogEntry.objects.filter(action=services.ATTENDANCE_ACTION).exists()


def test_a_message_to_all_registrants(client, editor, crowded, mailoutbox):
    client.force_login(editor)
    response = client.post(
        url(crowded, "bericht/"),
        {"subject": "Parkeren", "message": "Parkeer aan het station."},
        follow=True,
    )
    assert "Je bericht gaat naar 3 ingeschrevenen." in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox)[0] == "anna@voorbeeld.be"
    assert len(mailoutbox) == 3
    assert mailoutbox[0].subject == "Parkeren – Intervisie in Mechelen"
    assert "Parkeer aan het station." in mailoutbox[0].body

    mailoutbox.clear()
    client.post(
        url(crowded, "bericht/"),
        {
            "subject": "Wachtlijst",
            "message": "Ook jullie.",
            "include_waiting_list": "on",
        },
    )
    assert len(mailoutbox) == 5
    assert PageLogEntry.objects.filter(action=services.MESSAGE_ACTION).count() == 2


def test_a_message_needs_a_subject_and_text(client, editor, crowded, mailoutbox):
    client.force_login(editor)
    response = client.post(url(crowded, "bericht/"), {"subject": "", "message": ""})
    html = response.content.decode()
    assert "Geef je bericht een onderwerp." in html
    assert "Schrijf je bericht." in html
    assert mailoutbox == []


def test_an_editor_cancels_for_someone_and_the_list_moves_up(
    client, editor, crowded, mailoutbox
):
    client.force_login(editor)
    anna = registrations_of(crowded)[0]
    client.post(url(crowded, f"uitschrijven/{anna.pk}/"))
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(name="Dirk Wacht").is_confirmed
    assert {m.to[0] for m in mailoutbox} == {"anna@voorbeeld.be", "dirk@voorbeeld.be"}
    assert PageLogEntry.objects.filter(action=services.CANCEL_ACTION).exists()


def test_an_editor_without_change_rights_only_looks(client, crowded, mailoutbox):
    from django.contrib.auth.models import Permission

    from portal.factories import UserFactory

    viewer = UserFactory(email="kijker@mechelen.example")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    client.force_login(viewer)
    assert client.get(url(crowded, "deelnemers/")).status_code == 200
    anna = registrations_of(crowded)[0]
    # Wagtail turns a refusal into a redirect to the dashboard, with a message.
    refused = (302, 403)
    attendance = client.post(url(crowded, "deelnemers/"), {"present": [anna.pk]})
    assert attendance.status_code in refused
    cancel = client.post(url(crowded, f"uitschrijven/{anna.pk}/"))
    assert cancel.status_code in refused
    assert client.get(url(crowded, "bericht/")).status_code in refused
    anna.refresh_from_db()
    assert anna.attended is None
    assert anna.status == RegistrationStatus.CONFIRMED
    assert mailoutbox == []


def test_the_page_header_has_a_participants_button(client, editor, crowded):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{crowded.get_parent().pk}/").content.decode()
    assert url(crowded, "deelnemers/") in html


def test_an_event_people_registered_for_is_cancelled_not_deleted(
    client, editor, crowded
):
    client.force_login(editor)
    delete_url = f"/admin/pages/{crowded.pk}/delete/"
    response = client.post(delete_url, follow=True)
    assert "Annuleer ze" in response.content.decode()
    assert Registration.objects.filter(event=crowded).count() == 5
    for registration in Registration.objects.filter(event=crowded):
        services.cancel(registration)
    client.post(delete_url)
    assert not Registration.objects.filter(event_id=crowded.pk).exists()
