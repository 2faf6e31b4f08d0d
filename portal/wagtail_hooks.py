from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import (
    dashboard,  # noqa: F401 (registers the dashboard panel)
    page_cache,
)
from portal.admin_views import ReviewDueView
from portal.models import ContactSubmission, OutgoingMail, Phase
from portal.models.documents import openable_documents


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


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Mail records are written by the mail service only: view, never edit."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class OutgoingMailViewSet(ModelViewSet):
    """Queued, delivered and undeliverable mail, for editors who need to know
    whether an invitation went out."""

    model = OutgoingMail
    icon = "mail"
    menu_label = _("Uitgaande e-mail")
    menu_order = 900
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = ["subject", "recipients", "state", "attempts", "created_at"]
    list_filter = ["state"]
    search_fields = ["subject", "recipients"]
    ordering = ["-created_at"]
    form_fields = ["state"]
    inspect_view_fields = [
        "subject",
        "recipients",
        "template",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
    ]


register_permission_policy(OutgoingMail, ReadOnlyPermissionPolicy(OutgoingMail))


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet("outgoing_mail")


class OpenDocumentLinkHandler(DocumentLinkHandler):
    """Rich text links only to documents anyone may open.

    Rich text renders without a request, so a link to a document in a
    restricted collection keeps its words but loses its address, for every
    visitor: the page never hands out a private document's link.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        documents = cls.get_many(attrs_list)
        openable = {doc.pk for doc in openable_documents(documents, request=None)}
        return [
            format_html('<a href="{}">', doc.url)
            if doc and doc.pk in openable
            else "<a>"
            for doc in documents
        ]


# After Wagtail's own documents hook (order 0), so this handler replaces it.
@hooks.register("register_rich_text_features", order=10)
def link_only_open_documents(features):
    features.register_link_type(OpenDocumentLinkHandler)


@hooks.register("portal_search_kinds")
def portal_search_kinds():
    from portal.models import GuidePage, ToolkitDocument
    from portal.search import SearchKind

    return [
        SearchKind("gids", _("Gids"), _("Gidsen"), page_models=(GuidePage,)),
        SearchKind(
            "document",
            _("Document"),
            _("Documenten"),
            # The main version; its editable ones say the same.
            objects=lambda request: ToolkitDocument.objects.openable_by(request).filter(
                main_version__isnull=True
            ),
            url=lambda document: document.url,
        ),
    ]


@hooks.register("portal_erasure_tombstones")
def erased_identities():
    from portal.erasure import tombstones

    return tombstones()


@hooks.register("register_admin_urls")
def register_privacy_urls():
    from portal.admin_privacy import ErasePersonView, RetentionView

    return [
        path("persoon-wissen/", ErasePersonView.as_view(), name="portal_erase_person"),
        path("bewaartermijnen/", RetentionView.as_view(), name="portal_retention"),
    ]


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("portal.erase_person")


@hooks.register("register_settings_menu_item")
def register_erase_person_menu_item():
    return PrivacyMenuItem(
        _("Persoon wissen"), reverse("portal_erase_person"), icon_name="bin", order=900
    )


@hooks.register("register_settings_menu_item")
def register_retention_menu_item():
    return PrivacyMenuItem(
        _("Bewaartermijnen"),
        reverse("portal_retention"),
        icon_name="history",
        order=901,
    )


@hooks.register("register_member_data")
def portal_member_data(user):
    from portal.member_data import member_data

    return member_data(user)


class ContactMessageViewSet(ModelViewSet):
    """The contact form's messages as a queue: new, handled, or forwarded to the
    join applications, so no message waits unseen in a mailbox."""

    model = ContactSubmission
    icon = "mail"
    menu_label = _("Contactberichten")
    menu_order = 310
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        DateColumn("submit_time", label=_("Ontvangen op")),
        Column("sender_name", label=_("Naam")),
        Column("subject", label=_("Onderwerp")),
        "status",
    ]
    list_filter = ["status"]
    ordering = ["-submit_time"]
    form_fields = ["status"]
    inspect_view_fields = [
        "submit_time",
        "sender_name",
        "sender_email",
        "subject",
        "message",
        "status",
        "status_changed_at",
    ]


class ContactSubmissionPermissionPolicy(ModelPermissionPolicy):
    """Messages come from the form only: editors read them and set the status."""

    def user_has_permission(self, user, action):
        return action in {"view", "change"} and super().user_has_permission(
            user, action
        )


register_permission_policy(
    ContactSubmission, ContactSubmissionPermissionPolicy(ContactSubmission)
)


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")


@hooks.register("register_admin_urls")
def register_review_due_url():
    return [path("nakijken/", ReviewDueView.as_view(), name="portal_review_due")]


# The page cache tells Wagtail pages (purged by URL in the front cache too)
# from other views.
hooks.register("before_serve_page", page_cache.mark_page)
