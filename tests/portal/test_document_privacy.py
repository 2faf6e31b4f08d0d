"""Public lists show only documents the visitor may open (issue #10).

A document in a collection with a privacy setting (or in one below it) is
neither named nor linked for a visitor who does not meet it: on guides (document
lists, steps, rich text), in the open data and, through the same helper, on
practices, events and the trajectory route.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Collection, CollectionViewRestriction

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from casestudies.models import CaseStudyDocument
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import DocumentRole, EventDocument
from portal.factories import (
    GuideIndexPageFactory,
    GuidePageFactory,
    ToolkitDocumentFactory,
    UserFactory,
    guide_body,
)
from portal.models.documents import closed_collection_ids, openable_documents


@pytest.fixture
def documents(db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    deeper = private.add_child(name="Intern, archief")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return {
        "public": ToolkitDocumentFactory(title="Openbaar sjabloon"),
        "private": ToolkitDocumentFactory(title="Interne nota", collection=private),
        "deeper": ToolkitDocumentFactory(title="Oud verslag", collection=deeper),
    }


@pytest.fixture
def guide(home_page, documents):
    index = GuideIndexPageFactory(parent=home_page)
    body = [
        *guide_body(step_documents=documents.values()),
        (
            "documents",
            {"title": "Om te downloaden", "documents": list(documents.values())},
        ),
        (
            "paragraph",
            '<p>Lees de <a linktype="document" id="{}">nota</a> en het '
            '<a linktype="document" id="{}">sjabloon</a>.</p>'.format(
                documents["private"].pk, documents["public"].pk
            ),
        ),
    ]
    return GuidePageFactory(parent=index, title="Starten", body=body)


def test_a_guide_lists_only_documents_the_visitor_may_open(client, guide, documents):
    html = client.get(guide.url).content.decode()
    assert html.count("Openbaar sjabloon") == 2  # the step and the list
    for hidden in ("private", "deeper"):
        assert documents[hidden].title not in html
        assert documents[hidden].url not in html

    client.force_login(UserFactory())
    html = client.get(guide.url).content.decode()
    assert html.count("Interne nota") == 2
    assert html.count("Oud verslag") == 2


def test_rich_text_never_links_a_private_document(client, guide, documents):
    html = client.get(guide.url).content.decode()
    assert f'<a href="{documents["public"].url}">sjabloon</a>' in html
    assert "<a>nota</a>" in html
    assert documents["private"].url not in html


def test_open_data_names_no_private_document(client, guide, documents):
    response = client.get("/open-data/gidsen.json")
    text = b"".join(response.streaming_content).decode()
    guide_rows = [
        row for row in json.loads(text)["records"] if row["titel"] == "Starten"
    ]
    (row,) = guide_rows
    assert any(documents["public"].url in url for url in row["documenten"])
    assert not any(
        documents[hidden].url in url
        for url in row["documenten"]
        for hidden in ("private", "deeper")
    )


def test_the_helper_keeps_order_and_drops_what_is_closed(rf, documents):
    anonymous = rf.get("/")
    anonymous.user = AnonymousUser()
    anonymous.session = {}
    items = [documents["deeper"], None, documents["public"], documents["private"]]
    assert openable_documents(items, anonymous) == [documents["public"]]
    assert openable_documents(items, None) == [documents["public"]]
    # Worked out once per request.
    assert closed_collection_ids(anonymous) is closed_collection_ids(anonymous)


def test_a_practice_lists_only_documents_the_visitor_may_open(
    client, home_page, documents
):
    index = CaseStudyIndexPageFactory(parent=home_page)
    practice = CaseStudyPageFactory(parent=index)
    for order, document in enumerate(documents.values()):
        CaseStudyDocument.objects.create(
            page=practice, document=document, sort_order=order
        )
    html = client.get(practice.url).content.decode()
    assert "Openbaar sjabloon" in html
    assert "Interne nota" not in html and "Oud verslag" not in html


def test_an_event_lists_only_documents_the_visitor_may_open(
    client, home_page, documents
):
    agenda = EventIndexPageFactory.build()
    home_page.add_child(instance=agenda)
    agenda.save_revision().publish()
    event = EventPageFactory.build(slug="intervisie")
    agenda.add_child(instance=event)
    event.save_revision().publish()
    for document in documents.values():
        EventDocument.objects.create(
            page=event, document=document, role=DocumentRole.AGENDA
        )
    html = client.get(event.url).content.decode()
    assert "Openbaar sjabloon" in html
    assert "Interne nota" not in html and "Oud verslag" not in html
