import html as html_lib
import json
import re

import pytest
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.factories import ContactPageFactory, FaqPageFactory
from portal.models import FaqPage
from tests.helpers import assert_service_link

JSON_LD_RE = re.compile(
    r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL
)
SUMMARY_RE = re.compile(r'<summary class="faq-item__question">(.*?)</summary>')


def theme(name, *questions):
    return (
        "theme",
        {
            "theme": name,
            "questions": [
                {"question": question, "answer": f"<p>{answer}</p>"}
                for question, answer in questions
            ],
        },
    )


@pytest.fixture
def faq_page(home_page):
    return FaqPageFactory(
        parent=home_page,
        body=[
            theme(
                "Over pleinmakers",
                ("Wie kan pleinmaker worden?", "Een bewoner die mensen samenbrengt."),
                ("Krijgt een pleinmaker een loon?", "Nee, een bijdrage in de huur."),
            ),
            theme(
                "Het lerend netwerk",
                ("Hoe sluit ik aan?", "Neem contact op met het team."),
            ),
        ],
    )


def json_ld(html):
    (payload,) = JSON_LD_RE.findall(html)
    return json.loads(payload)


class TestPageTree(WagtailPageTestCase):
    def test_one_faq_page_below_the_home_page(self):
        self.assertCanCreateAt(HomePage, FaqPage)
        self.assertCanNotCreateAt(FaqPage, FaqPage)
        home = HomePage.objects.get()
        FaqPageFactory(parent=home)
        assert not FaqPage.can_create_at(home)


def test_questions_are_grouped_by_theme_in_details(client, faq_page):
    html = client.get(faq_page.url).content.decode()
    first_theme = html.index('<h2 class="faq-theme__title" id="thema-over-pleinmakers"')
    second_theme = html.index('id="thema-het-lerend-netwerk"')
    question = html.index("Wie kan pleinmaker worden?</summary>")
    assert first_theme < question < second_theme
    assert second_theme < html.index("Hoe sluit ik aan?</summary>")
    assert html.count('<details class="faq-item">') == 3
    assert "<summary" in html
    # Closed by default, but the answer is in the page without any script.
    assert '<details class="faq-item" open' not in html
    assert "Nee, een bijdrage in de huur." in html


def test_json_ld_parses_and_matches_the_visible_questions(client, faq_page):
    html = client.get(faq_page.url).content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    visible = [html_lib.unescape(text) for text in SUMMARY_RE.findall(html)]
    assert [entry["name"] for entry in data["mainEntity"]] == visible
    assert len(visible) == 3
    first = data["mainEntity"][0]
    assert first["@type"] == "Question"
    assert first["acceptedAnswer"]["@type"] == "Answer"
    assert "Een bewoner die mensen samenbrengt." in first["acceptedAnswer"]["text"]


def test_json_ld_cannot_be_broken_out_of(client, home_page):
    page = FaqPageFactory(
        parent=home_page,
        body=[
            theme(
                "Randgevallen",
                ('</script><script>alert("x")</script> & "citaat"?', "Antwoord."),
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<script>alert("x")' not in html
    data = json_ld(html)
    assert data["mainEntity"][0]["name"] == (
        '</script><script>alert("x")</script> & "citaat"?'
    )


def test_filter_is_progressive_enhancement(client, faq_page):
    html = client.get(faq_page.url).content.decode()
    assert '<div class="faq-filter" data-faq-filter hidden>' in html
    assert 'src="/static/portal/js/faq-filter.js" defer' in html


def test_faq_points_to_the_contact_form(client, home_page, faq_page):
    ContactPageFactory(parent=home_page)
    html = client.get(faq_page.url).content.decode()
    assert "Staat je vraag er niet bij?" in html
    assert 'href="/contact/"' in html


def test_faq_query_budget(client, faq_page, django_assert_max_num_queries):
    client.get(faq_page.url)
    with django_assert_max_num_queries(14):
        assert client.get(faq_page.url).status_code == 200


def test_demo_faq_answers_at_least_twelve_questions(client, demo):
    page = FaqPage.objects.get()
    assert page.url == "/veelgestelde-vragen/"
    assert_service_link(client, "/veelgestelde-vragen/")
    questions = [question for question, _answer in page.questions()]
    assert len(questions) >= 12
    text = " ".join(questions).lower()
    for topic in (
        "wie kan pleinmaker worden",
        "wat kost",
        "huisvestingsmaatschappij",
        "hoe lang",
        "verhuist",
        "sluit ik aan",
        "mentor",
    ):
        assert topic in text, topic
    html = client.get(page.url).content.decode()
    assert len(json_ld(html)["mainEntity"]) == len(questions)
