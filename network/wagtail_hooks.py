from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "nis_code", "province", "inhabitants"]
    list_filter = ["province"]
    search_fields = ["name", "nis_code"]
    ordering = ["name"]
    copy_view_enabled = False


register_snippet(MunicipalityViewSet)
