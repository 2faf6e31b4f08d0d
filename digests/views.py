"""Following and the digest settings: as a member, and through a mail's signed links."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView, View
from taggit.models import Tag

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from experiences.models import Experience, ExperienceTheme, experiences_url
from network.views import MemberRequiredMixin
from portal.mixins import MetaMixin
from portal.roles import is_network_member

from . import tokens
from .follows import EMPTY_CRITERIA, follow_list, target_for, target_from_post
from .models import DigestPreference, Follow, Frequency, frequency_of
from .questions import oldest_waiting_questions


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak wil je e-mail over wat je volgt?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies hoe vaak je e-mail wilt.")},
    )


def set_frequency(user, frequency):
    DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )


def _next_url(request, fallback):
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def _joined(labels):
    """‘A’, ‘B’ en ‘C’ inside the message's own quotes."""
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s’ en ‘%(last)s") % {
        "first": "’, ‘".join(labels[:-1]),
        "last": labels[-1],
    }


class FollowToggleView(MemberRequiredMixin, View):
    """Follow what a button names, or stop following it if already followed;
    a selection of several themes is followed (or stopped) all at once."""

    def post(self, request):
        target = target_from_post(request.POST)
        if target is None:
            return HttpResponseBadRequest(
                _("Dit kun je niet volgen. Ga terug en probeer het opnieuw.")
            )
        missing = target.missing(request.user)
        if not missing:
            existing = target.existing(request.user)
            labels = _joined([follow.label() for follow in existing])
            Follow.objects.filter(pk__in=[follow.pk for follow in existing]).delete()
            messages.success(
                request, _("Je volgt ‘%(label)s’ niet meer.") % {"label": labels}
            )
        else:
            follows = [
                Follow.objects.create(user=request.user, **criteria)
                for criteria in missing
            ]
            messages.success(
                request,
                _(
                    "Je volgt nu ‘%(label)s’. Wat er nieuw is, krijg je in je "
                    "digest (%(frequency)s)."
                )
                % {
                    "label": _joined([follow.label() for follow in follows]),
                    "frequency": dict(Frequency.choices)[frequency_of(request.user)]
                    .split(":")[0]
                    .lower(),
                },
            )
        return redirect(_next_url(request, "digests:settings"))

    def get(self, request):
        return redirect("digests:settings")


class UnfollowView(MemberRequiredMixin, View):
    def post(self, request, pk):
        follow = get_object_or_404(Follow, pk=pk, user=request.user)
        label = follow.label()
        follow.delete()
        messages.success(
            request, _("Je volgt ‘%(label)s’ niet meer.") % {"label": label}
        )
        return redirect(_next_url(request, "digests:settings"))


