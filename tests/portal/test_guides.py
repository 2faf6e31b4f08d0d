import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils.text import slugify
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.blocks import DocumentListBlock, HeadingBlock
from portal.factories import (
    GuideIndexPageFactory,
    GuidePageFactory,
    PhaseFactory,
    ToolkitDocumentFactory,
    ToolkitPageFactory,
    UserFactory,
    guide_body,
)
from portal.models import ContentPage, GuideIndexPage, GuidePage
from tests.helpers import count_queries

ANCHOR_RE = re.compile(r'<h([23]) id="([^"]+)">([^<]+)</h\1>')
TOC_RE = re.compile(r'class="guide-toc__item[^"]*"><a href="#([^"]+)">')


@pytest.fixture
def guide_index(home_page):
    return GuideIndexPageFactory(parent=home_page)


def make_guides(index, count):
    phase = PhaseFactory(slug="starten", name="Starten")
    document = ToolkitDocumentFactory()
    return [
        GuidePageFactory(
            parent=index,
            title=f"Gids {number:02d}",
            phase=phase,
            body=guide_body(step_documents=[document]),
        )
        for number in range(count)
    ]


def body_headings(html):
    """(level, id, text) of the headings inside the guide's body."""
    body = html[html.index('class="guide-page__body') : html.index("</article>")]
    return ANCHOR_RE.findall(body)


class TestPageTree(WagtailPageTestCase):
    def test_guides_live_under_their_single_index_below_the_home_page(self):
        self.assertCanCreateAt(HomePage, GuideIndexPage)
        self.assertCanCreateAt(GuideIndexPage, GuidePage)
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanNotCreateAt(ContentPage, GuideIndexPage)
        self.assertCanNotCreateAt(GuidePage, GuidePage)

    def test_there_is_only_one_guide_index(self):
        home = HomePage.objects.get()
        assert GuideIndexPage.can_create_at(home)
        GuideIndexPageFactory(parent=home)
        assert not GuideIndexPage.can_create_at(home)


def test_index_lists_guides_with_what_a_reader_needs(client, guide_index):
    phase = PhaseFactory(slug="selecteren", name="Selecteren")
    GuidePageFactory(
        parent=guide_index,
        title="Pleinmakers werven",
        intro="Zo vind je de juiste pleinmaker.",
        phase=phase,
        last_reviewed=datetime.date(2026, 3, 4),
    )
    html = client.get("/gidsen/").content.decode()
    assert "Pleinmakers werven" in html
    assert "Zo vind je de juiste pleinmaker." in html
    assert "Selecteren" in html
    assert "2 stappen" in html
    assert "1 min. lezen" in html
    assert "Laatst nagekeken op" in html
    assert '<time datetime="2026-03-04">4 maart 2026</time>' in html


def test_index_keeps_the_tree_order_and_hides_drafts(client, guide_index):
    first, second, third = make_guides(guide_index, 3)
    second.unpublish()
    html = client.get("/gidsen/").content.decode()
    assert html.index(first.title) < html.index(third.title)
    assert second.title not in html


def test_step_count_and_reading_time_follow_the_body(guide_index):
    long_text = "<p>" + "woord " * 450 + "</p>"
    guide = GuidePageFactory(
        parent=guide_index,
        body=[("paragraph", long_text), *guide_body()],
    )
    assert guide.step_count == 2
    assert guide.reading_minutes == 3


def test_guide_shows_reviewed_date_phase_and_step_documents(client, guide_index):
    document = ToolkitDocumentFactory(title="Modelovereenkomst")
    guide = GuidePageFactory(
        parent=guide_index,
        title="Samenwerken",
        phase=PhaseFactory(slug="voorbereiden", name="Voorbereiden"),
        last_reviewed=datetime.date(2026, 10, 15),
        body=guide_body(step_documents=[document]),
    )
    html = client.get(guide.url).content.decode()
    assert "15 oktober 2026" in html
    assert "Voorbereiden" in html
    assert '<ol class="steps__list">' in html
    assert f'href="{document.url}"' in html
    meta = f'<span class="document-link__meta">({document.format_and_size})'
    assert f"Modelovereenkomst {meta}" in html


def test_table_of_contents_links_to_the_heading_ids(client, guide_index):
    guide = GuidePageFactory(
        parent=guide_index,
        body=[
            ("heading", {"text": "Waar begin je?", "level": "h2"}),
            ("paragraph", "<p>Tekst.</p>"),
            ("heading", {"text": "De partners & het budget", "level": "h3"}),
            ("heading", {"text": "Evalueren", "level": "h2"}),
        ],
    )
    html = client.get(guide.url).content.decode()
    anchors = [anchor for _level, anchor, _text in body_headings(html)]
    assert anchors == TOC_RE.findall(html)
    assert anchors == ["waar-begin-je", "de-partners-het-budget", "evalueren"]
    # The same ids the shared heading block renders anywhere else on the site.
    texts = ["Waar begin je?", "De partners & het budget", "Evalueren"]
    for anchor, text in zip(anchors, texts, strict=True):
        block = HeadingBlock()
        rendered = block.render(block.to_python({"text": text, "level": "h2"}))
        assert f'id="{anchor}"' in rendered


def test_duplicate_headings_get_unique_anchors(client, guide_index):
    guide = GuidePageFactory(
        parent=guide_index,
        body=[
            ("heading", {"text": "De coaching", "level": "h2"}),
            ("heading", {"text": "De coaching", "level": "h2"}),
            ("heading", {"text": "De coaching", "level": "h3"}),
            ("heading", {"text": "!!!", "level": "h2"}),
        ],
    )
    html = client.get(guide.url).content.decode()
    anchors = [anchor for _level, anchor, _text in body_headings(html)]
    assert anchors == ["de-coaching", "de-coaching-2", "de-coaching-3", "sectie"]
    assert TOC_RE.findall(html) == anchors
    assert slugify("De coaching") == anchors[0]


