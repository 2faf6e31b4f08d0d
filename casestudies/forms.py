"""What a practice needs before it goes live, checked when an editor publishes.

A draft may be as empty as the editor likes; publishing asks for a body that
tells the story and at least one pleinmaker, so no page shows "Pleinmakers 0"
and nothing else. The label must be true: "Gedeeld door een lid" only for a
practice of a member municipality.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from network.models import MembershipStatus

# About three sentences: enough for another municipality to see what was done.
MIN_BODY_CHARACTERS = 300


def stream_text(stream_value):
    """The plain text in a StreamField value, its blocks' strings joined."""

    def strings(value):
        if isinstance(value, str):
            yield strip_tags(value)
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    raw = stream_value.get_prep_value() if stream_value is not None else []
    return " ".join(
        text.strip() for block in raw for text in strings(block.get("value"))
    ).strip()


def publish_errors(data):
    """{field: message} for what a practice lacks to be published."""
    from casestudies.models import Label

    errors = {}
    body = stream_text(data.get("body"))
    if len(body) < MIN_BODY_CHARACTERS:
        errors["body"] = _(
            "Vertel het verhaal van de praktijk voor je publiceert: minstens "
            "%(minimum)s tekens in de inhoud, nu %(count)s."
        ) % {"minimum": MIN_BODY_CHARACTERS, "count": len(body)}
    if not data.get("pleinmakers_count"):
        errors["pleinmakers_count"] = _(
            "Hoeveel pleinmakers zijn er aan de slag? Vul minstens 1 in voor je "
            "publiceert."
        )
    municipality = data.get("municipality")
    if (
        data.get("label") == Label.SHARED
        and municipality is not None
        and municipality.membership_status != MembershipStatus.MEMBER
    ):
        errors["label"] = _(
            "‘Gedeeld door een lid’ klopt alleen voor een praktijk van een "
            "lid-gemeente. Kies een ander label."
        )
    return errors


class CaseStudyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" in self.data:
            for field, message in publish_errors(cleaned_data).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned_data
