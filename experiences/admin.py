"""The editors' moderation screens in the Wagtail admin.

Experiences, reactions and reports are snippets. Editors never rewrite a
member's words: an experience's edit screen leads to its inspect screen, which
shows the waiting version next to the online one and the decision form; the
decisions themselves are POST views calling `experiences.services`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from experiences import services
from experiences.models import Experience, ModerationStatus, Reaction, Report
from portal.dashboard import WorkLine, waiting_age


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(choices=services.Decision.choices)
    reason = forms.CharField(
        label=_("Reden voor de auteur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Verplicht bij afwijzen of een aanpassing vragen. De auteur krijgt deze "
            "tekst in de e-mail en ziet hem bij de bijdrage."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") != services.Decision.APPROVE
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error(
                "reason",
                _("Schrijf de auteur kort waarom, zodat die weet wat te doen."),
            )
        return cleaned


def _report_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


class ModerateExperienceView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm("experiences.publish_experience"):
            raise PermissionDenied
        experience = get_object_or_404(Experience, pk=pk)
        form = ModerationForm(request.POST)
        if not form.is_valid():
            _report_errors(request, form)
        elif services.decide(
            experience,
            request.user,
            form.cleaned_data["decision"],
            form.cleaned_data["reason"].strip(),
        ):
            messages.success(request, _("Beslist; de auteur kreeg een e-mail."))
        else:
            messages.warning(request, _("Hierover was al beslist."))
        return redirect("wagtailsnippets_experiences_experience:inspect", pk)


class VisibilityView(View):
    """Hide or restore an experience or a reaction (`model`, `hidden` per route)."""

    http_method_names = ["post"]
    model = None
    hidden = True

    def post(self, request, pk):
        opts = self.model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        item = get_object_or_404(self.model, pk=pk)
        if self.hidden:
            services.hide(item, request.user)
            messages.success(request, _("Verborgen; de auteur kreeg een e-mail."))
        else:
            services.restore(item, request.user)
            messages.success(
                request, _("Weer zichtbaar; de meldingen zijn afgehandeld.")
            )
        return redirect(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:inspect", pk
        )


class RedirectToInspectView(EditView):
    """Editors decide on members' words; they do not rewrite them."""

    def dispatch(self, request, *args, **kwargs):
        opts = self.model._meta
        return redirect(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:inspect",
            self.kwargs["pk"],
        )