def test_previous_and_next_follow_the_index_order(client, guide_index):
    first, second, third = make_guides(guide_index, 3)

    html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html

    html = client.get(first.url).content.decode()
    assert 'rel="prev"' not in html
    assert f'href="{second.url}" rel="next"' in html

    third.unpublish()
    html = client.get(second.url).content.decode()
    assert 'rel="next"' not in html


def test_guide_links_to_the_toolkit_filtered_on_its_phase(
    client, home_page, guide_index
):
    ToolkitPageFactory(parent=home_page)
    (guide,) = make_guides(guide_index, 1)
    html = client.get(guide.url).content.decode()
    assert 'href="/toolkit/?fase=starten"' in html


def test_guide_prints_cleanly(client, guide_index):
    (guide,) = make_guides(guide_index, 1)
    html = client.get(guide.url).content.decode()
    assert 'href="/static/portal/css/print.css" media="print"' in html
    assert "portal/css/guides.css" in html
    assert "@page { size: A4;" in Path(finders.find("portal/css/print.css")).read_text()
    guides_css = Path(finders.find("portal/css/guides.css")).read_text()
    print_rules = guides_css[guides_css.index("@media print") :]
    # One column on paper, steps never split over two pages.
    assert ".guide-page__layout { display: block; }" in print_rules
    assert ".step, .checklist" in print_rules
    # Paper cannot follow a link: the download address is written out.
    assert '<span class="document-link__url">http://testserver/documenten/' in html


def test_document_list_refuses_the_same_document_twice(db):
    from wagtail.blocks import StructBlockValidationError

    document = ToolkitDocumentFactory()
    block = DocumentListBlock()
    value = block.to_python({"title": "", "documents": [document.pk, document.pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "maar één keer" in str(error.value.block_errors["documents"])


@pytest.mark.parametrize("url", ["/gidsen/"])
def test_index_query_count_does_not_grow_with_guides(
    client, guide_index, url, django_assert_max_num_queries
):
    make_guides(guide_index, 3)
    small = count_queries(client, url)
    GuidePage.objects.all().delete()
    make_guides(guide_index, 30)
    large = count_queries(client, url)
    assert small == large
    with django_assert_max_num_queries(12):
        client.get(url)


def test_guide_query_count_does_not_grow_with_documents(
    client, guide_index, django_assert_max_num_queries
):
    def guide(documents_per_list):
        return GuidePageFactory(
            parent=guide_index,
            body=[
                *guide_body(
                    [ToolkitDocumentFactory() for _ in range(documents_per_list)]
                ),
                (
                    "documents",
                    {
                        "title": "",
                        "documents": [
                            ToolkitDocumentFactory() for _ in range(documents_per_list)
                        ],
                    },
                ),
            ],
        )

    few, many = guide(1), guide(10)
    assert count_queries(client, few.url) == count_queries(client, many.url)
    with django_assert_max_num_queries(20):
        client.get(many.url)


def test_demo_has_five_guides_with_steps_and_documents(client, demo):
    guides = GuidePage.objects.live()
    assert guides.count() >= 5
    titles = " ".join(guides.values_list("title", flat=True)).lower()
    for subject in ("starten", "huisvestingsmaatschappij", "selecteren", "coachen"):
        assert subject in titles
    assert "burendagen" in titles
    for guide in guides:
        assert guide.step_count >= 2, guide.title
        document_ids = {
            document.pk
            for block in guide.body
            if block.block_type == "steps"
            for step in block.value["steps"]
            for document in step["documents"]
        }
        assert document_ids, guide.title
        assert client.get(guide.url).status_code == 200
    index = GuideIndexPage.objects.get()
    assert index.url == "/gidsen/" and index.show_in_menus


def test_editors_can_open_every_new_page_type_in_the_admin(client, demo):
    from portal.models import ContactPage, FaqPage, ToolkitPage

    client.force_login(
        UserFactory(email="beheer@voorbeeld.be", is_staff=True, is_superuser=True)
    )
    for model in (GuideIndexPage, GuidePage, ToolkitPage, FaqPage, ContactPage):
        page = model.objects.first()
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model
    index = GuideIndexPage.objects.get()
    response = client.get(f"/admin/pages/add/portal/guidepage/{index.pk}/")
    assert response.status_code == 200
    assert client.get("/admin/snippets/portal/phase/").status_code == 200
    html = client.get("/admin/snippets/portal/phase/").content.decode()
    assert "Verkennen" in html and "Evalueren" in html


def test_guide_page_loads_its_phase_with_the_page(client, guide_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (guide,) = make_guides(guide_index, 1)
    client.get(guide.url)  # the first request creates the site settings
    with CaptureQueriesContext(connection) as queries:
        html = client.get(guide.url).content.decode()
    assert "Starten" in html
    phase_alone = [q for q in queries if q["sql"].startswith('SELECT "portal_phase"')]
    assert phase_alone == []


def test_the_pager_reads_only_what_it_shows_of_the_other_guides(client, guide_index):
    # Their bodies and every other column cost a third of the pager's work
    # (issue #17); a field read after all would cost a query per guide.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second, third = make_guides(guide_index, 3)
    client.get(second.url)  # the first request creates the site settings
    with CaptureQueriesContext(connection) as queries:
        html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert f"{first.title}</a>" in html
    assert f'href="{third.url}" rel="next"' in html
    assert f"{third.title}</a>" in html
    siblings = [
        q["sql"]
        for q in queries
        if 'FROM "portal_guidepage"' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(siblings) == 1
    assert '"portal_guidepage"."body"' not in siblings[0]
