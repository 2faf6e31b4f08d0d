"""Open data: guides, practices and the directory as CSV and JSON, with a data
dictionary and the licence editors choose, and without any personal data."""

import csv
import io
import json

import pytest

from casestudies.models import CaseStudyPage
from experiences.factories import ExperienceFactory
from network.factories import MemberFactory
from network.models import MembershipApplication, MembershipStatus, Municipality
from portal.factories import EditorFactory
from portal.models import (
    ContactPage,
    ContactSubmission,
    GuidePage,
    SiteSettings,
    ToolkitDocument,
)
from portal.models.open_data import OpenDataLicence
from portal.opendata import datasets
from tests.helpers import response_text

DATASETS = ["gidsen", "gemeenten", "praktijkvoorbeelden"]


def files(client):
    """Every file of the open-data page, as text."""
    found = {
        "datapackage.json": response_text(client.get("/open-data/datapackage.json"))
    }
    for slug in DATASETS:
        for extension in ("csv", "json"):
            response = client.get(f"/open-data/{slug}.{extension}")
            assert response.status_code == 200
            found[f"{slug}.{extension}"] = response_text(response)
    return found


def test_the_page_offers_every_dataset_with_its_dictionary(client, demo):
    html = client.get("/open-data/").content.decode()

    for dataset in datasets():
        assert f'href="/open-data/{dataset.slug}.csv"' in html
        assert f'href="/open-data/{dataset.slug}.json"' in html
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in html
    assert [dataset.slug for dataset in datasets()] == DATASETS
    assert "koos nog geen licentie" in html
    assert 'href="/open-data/"' in client.get("/").content.decode()
    assert "/open-data/" in response_text(client.get("/sitemap.xml"))


def test_the_files_hold_every_published_item(client, demo):
    found = files(client)

    directory = list(
        csv.DictReader(io.StringIO(found["gemeenten.csv"].lstrip("\ufeff")))
    )
    assert len(directory) == 285
    mechelen = next(row for row in directory if row["nis_code"] == "12025")
    assert mechelen["lidmaatschap"] == "mentor"
    assert "Otterbeek" in mechelen["wijken_met_pleinmakers"]
    practices = json.loads(found["praktijkvoorbeelden.json"])["records"]
    assert len(practices) == CaseStudyPage.objects.live().public().count() > 0
    guides = json.loads(found["gidsen.json"])["records"]
    assert [guide["titel"] for guide in guides] == list(
        GuidePage.objects.live().order_by("path").values_list("title", flat=True)
    )
    assert all(guide["documenten"] for guide in guides)
    header = next(csv.reader(io.StringIO(found["gidsen.csv"].lstrip("\ufeff"))))
    assert header == [field.name for field in datasets()[0].fields]


def test_a_cell_that_looks_like_a_formula_is_defused(client, demo):
    guide = GuidePage.objects.live().first()
    guide.intro = '=HYPERLINK("https://example.com")'
    guide.save_revision().publish()

    csv_text = response_text(client.get("/open-data/gidsen.csv"))

    assert "'=HYPERLINK" in csv_text


