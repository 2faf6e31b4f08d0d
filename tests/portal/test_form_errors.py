"""After a failed submit, focus goes to the error summary, on every form."""

from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Templates that render a form's fields, and where their error summary comes from.
SUMMARY_FROM_PARENT = {"experiences/reaction_form.html", "experiences/report_form.html"}


def form_templates():
    for template in sorted(TEMPLATES.rglob("*.html")):
        name = template.relative_to(TEMPLATES).as_posix()
        text = template.read_text()
        renders_fields = "form_field.html" in text or "{% for field in form" in text
        if renders_fields and "/admin/" not in name and not name.startswith("includes"):
            yield name, text


@pytest.mark.parametrize(("name", "text"), list(form_templates()))
def test_every_front_end_form_shows_the_error_summary(name, text):
    if name in SUMMARY_FROM_PARENT:
        assert '{% extends "experiences/one_field_form.html" %}' in text
    elif "filter_form" not in text:  # list filters never fail: they add notes
        assert "includes/form_errors.html" in text, name


def test_the_error_summary_takes_focus_without_javascript(client, db):
    html = client.post("/account/aanmelden/", {}).content.decode()
    summary = html.split('class="error-summary"', 1)[1].split(">", 1)[0]
    assert 'tabindex="-1"' in summary and "autofocus" in summary
