"""A flat admin listing of all practices, filterable by the facts editors check."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from casestudies.models import CaseStudyPage


class CaseStudyPageListingViewSet(PageListingViewSet):
    model = CaseStudyPage
    icon = "doc-full-inverse"
    menu_label = _("Praktijkvoorbeelden")
    menu_order = 250
    add_to_admin_menu = True
    name = "praktijkvoorbeelden"
    list_filter = ["status", "label", "municipality__province", "start_year"]


@hooks.register("register_admin_viewset")
def register_case_study_listing():
    return CaseStudyPageListingViewSet()


@hooks.register("portal_search_kinds")
def casestudies_search_kind():
    from portal.search import SearchKind

    return [
        SearchKind(
            "praktijk",
            _("Praktijkvoorbeeld"),
            _("Praktijkvoorbeelden"),
            page_models=(CaseStudyPage,),
        )
    ]
