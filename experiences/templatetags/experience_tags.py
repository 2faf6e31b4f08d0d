"""Links to the experiences for the templates of the apps below this one.

A practice's page, a municipality's page and the member's dashboard point to
the experiences without their apps importing this one.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from experiences.models import experiences_url
from portal.request_memo import memo

register = template.Library()


@register.simple_tag
def experiences_list_url(**filters):
    """The list of experiences, e.g. `{% experiences_list_url gemeente=slug %}`."""
    query = urlencode({name: value for name, value in filters.items() if value})
    return experiences_url() + (f"?{query}" if query else "")


@register.simple_tag
def share_experience_url(practice=None):
    """The members' writing screen; from a practice, with that practice linked."""
    url = f"{experiences_url()}nieuw/"
    if practice is not None:
        url += f"?{urlencode({'praktijk': practice.slug})}"
    return url


@register.filter
def theme_url(slug):
    """`{% url 'theme' slug %}`, reversed once per theme and request: a list's
    twelve cards name the same few themes again and again."""
    return memo(f"experiences:theme-url:{slug}", lambda: reverse("theme", args=[slug]))
