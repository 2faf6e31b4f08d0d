from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Phase


class PhaseViewSet(SnippetViewSet):
    """The phases of the journey that guides and documents are tied to."""

    model = Phase
    icon = "list-ol"
    menu_label = _("Fasen")
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(PhaseViewSet)