class NoCreateView(CreateView):
    """Only members write experiences and reactions, on the website."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Leden schrijven hun bijdragen zelf op de website."))
        opts = self.model._meta
        return redirect(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:list")


class ModeratedInspectView(InspectView):
    def get_edit_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        prefix = f"wagtailsnippets_{opts.app_label}_{opts.model_name}"
        reports = list(self.object.reports.select_related("reporter"))
        context.update(
            reports=reports,
            has_open_reports=any(report.resolved_at is None for report in reports),
            hide_url=reverse(f"{prefix}:hide", args=[self.object.pk]),
            restore_url=reverse(f"{prefix}:restore", args=[self.object.pk]),
            can_change=self.request.user.has_perm(
                f"{opts.app_label}.change_{opts.model_name}"
            ),
        )
        return context


class ExperienceInspectView(ModeratedInspectView):
    template_name = "experiences/admin/experience_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        experience = self.object
        context.update(
            waiting=experience.get_latest_revision_as_object()
            if experience.status == ModerationStatus.PENDING
            else None,
            can_decide=self.request.user.has_perm("experiences.publish_experience"),
            moderation_form=ModerationForm(),
            moderate_url=reverse(
                "wagtailsnippets_experiences_experience:moderate", args=[experience.pk]
            ),
        )
        return context


class ReactionInspectView(ModeratedInspectView):
    template_name = "experiences/admin/reaction_inspect.html"


def waiting_since(experience):
    if experience.status != ModerationStatus.PENDING or not experience.submitted_at:
        return "–"
    return timesince(experience.submitted_at, timezone.now())


class ModeratedViewSetMixin:
    icon = "comment"
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = RedirectToInspectView
    add_view_class = NoCreateView
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "hide/<int:pk>/",
                VisibilityView.as_view(model=self.model, hidden=True),
                name="hide",
            ),
            path(
                "restore/<int:pk>/",
                VisibilityView.as_view(model=self.model, hidden=False),
                name="restore",
            ),
        ]


class ExperienceViewSet(ModeratedViewSetMixin, SnippetViewSet):
    """The moderation queue: waiting experiences first, the longest-waiting on top."""

    model = Experience
    icon = "doc-full"
    menu_label = _("Ervaringen")
    inspect_view_class = ExperienceInspectView
    list_display = [
        "title",
        "municipality",
        "status",
        Column("waiting", label=_("Wacht al"), accessor=waiting_since),
        Column("open_reports", label=_("Open meldingen")),
        "hidden_at",
    ]
    list_filter = ["status", "kind", "live"]
    search_fields = ["title", "summary", "municipality__name"]
    inspect_view_fields = [
        "title",
        "kind",
        "municipality",
        "author",
        "status",
        "moderation_note",
        "submitted_at",
        "moderated_by",
        "moderated_at",
        "first_published_at",
        "hidden_at",
    ]

    def get_queryset(self, request):
        return (
            Experience.objects.select_related("municipality")
            .annotate(
                queue_rank=Case(
                    When(status=ModerationStatus.PENDING, then=Value(0)),
                    When(hidden_at__isnull=False, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
                open_reports=Count("reports", filter=Q(reports__resolved_at=None)),
            )
            .order_by("queue_rank", "submitted_at", "-pk")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "moderate/<int:pk>/",
                ModerateExperienceView.as_view(),
                name="moderate",
            ),
        ]


def reaction_excerpt(reaction):
    return reaction.body[:80] + ("…" if len(reaction.body) > 80 else "")


class ReactionViewSet(ModeratedViewSetMixin, SnippetViewSet):
    model = Reaction
    menu_label = _("Reacties")
    inspect_view_class = ReactionInspectView
    list_display = [
        Column("excerpt", label=_("Reactie"), accessor=reaction_excerpt),
        "experience",
        "municipality",
        "created_at",
        Column("open_reports", label=_("Open meldingen")),
        "hidden_at",
    ]
    search_fields = ["body", "experience__title"]
    inspect_view_fields = [
        "experience",
        "author",
        "municipality",
        "body",
        "created_at",
        "edited_at",
        "hidden_at",
    ]

    def get_queryset(self, request):
        return (
            Reaction.objects.select_related("experience", "municipality")
            .annotate(
                open_reports=Count("reports", filter=Q(reports__resolved_at=None))
            )
            .order_by("-open_reports", "-created_at")
        )


class ModerationViewSetGroup(SnippetViewSetGroup):
    items = (ExperienceViewSet, ReactionViewSet)
    menu_icon = "comment"
    menu_label = _("Moderatie")
    menu_name = "moderation"
    menu_order = 310


def dashboard_lines(request):
    """On the editors' dashboard: experiences waiting, hidden items, open reports."""
    if not request.user.has_perm("experiences.publish_experience"):
        return []
    queue_url = reverse("wagtailsnippets_experiences_experience:list")
    reactions_url = reverse("wagtailsnippets_experiences_reaction:list")
    pending = Experience.objects.awaiting_moderation()
    pending_count = pending.count()
    oldest = pending.filter(submitted_at__isnull=False).order_by("submitted_at")
    oldest = oldest.values_list("submitted_at", flat=True)
    hidden = (
        Experience.objects.filter(hidden_at__isnull=False).count()
        + Reaction.objects.filter(hidden_at__isnull=False).count()
    )
    reports = Report.objects.open().count()
    return [
        WorkLine(
            count=pending_count,
            label=ngettext(
                "ervaring wacht op moderatie",
                "ervaringen wachten op moderatie",
                pending_count,
            ),
            url=f"{queue_url}?status={ModerationStatus.PENDING}",
            detail=waiting_age(oldest.first()) if pending_count else "",
            order=20,
        ),
        WorkLine(
            count=hidden,
            label=ngettext(
                "ervaring of reactie verborgen na meldingen",
                "ervaringen en reacties verborgen na meldingen",
                hidden,
            ),
            url=queue_url,
            order=22,
        ),
        WorkLine(
            count=reports,
            label=ngettext("open melding", "open meldingen", reports),
            url=reactions_url,
            order=24,
        ),
    ]
