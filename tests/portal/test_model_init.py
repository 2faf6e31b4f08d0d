from modelcluster.models import ClusterableModel
from wagtail.models import Page

from portal.models import ContactFormField, ContactPage


def test_pages_from_rows_skip_the_search_for_child_relations(demo, monkeypatch):
    searched = []
    monkeypatch.setattr(
        "modelcluster.models.get_all_child_relations",
        lambda model: searched.append(model) or [],
    )
    pages = list(Page.objects.all()[:5])
    contact = ContactPage.objects.get()
    assert pages and contact.title
    assert searched == []


def test_child_objects_passed_as_keywords_still_become_child_relations(db):
    # A new page looks up its content type, which reads the database when this
    # worker has not cached it yet.
    field = ContactFormField(label="Naam", field_type="singleline")
    page = ContactPage(title="Contact", slug="contact", form_fields=[field])
    assert [item.label for item in page.form_fields.all()] == ["Naam"]
    assert isinstance(page, ClusterableModel)
    assert page.content_type.model == "contactpage"
