import datetime
import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.factories import (
    MINIMAL_PDF,
    PhaseFactory,
    ToolkitDocumentFactory,
    ToolkitPageFactory,
    UserFactory,
)
from portal.models import ToolkitDocument, ToolkitPage
from tests.helpers import count_queries

ADD_DOCUMENT_URL = "/admin/documents/add/"


@pytest.fixture
def toolkit(home_page):
    return ToolkitPageFactory(parent=home_page)


@pytest.fixture
def phases(db):
    return {
        slug: PhaseFactory(slug=slug, name=slug.capitalize(), sort_order=order)
        for order, slug in enumerate(["verkennen", "selecteren", "starten"])
    }


@pytest.fixture
def admin_client(client, db):
    client.force_login(
        UserFactory(email="admin@voorbeeld.be", is_staff=True, is_superuser=True)
    )
    return client


class TestPageTree(WagtailPageTestCase):
    def test_one_toolkit_below_the_home_page(self):
        self.assertCanCreateAt(HomePage, ToolkitPage)
        self.assertCanNotCreateAt(ToolkitPage, ToolkitPage)
        home = HomePage.objects.get()
        ToolkitPageFactory(parent=home)
        assert not ToolkitPage.can_create_at(home)


def test_the_portal_uses_the_toolkit_document_model():
    assert settings.WAGTAILDOCS_DOCUMENT_MODEL == "portal.ToolkitDocument"
    assert get_document_model() is ToolkitDocument


def test_toolkit_lists_documents_with_type_phase_size_and_link(client, toolkit, phases):
    document = ToolkitDocumentFactory(
        title="Gespreksleidraad selectiegesprek",
        document_type="sjabloon",
        phase=phases["selecteren"],
        description="Vragen voor het gesprek met een kandidaat.",
        last_reviewed=datetime.date(2026, 10, 15),
        licence="Vrij te gebruiken.",
    )
    html = client.get("/toolkit/").content.decode()
    assert "Gespreksleidraad selectiegesprek" in html
    assert "Vragen voor het gesprek met een kandidaat." in html
    assert "Sjabloon" in html and "Selecteren" in html
    assert "15 oktober 2026" in html
    assert "Vrij te gebruiken." in html
    assert f'href="{document.url}"' in html
    assert document.url.startswith("/documenten/")
    assert "(PDF, 1 kB)" in html
    # The link's accessible name says what it downloads, not only "Download".
    assert (
        'Download<span class="visually-hidden"> Gespreksleidraad selectiegesprek'
        in html
    )


@pytest.mark.parametrize(
    ("size", "extension", "label"),
    [
        (120_000, "pdf", "PDF, 120 kB"),
        (400, "docx", "DOCX, 1 kB"),
        (2_400_000, "xlsx", "XLSX, 2,4 MB"),
    ],
)
def test_format_and_size_read_like_people_say_them(db, size, extension, label):
    document = ToolkitDocument(file=f"documents/bestand.{extension}", file_size=size)
    assert document.format_and_size == label


def test_toolkit_filters_on_type_and_phase(client, toolkit, phases):
    ToolkitDocumentFactory(
        title="Checklist burendag", document_type="checklist", phase=phases["starten"]
    )
    ToolkitDocumentFactory(
        title="Oproep pleinmaker", document_type="sjabloon", phase=phases["selecteren"]
    )
    ToolkitDocumentFactory(
        title="Jaaractie", document_type="checklist", phase=phases["verkennen"]
    )

    html = client.get("/toolkit/", {"soort": "checklist"}).content.decode()
    assert "Checklist burendag" in html and "Jaaractie" in html
    assert "Oproep pleinmaker" not in html
    assert "2 documenten" in html

    html = client.get("/toolkit/", {"fase": "selecteren"}).content.decode()
    assert "Oproep pleinmaker" in html
    assert "Checklist burendag" not in html and "Jaaractie" not in html

    html = client.get(
        "/toolkit/", {"soort": "checklist", "fase": "starten"}
    ).content.decode()
    assert "Checklist burendag" in html
    assert "Jaaractie" not in html and "Oproep pleinmaker" not in html
    assert '<option value="starten" selected>' in html
    assert "Toon alles" in html

    html = client.get("/toolkit/", {"soort": "overeenkomst"}).content.decode()
    assert "Geen documenten voor deze keuze." in html


def test_toolkit_filter_is_a_plain_get_form(client, toolkit):
    html = client.get("/toolkit/").content.decode()
    assert '<form class="toolkit-filter" method="get" action="/toolkit/"' in html
    assert '<select name="soort"' in html and '<select name="fase"' in html
    assert 'type="submit"' in html


