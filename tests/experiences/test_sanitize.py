"""The light markup members write becomes a small, safe set of HTML tags."""

import pytest

from experiences.sanitize import clean_html, plain_text, render_body
from tests.helpers import dangerous_markup


def test_paragraphs_lists_emphasis_and_links():
    html = render_body(
        "Eerste **vet** en _schuin_.\nNieuwe regel.\n\n- een\n- twee\n\n1. a\n2. b\n\n"
        "[Mechelen](https://www.mechelen.be) of mail@voorbeeld.be via "
        "[mail](mailto:team@voorbeeld.be) en https://voorbeeld.be/pad."
    )
    assert html == (
        "<p>Eerste <strong>vet</strong> en <em>schuin</em>.<br>Nieuwe regel.</p>"
        "<ul><li>een</li><li>twee</li></ul><ol><li>a</li><li>b</li></ol>"
        '<p><a href="https://www.mechelen.be" rel="nofollow noopener ugc">Mechelen'
        '</a> of mail@voorbeeld.be via <a href="mailto:team@voorbeeld.be" '
        'rel="nofollow noopener ugc">mail</a> en <a href="https://voorbeeld.be/pad" '
        'rel="nofollow noopener ugc">https://voorbeeld.be/pad</a>.</p>'
    )


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '[x](https://a.be" onmouseover="alert(1))',
    ],
)
def test_markup_and_scripts_come_out_as_text(payload):
    html = render_body(payload)
    assert dangerous_markup(html) == []
    assert "<script" not in html
    assert "<img" not in html


def test_the_allow_list_strips_what_a_template_must_never_get():
    assert clean_html('<p onclick="x()">Hoi <iframe src="//x"></iframe></p>') == (
        "<p>Hoi </p>"
    )
    assert clean_html('<a href="javascript:alert(1)">x</a>') == (
        '<a rel="nofollow noopener ugc">x</a>'
    )


def test_plain_text_drops_the_markup():
    assert plain_text("**Vet** en [link](https://a.be)") == "Vet en link"
