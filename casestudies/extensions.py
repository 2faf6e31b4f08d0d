"""Where apps above `casestudies` add to a practice's page without being imported.

An app registers a Wagtail hook ``casestudies_practice_sections``:
``fn(request, practice)`` returns HTML (already escaped, or "") shown below the
practice's documents.

An app registers ``casestudies_practice_annotations``: ``fn(request)`` returns
{name: expression} to annotate the practice with when its page is loaded
(`CaseStudyPage.routed_queryset`), so its section can tell without a query of
its own whether it has anything to show.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks


def practice_sections(request, practice):
    return [
        mark_safe(html)  # noqa: S308 - rendered by a template, escaped there
        for hook in hooks.get_hooks("casestudies_practice_sections")
        if (html := hook(request, practice))
    ]