def test_an_unknown_filter_value_is_explained_not_a_crash(client, toolkit, phases):
    ToolkitDocumentFactory(title="Jaaractie")
    response = client.get("/toolkit/", {"fase": "bestaat-niet"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jaaractie" in html
    assert "‘bestaat-niet’ is geen geldige keuze voor fase; we negeerden het." in html


def test_toolkit_query_count_does_not_grow_with_documents(
    client, toolkit, phases, django_assert_max_num_queries
):
    def make(count):
        ToolkitDocument.objects.all().delete()
        for number in range(count):
            ToolkitDocumentFactory(phase=phases["starten"], title=f"Doc {number}")

    make(3)
    small = count_queries(client, "/toolkit/?fase=starten")
    make(30)
    large = count_queries(client, "/toolkit/?fase=starten")
    assert small == large
    assert count_queries(client, "/toolkit/") == count_queries(
        client, "/toolkit/?soort=sjabloon"
    )
    with django_assert_max_num_queries(14):
        client.get("/toolkit/?fase=starten")


def test_toolkit_paginates(client, toolkit):
    for number in range(ToolkitPage.documents_per_page + 1):
        ToolkitDocumentFactory(title=f"Doc {number:02d}")
    html = client.get("/toolkit/").content.decode()
    assert "Doc 19" in html and "Doc 20" not in html
    html = client.get("/toolkit/", {"page": 2}).content.decode()
    assert "Doc 20" in html


# Serving


def download(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    return response


def test_pdf_is_served_with_a_strict_policy(client, db):
    document = ToolkitDocumentFactory()
    response = download(client, document)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    "filename",
    ["pagina.html", "tekening.svg", "script.js", "data.xml", "formulier.xhtml"],
)
def test_a_file_a_browser_could_run_is_always_an_attachment(client, db, filename):
    # Such a file cannot be uploaded, but one could arrive another way (an old
    # upload, a restored backup); it must still never open in the browser.
    document = ToolkitDocumentFactory(
        file=ContentFile(b"<script>alert(1)</script>", name=filename)
    )
    response = download(client, document)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_office_documents_are_attachments(client, db):
    document = ToolkitDocumentFactory(file=ContentFile(b"PK\x03\x04", name="a.docx"))
    response = download(client, document)
    assert response["Content-Disposition"].startswith("attachment")


# Uploading


def test_only_office_and_pdf_extensions_are_allowed():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) == {
        "pdf",
        "doc",
        "docx",
        "odt",
        "xls",
        "xlsx",
        "ods",
        "ppt",
        "pptx",
        "odp",
    }
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def upload(admin_client, name, data, **fields):
    return admin_client.post(
        ADD_DOCUMENT_URL,
        {
            "title": fields.get("title", "Nieuw document"),
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "document_type": "checklist",
            "description": "Een korte omschrijving.",
            **fields,
        },
    )


def test_editor_uploads_a_document_with_its_metadata(admin_client, phases):
    response = upload(
        admin_client,
        "checklist.pdf",
        MINIMAL_PDF,
        phase=phases["starten"].pk,
        last_reviewed="2026-10-15",
        licence="Vrij te gebruiken.",
    )
    assert response.status_code == 302
    document = ToolkitDocument.objects.get()
    assert document.document_type == "checklist"
    assert document.phase == phases["starten"]
    assert document.last_reviewed == datetime.date(2026, 10, 15)
    assert document.file_size == len(MINIMAL_PDF)


def test_add_form_shows_the_extra_fields_and_limits(admin_client):
    html = admin_client.get(ADD_DOCUMENT_URL).content.decode()
    for label in ("Soort document", "Fase", "Laatst nagekeken op", "Licentie"):
        assert label in html
    assert "Hoogstens 20,0\xa0MB. Toegelaten: pdf, docx" in html


def test_upload_over_20_mb_is_refused_in_dutch(admin_client):
    too_big = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)
    response = upload(admin_client, "groot.pdf", too_big)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Dit bestand is te groot (21,0\xa0MB). Een document mag hoogstens "
        "20,0\xa0MB zijn"
    ) in html
    assert not ToolkitDocument.objects.exists()


@pytest.mark.parametrize("name", ["pagina.html", "tekening.svg", "script.exe"])
def test_upload_of_another_type_is_refused_in_dutch(admin_client, name):
    response = upload(admin_client, name, b"<html></html>")
    html = response.content.decode()
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"Dit soort bestand ({extension}) kun je hier niet opladen" in html
    assert "pdf, docx" in html
    assert not ToolkitDocument.objects.exists()


def test_demo_has_six_real_pdf_documents(client, demo):
    # The PDFs; their editable versions are in test_toolkit_formats.py.
    documents = ToolkitDocument.objects.filter(main_version__isnull=True)
    assert documents.count() >= 6
    types = set(documents.values_list("document_type", flat=True))
    assert {"overeenkomst", "checklist", "sjabloon"} <= types
    titles = " ".join(documents.values_list("title", flat=True)).lower()
    assert "overeenkomst" in titles and "selectiegesprek" in titles
    for document in documents:
        with document.open_file() as file:
            assert file.read(5) == b"%PDF-"
        assert document.file_size > 1000
        assert document.phase is not None
    toolkit = ToolkitPage.objects.get()
    assert toolkit.url == "/toolkit/" and toolkit.show_in_menus
    html = client.get("/toolkit/").content.decode()
    assert f"{documents.count()} documenten" in html

    # A second run finds every document by its title and creates none, nor a
    # second editable version.
    count = ToolkitDocument.objects.count()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert ToolkitDocument.objects.count() == count
    assert "+ document" not in output.getvalue()
    assert "+ DOCX" not in output.getvalue()
    assert "+ /home/gidsen" not in output.getvalue()


def test_toolkit_lists_only_documents_the_visitor_may_open(client, toolkit):
    """A document in a collection restricted to logged-in users (or in one below
    it) is neither listed nor linked for anonymous visitors."""
    from wagtail.models import CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    deeper = private.add_child(name="Intern, archief")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    ToolkitDocumentFactory(title="Openbaar sjabloon")
    secret = ToolkitDocumentFactory(title="Interne nota", collection=private)
    ToolkitDocumentFactory(title="Oud verslag", collection=deeper)

    anonymous = client.get("/toolkit/").content.decode()
    assert "Openbaar sjabloon" in anonymous
    assert "Interne nota" not in anonymous
    assert "Oud verslag" not in anonymous
    assert secret.url not in anonymous

    client.force_login(UserFactory())
    logged_in = client.get("/toolkit/").content.decode()
    assert "Interne nota" in logged_in
    assert "Oud verslag" in logged_in