def test_the_licence_editors_choose_goes_with_every_file(client, demo, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.open_data_licence = OpenDataLicence.CC_BY
    site_settings.open_data_attribution = "Stad Mechelen"
    site_settings.save()
    url = "https://creativecommons.org/licenses/by/4.0/deed.nl"

    html = client.get("/open-data/").content.decode()
    found = files(client)

    assert f'href="{url}" rel="license"' in html
    assert "Vermeld als bron: <strong>Stad Mechelen</strong>" in html
    assert json.loads(found["gidsen.json"])["licentie"]["url"] == url
    assert json.loads(found["datapackage.json"])["licenses"][0]["path"] == url
    response = client.get("/open-data/gemeenten.csv")
    assert response["Link"] == f'<{url}>; rel="license"'


def test_the_package_describes_every_column(client, demo):
    package = json.loads(response_text(client.get("/open-data/datapackage.json")))

    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == DATASETS
    for dataset in datasets():
        fields = resources[dataset.slug]["schema"]["fields"]
        assert [field["name"] for field in fields] == [f.name for f in dataset.fields]
        assert all(field["description"] for field in fields)


def test_an_unknown_dataset_is_not_found_and_files_are_read_only(client, db):
    assert client.get("/open-data/leden.csv").status_code == 404
    assert client.post("/open-data/gemeenten.csv").status_code == 405


MARKERS = {
    "first_name": "Zwxvoornaam",
    "last_name": "Zwxachternaam",
    "email": "zwx-lid@zwx.example",
    "phone": "0499 77 66 55",
    "job_title": "Zwxfunctie",
    "applicant": "Zwxaanvrager",
    "applicant_email": "zwx-aanvraag@zwx.example",
    "motivation": "Zwxmotivatie",
    "contact_message": "Zwxbericht",
    "contact_email": "zwx-contact@zwx.example",
    "practice_contact": "Zwxcontactpersoon",
    "practice_email": "zwx-praktijk@zwx.example",
    "experience": "Zwxervaring",
    "description": "Zwxbeschrijving",
    "quote": "Zwxciteerde",
    "owner": "Zwxeigenaar",
}


@pytest.fixture
def personal_data(demo, home_page):
    """A person with a unique marker in everything the portal keeps about them."""
    leuven = Municipality.objects.get(nis_code="24062")
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.description = f"Wij werken met pleinmakers. {MARKERS['description']}"
    leuven.save()
    member = MemberFactory(
        email=MARKERS["email"],
        first_name=MARKERS["first_name"],
        last_name=MARKERS["last_name"],
        profile__municipality=leuven,
        profile__job_title=MARKERS["job_title"],
        profile__phone=MARKERS["phone"],
        profile__listed_publicly=True,
    )
    ExperienceFactory(
        author=member,
        title=f"Burendag {MARKERS['experience']}",
        body=MARKERS["experience"],
        publish=True,
        publish__by=EditorFactory(email="zwx-redactie@mechelen.example"),
    )
    MembershipApplication.objects.create(
        municipality=Municipality.objects.get(slug="zonnebeke"),
        full_name=MARKERS["applicant"],
        job_title=MARKERS["job_title"],
        email=MARKERS["applicant_email"],
        phone=MARKERS["phone"],
        motivation=MARKERS["motivation"],
        consent_given_at="2026-01-05T10:00:00+01:00",
        consent_version="2026-01",
    )
    ContactSubmission.objects.create(
        page=ContactPage.objects.get(),
        form_data={
            "naam": MARKERS["applicant"],
            "e_mailadres": MARKERS["contact_email"],
            "bericht": MARKERS["contact_message"],
        },
    )
    owner = EditorFactory(
        email="zwx-eigenaar@mechelen.example", first_name=MARKERS["owner"]
    )
    practice = CaseStudyPage.objects.live().first()
    practice.contact_name = MARKERS["practice_contact"]
    practice.contact_role = MARKERS["job_title"]
    practice.contact_email = MARKERS["practice_email"]
    practice.owner = owner
    practice.save_revision(user=owner).publish(user=owner)
    guide = GuidePage.objects.live().first()
    guide.body.append(
        ("quote", {"quote": "Samen gaat het.", "attribution": MARKERS["quote"]})
    )
    guide.owner = owner
    guide.save_revision(user=owner).publish(user=owner)
    ToolkitDocument.objects.update(uploaded_by_user=owner)
    return member


def test_no_personal_data_leaves_through_open_data(client, personal_data):
    # The markers are really there: the public page of Leuven lists the member.
    leuven_page = client.get("/netwerk/leuven/").content.decode()
    assert MARKERS["last_name"] in leuven_page

    found = files(client)
    found["open-data.html"] = client.get("/open-data/").content.decode()

    leaks = [
        (name, marker)
        for name, text in found.items()
        for marker in MARKERS.values()
        if marker.lower() in text.lower()
    ]
    assert leaks == []


def test_every_dataset_has_a_csv_for_excel_next_to_the_standard_one(client, demo):
    html = client.get("/open-data/").content.decode()
    for slug in DATASETS:
        assert f'href="/open-data/{slug}-excel.csv"' in html
    response = client.get("/open-data/gemeenten-excel.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="gemeenten-excel.csv"'
    )
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    standard = list(
        csv.DictReader(
            io.StringIO(
                response_text(client.get("/open-data/gemeenten.csv")).lstrip("\ufeff")
            )
        )
    )
    assert len(rows) == len(standard) == 285
    mechelen = next(row for row in rows if row["naam"] == "Mechelen")
    # Decimal commas: "51,02…", where the standard CSV has "51.02…".
    assert "," in mechelen["breedtegraad"] and "." not in mechelen["breedtegraad"]
    assert (
        mechelen["breedtegraad"].replace(",", ".")
        == next(row for row in standard if row["naam"] == "Mechelen")["breedtegraad"]
    )


def test_the_excel_csv_defuses_formulas_too(client, demo):
    GuidePage.objects.live().filter(pk=GuidePage.objects.live().first().pk).update(
        title="=SOM(A1:A9)"
    )
    text = b"".join(client.get("/open-data/gidsen-excel.csv").streaming_content).decode(
        "utf-8-sig"
    )
    assert "'=SOM(A1:A9)" in text
    assert "\n=SOM" not in text and ";=SOM" not in text
