"""The editors' queue of guides and documents that are due for a check."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.dashboard import review_due_before
from portal.models import GuidePage, ToolkitDocument


class ReviewDueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/review_due.html"
    page_title = _("Na te kijken")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        before = review_due_before()
        return super().get_context_data(
            before=before,
            guides=GuidePage.objects.live()
            .review_due(before)
            .order_by("last_reviewed", "title"),
            documents=ToolkitDocument.objects.review_due(before).order_by(
                "last_reviewed", "title"
            ),
            **kwargs,
        )
