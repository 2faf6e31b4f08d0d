"""The editors' figures with private detail, on screen and as XLSX."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.trajectories.conftest import SECRET_LOG
from trajectories.factories import MentorContactFactory
from trajectories.services import trajectory_for

URL = "/admin/trajecten/overzicht/"
XLSX_URL = "/admin/trajecten/overzicht.xlsx"


@pytest.fixture
def overdue(leuven, kortrijk, steps):
    trajectory_for(leuven)
    return MentorContactFactory(
        municipality=leuven,
        agreements='=HYPERLINK("http://voorbeeld.be";"klik")',
        next_step=SECRET_LOG,
        due_date=timezone.localdate() - datetime.timedelta(days=2),
    )


def test_editors_see_status_overdue_agreements_and_inactive_members(
    client, editor, overdue, member
):
    member.last_login = timezone.now()
    member.save()
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stand per gemeente" in html
    assert "Leuven" in html and "Kortrijk" in html
    inactive = html.split("Leden zonder activiteit")[1]
    # Kortrijk never logged in and changed nothing; Leuven's member logged in.
    assert "Kortrijk" in inactive and "Leuven" not in inactive


def test_the_xlsx_export_has_three_sheets_and_no_live_formulas(client, editor, overdue):
    client.force_login(editor)
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Trajecten",
        "Verlopen afspraken",
        "Zonder activiteit",
    ]
    rows = list(workbook["Verlopen afspraken"].values)
    assert rows[1][0] == "Leuven"
    assert rows[1][3].startswith("'=HYPERLINK")
    assert all(
        cell.data_type != "f"
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
    )
    names = [row[0] for row in workbook["Trajecten"].values][1:]
    assert names == ["Kortrijk", "Leuven"]


def test_members_and_visitors_get_no_overview(client, member, overdue):
    assert client.get(URL).status_code == 302
    client.force_login(member)
    for path in (URL, XLSX_URL):
        response = client.get(path)
        assert response.status_code in (302, 403)
        assert SECRET_LOG not in response.content.decode(errors="ignore")
