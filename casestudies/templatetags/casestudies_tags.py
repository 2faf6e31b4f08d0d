"""The practice cards of the lists (index, related practices, municipality,
home page), written in Python.

Twelve cards through a template `{% include %}` cost a cold list page about a fifth of
its Python: each card's variable lookups, `{% translate %}`, `{% pageurl %}`
and a `{% url %}` per theme went through the template engine again.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from casestudies.listing import CARD_IMAGE
from portal.request_memo import memo

register = template.Library()

# One filter for every card, as `{% image %}` keeps one per tag: its operations
# are parsed once, not per card.
CARD_FILTER = Filter(spec=CARD_IMAGE)


def _theme_url(slug):
    """`{% url 'theme' slug %}`, reversed once per theme and request: a list's
    cards name the same few themes again and again."""
    return memo(f"casestudies:theme-url:{slug}", lambda: reverse("theme", args=[slug]))


def _image_html(practice):
    # What `{% image practice.hero_image fill-640x360 as card_image %}` finds.
    rendition = get_rendition_or_not_found(practice.hero_image, CARD_FILTER)
    # Sizes of at most 640 pixels: nothing for `localize` to group.
    return (
        '\n    <img class="case-card__image" '
        f'src="{conditional_escape(rendition.url)}" '
        f'width="{rendition.width}" height="{rendition.height}" alt="" '
        'loading="lazy" decoding="async">'
    )


def card_html(practice, request, show_image=False):
    """One practice's card (an h3 below the list's h2); every value escaped,
    our own texts unescaped as `{% translate %}` writes them."""
    escape = conditional_escape
    municipality = practice.municipality
    image = _image_html(practice) if show_image and practice.hero_image else ""
    example = (
        f'<p class="example-badge">{_("Voorbeeld")}</p>' if practice.is_example else ""
    )
    validated = ""
    if practice.label == practice.Label.VALIDATED and not practice.is_example:
        validated = (
            '<p class="case-label case-label--validated">'
            f"{escape(practice.get_label_display())}</p>"
        )
    themes = ""
    if links := practice.theme_links:
        label = _("Thema's")
        items = "".join(
            f'<li><a href="{escape(_theme_url(slug))}">{escape(name)}</a></li>'
            for name, slug in links
        )
        themes = (
            f'\n        <ul class="theme-list" aria-label="{label}">'
            f"{items}</ul>\n        "
        )
    return (
        '\n<li class="card case-card">\n'
        f"    {image}\n"
        '    <div class="case-card__body">\n'
        f"        {example}\n"
        '        <h3 class="card__title"><a href="'
        f'{escape(practice.get_url(request=request))}">{escape(practice.title)}</a>'
        "</h3>\n"
        f'        <p class="card__meta">{escape(municipality.name)} · '
        f"{escape(municipality.get_province_display())} · "
        f'<span class="case-status case-status--{escape(practice.status)}">'
        f"{escape(practice.get_status_display())}</span></p>\n"
        f"        <p>{escape(practice.summary)}</p>\n"
        f"        {validated}\n"
        f"        {themes}\n"
        "    </div>\n"
        "</li>\n"
    )


@register.simple_tag(takes_context=True)
def practice_cards(context, practices, show_image=False):
    """The cards of `practices`: `{% practice_cards practices show_image=True %}`."""
    request = context.get("request")
    return mark_safe(  # noqa: S308 (every value is escaped in card_html)
        "".join(card_html(practice, request, show_image) for practice in practices)
    )
