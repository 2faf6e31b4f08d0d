"""A flat admin listing of all practices, filterable by the facts editors check."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.log_actions import LogFormatter

from casestudies.forms import PUBLISH_REFUSED_ACTION, content_errors, refusal_message
from casestudies.models import CaseStudyPage
from portal.models import public


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


@hooks.register("network_municipality_annotations")
def municipality_practice_count(member):
    """Loaded with the municipality on its page: how many published practices
    it has, for the link to all of them below the few the page shows."""
    # `public()` on each practice's own row, not a semi-join over every page.
    practices = (
        public(CaseStudyPage.objects.live())
        .filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {"practice_count": Coalesce(Subquery(practices), 0)}


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


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_empty_practices(request, action_type, objects, action):
    """Publish nothing when a selected practice (or, with its descendants, a
    draft practice below a selected page) is empty: say which and why."""
    if action_type != "publish":
        return None
    practices = [
        page.specific for page in objects if page.specific_class is CaseStudyPage
    ]
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            practices.extend(CaseStudyPage.objects.descendant_of(page).not_live())
    refusals = []
    for practice in practices:
        latest = practice.get_latest_revision_as_object()
        if errors := content_errors(latest):
            refusals.append(str(refusal_message(latest, errors)))
    if not refusals:
        return None
    messages.error(request, " ".join([str(_("Er is niets gepubliceerd.")), *refusals]))
    return redirect(action.next_url)


@hooks.register("register_log_actions")
def register_casestudies_log_actions(actions):
    @actions.register_action(PUBLISH_REFUSED_ACTION)
    class PublishRefused(LogFormatter):
        label = _("Publicatie geweigerd")

        def format_message(self, log_entry):
            return log_entry.data.get("reason") or self.label