class FollowSettingsView(MemberRequiredMixin, MetaMixin, FormView):
    """What the member follows and how often they hear about it."""

    template_name = "digests/settings.html"
    form_class = FrequencyForm
    meta_title = gettext_lazy("Wat ik volg")
    meta_noindex = True

    def get_initial(self):
        return {"frequency": frequency_of(self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["follows"] = follow_list(self.request.user)
        return context

    def form_valid(self, form):
        set_frequency(self.request.user, form.cleaned_data["frequency"])
        messages.success(self.request, _("Je keuze is bewaard."))
        return redirect("digests:settings")


class TokenUserMixin(MetaMixin):
    """The person a mail's signed link was made for; any other link is a 404."""

    purpose = None
    meta_noindex = True

    def dispatch(self, request, *args, **kwargs):
        user_id = tokens.user_id_from(kwargs["token"], self.purpose)
        self.person = (
            get_user_model().objects.filter(pk=user_id, is_active=True).first()
            if user_id
            else None
        )
        if self.person is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(TokenUserMixin, TemplateView):
    """GET asks (mail scanners open links); POST unsubscribes, also as the
    RFC 8058 one-click POST a mail client sends without a form or cookie."""

    purpose = tokens.UNSUBSCRIBE
    template_name = "digests/unsubscribe.html"
    meta_title = gettext_lazy("Afmelden")

    def post(self, request, token):
        set_frequency(self.person, Frequency.NEVER)
        return self.render_to_response(self.get_context_data(done=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["settings_url"] = (
            f"/volgen/instellingen/{tokens.make_token(self.person, tokens.SETTINGS)}/"
        )
        return context


class TokenSettingsView(TokenUserMixin, FormView):
    """How often, chosen from a mail's link without logging in."""

    purpose = tokens.SETTINGS
    template_name = "digests/token_settings.html"
    form_class = FrequencyForm
    meta_title = gettext_lazy("Hoe vaak wil je e-mail?")

    def get_initial(self):
        return {"frequency": frequency_of(self.person)}

    def form_valid(self, form):
        set_frequency(self.person, form.cleaned_data["frequency"])
        messages.success(self.request, _("Je keuze is bewaard."))
        return redirect(self.request.path)


def feed_link(subject):
    """The RSS feed of a municipality, or of the one theme a filter shows."""
    if subject.get("theme") is not None:
        return reverse("digests:theme-feed", args=[subject["theme"].slug])
    if subject.get("municipality") is not None:
        return reverse("digests:municipality-feed", args=[subject["municipality"].slug])
    for name in ("practice_filter", "experience_filter"):
        list_filter = subject.get(name)
        if list_filter is None:
            continue
        themes = list_filter.values.get("thema") or []
        themes = [themes] if isinstance(themes, str) else themes
        if len(themes) == 1:
            return reverse("digests:theme-feed", args=[themes[0]])
    return None


def followed_annotation(request, subject):
    """For a member: whether they follow the outer row, a `subject` of the
    follow button ("municipality"), as an annotation that spares
    the button's query (see `follow_button`)."""
    if request is None or not is_network_member(request.user):
        return {}
    return member_followed_annotation(request.user.pk, subject)


def member_followed_annotation(member, subject):
    """`followed_annotation` for the member whose id is `member` (None: no
    member, no annotation); the id may be a placeholder of a precompiled query."""
    if member is None:
        return {}
    # The one follow `target_for(**{subject: ...})` names.
    criteria = {**EMPTY_CRITERIA, subject: OuterRef("pk")}
    return {
        "followed_by_member": Exists(Follow.objects.filter(user_id=member, **criteria))
    }


def follow_button(request, **subject):
    """The follow button (members) and the subject's feed (everyone), for the
    `portal_page_actions` hook."""
    if request is None:
        return ""
    feed_url = feed_link(subject)
    target = target_for(**subject) if is_network_member(request.user) else None
    if target is None:
        if not feed_url:
            return ""
        return render_to_string(
            "digests/includes/feed_link.html", {"feed_url": feed_url}
        )
    known = None
    if len(subject) == 1:
        known = getattr(next(iter(subject.values())), "followed_by_member", None)
    following = known if known is not None else not target.missing(request.user)
    return render_to_string(
        "digests/includes/follow_button.html",
        {
            "target": target,
            "labels": target.labels() if target.described else [],
            "fields": target.post_data(),
            "following": following,
            "feed_url": feed_url,
            "next": request.get_full_path(),
        },
        request=request,
    )


def dashboard_annotations():
    """For the dashboard's query of the member's profile: their digest
    frequency (None: never chosen, so weekly)."""
    chosen = DigestPreference.objects.filter(user=OuterRef("user"))
    return {"digest_frequency": Subquery(chosen.values("frequency")[:1])}


def dashboard_section(request, profile):
    """Everything the member follows, each with a button to stop, on /account/.
    `profile` comes with `dashboard_annotations`."""
    if request is None or not is_network_member(request.user):
        return ""
    follows = follow_list(request.user)
    theme_ids = {follow.theme_id for follow in follows if follow.theme_id}
    questions = oldest_waiting_questions(theme_ids) if theme_ids else []
    return render_to_string(
        "digests/includes/dashboard_follows.html",
        {
            "follows": follows,
            "questions": questions,
            "frequency": dict(Frequency.choices)[
                profile.digest_frequency or Frequency.WEEKLY
            ],
            "next": request.path,
        },
        request=request,
    )


def member_data(user):
    return {
        "digest_frequency": frequency_of(user),
        "follows": [
            {"label": follow.label(), "since": follow.created_at.isoformat()}
            for follow in Follow.objects.filter(user=user).for_digest()
        ],
    }


THEME_PAGE_ITEMS = 10


class ThemeView(MetaMixin, TemplateView):
    """A theme: its newest practices and experiences, its feed, a follow button."""

    template_name = "digests/theme.html"

    def get_context_data(self, slug, **kwargs):
        theme = get_object_or_404(Tag, slug=slug)
        tagged = ExperienceTheme.objects.filter(tag=theme)
        index = CaseStudyIndexPage.objects.live().public().first()
        context = super().get_context_data(**kwargs)
        context.update(
            theme=theme,
            practices=list(
                CaseStudyPage.objects.live()
                .public()
                .filter(themes__slug=slug)
                .select_related("municipality")
                .order_by("-first_published_at", "-pk")[:THEME_PAGE_ITEMS]
            ),
            experiences=list(
                Experience.objects.published()
                .filter(pk__in=tagged.values("content_object_id"))
                .select_related("municipality")
                .order_by("-first_published_at", "-pk")[:THEME_PAGE_ITEMS]
            ),
            practices_url=f"{index.url}?thema={slug}" if index else None,
            experiences_url=f"{experiences_url()}?thema={slug}",
            meta_title=_("Thema: %(name)s") % {"name": theme.name},
            meta_description=_(
                "Praktijkvoorbeelden en ervaringen over ‘%(name)s’ in het lerend "
                "netwerk pleinmakers."
            )
            % {"name": theme.name},
        )
        return context
