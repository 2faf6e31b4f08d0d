"""Where apps above `casestudies` add to a practice's page without being imported.

An app registers a Wagtail hook ``casestudies_practice_sections``:
``fn(request, practice)`` returns HTML (already escaped, or "") shown below the
practice's documents.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks


def practice_sections(request, practice):
    return [
        mark_safe(html)  # noqa: S308 - rendered by a template, escaped there
        for hook in hooks.get_hooks("casestudies_practice_sections")
        if (html := hook(request, practice))
    ]
