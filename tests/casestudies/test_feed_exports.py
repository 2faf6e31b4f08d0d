import csv
import io
import json
from xml.etree import ElementTree

import pytest

from casestudies.columns import EXPORT_COLUMNS
from casestudies.exports import escape_formula
from tests.casestudies.conftest import get_content

URL = "/praktijkvoorbeelden/"


def parse_feed(response):
    return ElementTree.fromstring(get_content(response))  # noqa: S314 - our own feed


def feed_titles(response):
    root = parse_feed(response)
    return [item.findtext("title") for item in root.iter("item")]


def csv_rows(response):
    text = get_content(response).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_feed_parses_and_lists_exactly_the_filtered_practices(client, catalogue):
    response = client.get(f"{URL}feed/?thema=jongeren&label=gevalideerd")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed_titles(response) == ["Stadspark (Turnhout)", "Burendagen (Kortrijk)"]
    item = parse_feed(response).find("channel/item")
    assert item.findtext("link") == "http://localhost/praktijkvoorbeelden/stadspark/"
    assert [c.text for c in item.findall("category")] == ["groen", "jongeren"]


def test_feed_without_filters_lists_everything(client, catalogue):
    assert len(feed_titles(client.get(f"{URL}feed/"))) == 6


def test_csv_lists_exactly_the_filtered_practices(client, catalogue):
    response = client.get(f"{URL}export.csv?provincie=limburg")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert {row["titel"] for row in rows} == {"Buurtkamers", "Zilveren buren"}
    genk = next(row for row in rows if row["gemeente"] == "Genk")
    assert genk["nis_code"] == "71016"
    assert genk["provincie"] == "Limburg"
    assert genk["breedtegraad"] == "50.9672"
    assert genk["lengtegraad"] == "5.4949"
    assert genk["themas"] == "diversiteit; jongeren"
    assert genk["url"] == "http://localhost/praktijkvoorbeelden/buurtkamers/"
    assert genk["eerst_gepubliceerd"]
    assert genk["laatst_gepubliceerd"]


def test_json_lists_exactly_the_filtered_practices(client, catalogue):
    response = client.get(f"{URL}export.json?thema=groen")
    assert response.status_code == 200
    assert response.streaming
    data = json.loads(get_content(response))
    assert {row["titel"] for row in data} == {"Dorpsplein", "Stadspark"}
    stadspark = next(row for row in data if row["titel"] == "Stadspark")
    assert stadspark["themas"] == ["groen", "jongeren"]
    assert stadspark["inwoners"] == 45280
    assert stadspark["breedtegraad"] == pytest.approx(51.329)
    assert stadspark["status"] == "Gestopt"
    assert stadspark["label"] == "Gevalideerd door Mechelen"


def test_an_empty_selection_is_a_valid_empty_export(client, catalogue):
    assert (
        json.loads(
            get_content(
                client.get(f"{URL}export.json?thema=x&status=gestopt&thema=diversiteit")
            )
        )
        == []
    )
    assert (
        csv_rows(client.get(f"{URL}export.csv?thema=diversiteit&status=gestopt")) == []
    )


def test_exports_have_every_column_in_order(client, catalogue):
    names = [column.name for column in EXPORT_COLUMNS]
    text = get_content(client.get(f"{URL}export.csv")).lstrip("\ufeff")
    assert text.splitlines()[0].split(",") == names
    data = json.loads(get_content(client.get(f"{URL}export.json")))
    assert list(data[0]) == names


@pytest.mark.parametrize("path", ["export.csv", "export.json", "feed/"])
def test_no_personal_data_leaves_the_portal(client, catalogue, path):
    page = catalogue["Stadspark"]
    page.contact_name = "Ann Peeters"
    page.contact_email = "ann.peeters@turnhout.example"
    page.save_revision().publish()
    content = get_content(client.get(URL + path))
    assert "Stadspark" in content
    assert "ann.peeters@turnhout.example" not in content
    assert "Ann Peeters" not in content
    assert "@" not in content.replace("xmlns:atom", "")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+32 15 00 00 00", "'+32 15 00 00 00"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("Gewoon", "Gewoon"),
        (12, 12),
    ],
)
def test_formula_escaping(raw, escaped):
    assert escape_formula(raw) == escaped


def test_csv_escapes_formulas_in_cells(client, practice):
    practice(
        title='=HYPERLINK("http://kwaad.example")',
        slug="formule",
        summary="+ een samenvatting die met een plus begint",
        neighbourhoods="@wijk",
        housing_partner="-partner",
    )
    row = csv_rows(client.get(f"{URL}export.csv"))[0]
    assert row["titel"] == '\'=HYPERLINK("http://kwaad.example")'
    assert row["samenvatting"].startswith("'+")
    assert row["wijken"] == "'@wijk"
    assert row["huisvestingspartner"] == "'-partner"


def test_exports_without_a_dot_route_are_404(client, catalogue):
    assert client.get(f"{URL}export.xml").status_code == 404


def test_a_csv_for_excel_in_belgium_next_to_the_standard_csv(client, practice):
    from decimal import Decimal

    practice(
        title="=SOM(A1)",
        slug="excel",
        coordinator_fte=Decimal("0.5"),
        neighbourhoods="Vrijbroek; Arsenaal",
    )
    html = client.get(URL).content.decode()
    assert 'href="/praktijkvoorbeelden/export-excel.csv"' in html
    response = client.get(f"{URL}export-excel.csv")
    assert response.status_code == 200
    raw = get_content(response)
    assert raw.startswith("\ufeff")
    (row,) = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    assert list(row) == [column.name for column in EXPORT_COLUMNS]
    assert row["titel"] == "'=SOM(A1)"
    assert row["wijken"] == "Vrijbroek; Arsenaal"
    fte_column = next(name for name in row if "coordinat" in name or "vte" in name)
    assert row[fte_column] == "0,5"
    standard = csv_rows(client.get(f"{URL}export.csv"))[0]
    assert standard[fte_column] == "0.5"
