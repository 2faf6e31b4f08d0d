"""What a practice needs before it goes live, checked on every publish route.

A draft may be as empty as the editor likes; publishing asks for a body that
tells the story and its pleinmakers, so no page shows "Pleinmakers 0" and
nothing else. The label must be true: "Gedeeld door een lid" only for a
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


# Where a publish is refused in the page's history (scheduled publishing).
PUBLISH_REFUSED_ACTION = "casestudies.publish_refused"


def content_errors(page):
    """{field: message} for what a practice lacks to go live.

    The one rule every publish route checks: the editor form, scheduled
    publishing, the bulk action, `revision.publish()` and the content loaders.
    Pleinmakers may be counted or, while the count is not known (Mechelen's own
    practice), the neighbourhoods where they work named: the site never asks an
    editor to invent a number.
    """
    errors = {}
    body = stream_text(page.body)
    if len(body) < MIN_BODY_CHARACTERS:
        errors["body"] = _(
            "Vertel het verhaal van de praktijk voor je publiceert: minstens "
            "%(minimum)s tekens in de inhoud, nu %(count)s."
        ) % {"minimum": MIN_BODY_CHARACTERS, "count": len(body)}
    if not page.pleinmakers_count and not page.neighbourhoods.strip():
        errors["pleinmakers_count"] = _(
            "Hoeveel pleinmakers zijn er aan de slag? Vul minstens 1 in, of noem de "
            "wijken waar ze werken, voor je publiceert."
        )
    errors.update(label_errors(page))
    return errors


def refusal_message(page, errors):
    """One Dutch sentence for a message or a log: the practice and what it lacks."""
    return _(
        "‘%(title)s’ is niet gepubliceerd: %(reasons)s Het concept blijft bewaard."
    ) % {
        "title": page.title,
        "reasons": " ".join(str(message) for message in errors.values()),
    }


def label_errors(page):
    """The label must be true: ‘Gedeeld door een lid’ only for a member's practice."""
    from casestudies.models import Label

    municipality = page.municipality if page.municipality_id else None
    if (
        page.label == Label.SHARED
        and municipality is not None
        and municipality.membership_status != MembershipStatus.MEMBER
    ):
        return {
            "label": _(
                "‘Gedeeld door een lid’ klopt alleen voor een praktijk van een "
                "lid-gemeente. Kies een ander label."
            )
        }
    return {}


class CaseStudyPageForm(WagtailAdminPageForm):
    def _post_clean(self):
        # After the instance holds the submitted values, so the form checks the
        # very page that would go live. Submitting for moderation asks to publish.
        super()._post_clean()
        if "action-publish" in self.data or "action-submit" in self.data:
            for field, message in content_errors(self.instance).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
