"""The experiences' public pages and every member's writing screens.

`ExperienceIndexPage` routes its sub-URLs here and passes itself as `index_page`,
so these views render inside the page (menu, breadcrumbs) with plain Django
forms and class-based views.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView, View
from wagtail.models import Site

from casestudies.models import CaseStudyPage
from experiences import services
from experiences.filters import ExperienceFilter
from experiences.forms import ExperienceForm, ReactionForm, ReportForm
from experiences.models import (
    Experience,
    Reaction,
    experience_for_detail,
    reported_by,
    visible_reactions,
)
from network.views import MemberRequiredMixin
from portal import formtokens, ratelimit
from portal.mixins import MetaMixin
from portal.roles import is_network_member
from portal.search import BoundedPaginator
from portal.storage import StorageFull

EXPERIENCES_PER_PAGE = 12
EXPERIENCES_PER_HOUR = 10
REACTIONS_PER_HOUR = 30
PRACTICE_LOOKUP_MIN_LENGTH = 2
PRACTICE_LOOKUP_RESULTS = 10


class IndexPageMixin(MetaMixin):
    """Renders inside the experiences page, which the route passes in."""

    index_page = None
    meta_noindex = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.index_page
        return context


def is_moderator(user):
    return user.is_authenticated and user.has_perm("experiences.change_experience")


class ExperienceListView(IndexPageMixin, ListView):
    template_name = "experiences/experience_index_page.html"
    context_object_name = "experiences"
    paginate_by = EXPERIENCES_PER_PAGE
    meta_noindex = False

    def get_queryset(self):
        self.filter_form = ExperienceFilter(self.request.GET)
        return self.filter_form.filter(Experience.objects.published())

    def get_paginator(self, queryset, *args, **kwargs):
        # A search counts a bounded number of matches (portal.search).
        if self.filter_form.values["q"]:
            return BoundedPaginator(queryset, *args, **kwargs)
        return super().get_paginator(queryset, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # A page number past the end shows the last page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = self.filter_form.active_count()
        context.update(
            filter_form=self.filter_form,
            filters_active=active,
            feed_query=self.filter_form.querystring(),
            meta_noindex=active > 0,
            can_post=is_network_member(self.request.user),
        )
        return context


class ActionURLs:
    """The URLs of the actions on experiences and reactions below `page`
    (`experience_action`, `reaction_action`), each action reversed once per
    request: the detail page links up to four per reaction, and each
    `{% routablepageurl %}` found the site and reversed its route again."""

    # Stands for the item's id while reversing: no action's name has digits.
    _ID = 987654321

    def __init__(self, page, request):
        self._page = page
        self._base = page.relative_url(Site.find_for_request(request), request)
        if not self._base.endswith("/"):
            self._base += "/"
        self._parts = {}

    def _url(self, route, pk, action):
        parts = self._parts.get((route, action))
        if parts is None:
            path = self._page.reverse_subpage(route, args=(self._ID, action))
            parts = self._parts[route, action] = (self._base + path).rsplit(
                str(self._ID), 1
            )
        return f"{parts[0]}{pk}{parts[1]}"

    def experience(self, pk, *actions):
        return {
            action: self._url("experience_action", pk, action) for action in actions
        }

    def reaction(self, pk, *actions):
        return {action: self._url("reaction_action", pk, action) for action in actions}


class ExperienceDetailView(IndexPageMixin, TemplateView):
    template_name = "experiences/experience_page.html"
    meta_noindex = False

    def get(self, request, pk, slug):
        experience = experience_for_detail(pk)
        if experience is None:
            raise Http404
        user = request.user
        is_author = user.is_authenticated and experience.author_id == user.pk
        if not experience.is_public and not (is_author or is_moderator(user)):
            raise Http404
        if slug != experience.slug:
            return redirect(experience.get_absolute_url(), permanent=True)
        self.experience = experience
        self.is_author = is_author
        return self.render_to_response(
            self.get_context_data(reaction_form=ReactionForm())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        experience, user = self.experience, self.request.user
        is_member = is_network_member(user)
        reactions = visible_reactions(experience)
        urls = ActionURLs(self.index_page, self.request)
        # What the member reported here, the experience and its reactions.
        experience_reported, reported_reactions = (
            reported_by(user, experience) if is_member else (False, set())
        )
        if experience.answer_id:
            # The answer to a question shows first.
            reactions.sort(key=lambda reaction: reaction.pk != experience.answer_id)
        for reaction in reactions:
            reaction.is_answer = reaction.pk == experience.answer_id
            reaction.is_mine = user.is_authenticated and reaction.author_id == user.pk
            reaction.editable = reaction.can_be_edited_by(user)
            reaction.reported = reaction.pk in reported_reactions
            # Signed up to three times on the page (name, and each button's
            # label for screen readers).
            reaction.byline = reaction.author_name()
            reaction.urls = urls.reaction(
                reaction.pk, "bewerken", "verwijderen", "melden", "antwoord"
            )
        context.update(
            experience=experience,
            experience_urls=urls.experience(
                experience.pk,
                "bewerken",
                "intrekken",
                "verwijderen",
                "melden",
                "reageren",
            ),
            reactions=reactions,
            is_author=self.is_author,
            is_member=is_member,
            can_react=is_member and experience.is_public,
            can_mark_answer=experience.is_question
            and experience.is_public
            and (self.is_author or is_moderator(user)),
            experience_reported=experience_reported,
            meta_title=experience.title,
            meta_description=experience.summary,
            meta_noindex=not experience.is_public,
        )
        return context


# Writing ------------------------------------------------------------------------------


class ExperienceFormMixin(MemberRequiredMixin, IndexPageMixin):
    form_class = ExperienceForm
    template_name = "experiences/experience_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_instance()}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # Where the suggestions script asks for practices by title.
        form.fields["case_study_url"].widget.attrs["data-practice-lookup"] = (
            self.index_page.url + self.index_page.reverse_subpage("practice_lookup")
        )
        return form

    def form_valid(self, form):
        # Posted twice (a double click), it is saved once; the second post
        # lands on the first one's page.
        try:
            url, _first = formtokens.once(
                "experience", form.token, lambda: self.save(form)
            )
        except StorageFull:
            form.add_error(
                "photo_upload",
                _(
                    "We konden je foto niet bewaren: de opslag van de website is "
                    "vol. Er is niets bewaard; je tekst staat hieronder nog. "
                    "Probeer het later opnieuw of bewaar zonder foto."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=507)
        return redirect(url)

    def save(self, form):
        """Save what the member wrote; return where they go next."""
        submit = "submit" in self.request.POST
        experience = services.save_experience(
            form.apply(), self.request.user, submit=submit, photo=form.photo_image
        )
        if submit:
            messages.success(
                self.request,
                _(
                    "Bedankt! De redactie bekijkt je bijdrage en publiceert ze zo snel "
                    "mogelijk. Je krijgt een e-mail."
                ),
            )
        else:
            messages.success(self.request, _("Je concept is bewaard."))
        return experience.get_absolute_url()


class PracticeLookupView(MemberRequiredMixin, IndexPageMixin, View):
    """Practices whose title holds `q`, for the experience form's suggestions
    (experiences/js/practice-lookup.js): a few, those starting with it first."""

    def get(self, request):
        query = " ".join(request.GET.get("q", "").split())[:100]
        if len(query) < PRACTICE_LOOKUP_MIN_LENGTH:
            return JsonResponse({"results": []})
        practices = (
            CaseStudyPage.objects.live()
            .public()
            .filter(title__icontains=query)
            .select_related("municipality")
            .annotate(
                starts=Case(
                    When(title__istartswith=query, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("starts", "title", "pk")[:PRACTICE_LOOKUP_RESULTS]
        )
        return JsonResponse(
            {
                "results": [
                    {
                        "title": practice.title,
                        "municipality": practice.municipality.name,
                        "url": practice.get_full_url(request),
                    }
                    for practice in practices
                ]
            }
        )


class ExperienceCreateView(ExperienceFormMixin, FormView):
    meta_title = gettext_lazy("Deel een ervaring")

    def get_instance(self):
        return Experience()

    def get_initial(self):
        # From a practice's "Deel je ervaring": link that practice already.
        slug = self.request.GET.get("praktijk", "")
        practice = (
            CaseStudyPage.objects.live().public().filter(slug=slug).first()
            if slug
            else None
        )
        return {"case_study_url": practice.full_url} if practice else {}

    def post(self, request, *args, **kwargs):
        if ratelimit.is_limited("experience", request.user.pk, EXPERIENCES_PER_HOUR):
            return ratelimit.too_many_requests(
                request,
                _(
                    "Je plaatste het voorbije uur al tien bijdragen. Dat is het "
                    "maximum; probeer het over een uur opnieuw."
                ),
                retry_after=ratelimit.seconds_left("experience", request.user.pk),
            )
        return super().post(request, *args, **kwargs)

    def save(self, form):
        ratelimit.hit("experience", self.request.user.pk, 60 * 60)
        return super().save(form)


def own_experience(request, pk, experiences=Experience.objects):
    """The member's own experience; anyone else's is a 404, never a 403."""
    return get_object_or_404(experiences, pk=pk, author=request.user)


class ExperienceEditView(ExperienceFormMixin, FormView):
    meta_title = gettext_lazy("Ervaring bewerken")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # With its latest revision, which the form starts from.
            self.experience = own_experience(
                request,
                kwargs["pk"],
                Experience.objects.select_related("latest_revision"),
            )
        return super().dispatch(request, *args, **kwargs)

    def get_instance(self):
        return self.experience.get_latest_revision_as_object()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["experience"] = self.experience
        return context


class ExperienceWithdrawView(MemberRequiredMixin, IndexPageMixin, View):
    def post(self, request, pk):
        experience = own_experience(request, pk)
        services.withdraw(experience, request.user)
        messages.success(
            request,
            _("Je ervaring staat niet meer online. Je kunt ze opnieuw indienen."),
        )
        return redirect("account:dashboard")

    def get(self, request, pk):
        return HttpResponseNotAllowed(["POST"])


class ExperienceDeleteView(MemberRequiredMixin, IndexPageMixin, TemplateView):
    template_name = "experiences/experience_delete.html"
    meta_title = gettext_lazy("Ervaring verwijderen")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.experience = own_experience(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "experience": self.experience}

    def post(self, request, pk):
        services.delete_experience(self.experience)
        messages.success(request, _("Je ervaring is verwijderd."))
        return redirect("account:dashboard")


# Reactions ----------------------------------------------------------------------------


def public_experience(pk):
    return get_object_or_404(Experience.objects.published(), pk=pk)


class ReactionCreateView(MemberRequiredMixin, IndexPageMixin, View):
    def post(self, request, pk):
        experience = public_experience(pk)
        if ratelimit.is_limited("reaction", request.user.pk, REACTIONS_PER_HOUR):
            return ratelimit.too_many_requests(
                request,
                _(
                    "Je plaatste het voorbije uur al dertig reacties. Dat is het "
                    "maximum; probeer het over een uur opnieuw."
                ),
                retry_after=ratelimit.seconds_left("reaction", request.user.pk),
            )
        form = ReactionForm(request.POST)
        if not form.is_valid():
            view = ExperienceDetailView(
                request=request, index_page=self.index_page, kwargs={}
            )
            view.experience, view.is_author = experience, False
            return view.render_to_response(
                view.get_context_data(reaction_form=form), status=400
            )
        ratelimit.hit("reaction", request.user.pk, 60 * 60)
        reaction = services.add_reaction(
            experience, request.user, form.cleaned_data["body"]
        )
        messages.success(request, _("Je reactie staat online."))
        return redirect(reaction.get_absolute_url())

    def get(self, request, pk):
        return redirect(public_experience(pk).get_absolute_url())


def own_reaction(request, pk):
    return get_object_or_404(
        Reaction.objects.select_related("experience"), pk=pk, author=request.user
    )


class ReactionEditView(MemberRequiredMixin, IndexPageMixin, FormView):
    form_class = ReactionForm
    template_name = "experiences/reaction_form.html"
    meta_title = gettext_lazy("Reactie bewerken")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.reaction = own_reaction(request, kwargs["pk"])
            if not self.reaction.can_be_edited_by(request.user):
                messages.error(
                    request,
                    _(
                        "Een reactie kun je tot 15 minuten na het plaatsen bewerken. "
                        "Verwijderen kan altijd."
                    ),
                )
                return redirect(self.reaction.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"body": self.reaction.body}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "reaction": self.reaction}

    def form_valid(self, form):
        services.edit_reaction(self.reaction, form.cleaned_data["body"])
        messages.success(self.request, _("Je reactie is aangepast."))
        return redirect(self.reaction.get_absolute_url())


class ReactionDeleteView(MemberRequiredMixin, IndexPageMixin, TemplateView):
    template_name = "experiences/reaction_delete.html"
    meta_title = gettext_lazy("Reactie verwijderen")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.reaction = own_reaction(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "reaction": self.reaction}

    def post(self, request, pk):
        experience = self.reaction.experience
        self.reaction.delete()
        messages.success(request, _("Je reactie is verwijderd."))
        return redirect(experience.get_absolute_url())


# Reports ------------------------------------------------------------------------------


class ReportView(MemberRequiredMixin, IndexPageMixin, FormView):
    """Report an experience or a reaction: once per member, never your own.

    Subclasses say what is reported with `get_item(pk)`.
    """

    form_class = ReportForm
    template_name = "experiences/report_form.html"
    meta_title = gettext_lazy("Melden aan de redactie")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.item = self.get_item(kwargs["pk"])
        if self.item.author_id == request.user.pk:
            messages.error(request, _("Je eigen bijdrage kun je niet melden."))
            return redirect(self.item.get_absolute_url())
        if self.item.reports.filter(reporter=request.user).exists():
            messages.info(request, _("Je meldde dit al. De redactie bekijkt het."))
            return redirect(self.item.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item}

    def form_valid(self, form):
        services.report(self.item, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request, _("Bedankt voor je melding. De redactie bekijkt ze.")
        )
        experience = getattr(self.item, "experience", None) or self.item
        if not experience.is_public:
            return redirect(self.index_page.url)
        return redirect(experience.get_absolute_url())


class ExperienceReportView(ReportView):
    def get_item(self, pk):
        return public_experience(pk)


class ReactionReportView(ReportView):
    def get_item(self, pk):
        return get_object_or_404(
            Reaction.objects.visible().filter(
                experience__in=Experience.objects.published()
            ),
            pk=pk,
        )


class MarkAnswerView(LoginRequiredMixin, IndexPageMixin, View):
    """The question's author, or an editor, marks a reaction as the answer."""

    def post(self, request, pk):
        reaction = get_object_or_404(
            Reaction.objects.visible().select_related("experience"), pk=pk
        )
        experience = reaction.experience
        may = experience.author_id == request.user.pk or is_moderator(request.user)
        if not (may and experience.is_question and experience.is_public):
            raise Http404
        services.mark_answer(experience, reaction)
        experience.refresh_from_db()
        if experience.answer_id:
            messages.success(request, _("De reactie staat nu bovenaan als antwoord."))
        else:
            messages.success(request, _("De reactie is niet langer het antwoord."))
        return redirect(reaction.get_absolute_url())

    def get(self, request, pk):
        return HttpResponseNotAllowed(["POST"])


EXPERIENCE_ACTIONS = {
    "bewerken": ExperienceEditView,
    "intrekken": ExperienceWithdrawView,
    "verwijderen": ExperienceDeleteView,
    "reageren": ReactionCreateView,
    "melden": ExperienceReportView,
}
REACTION_ACTIONS = {
    "bewerken": ReactionEditView,
    "verwijderen": ReactionDeleteView,
    "melden": ReactionReportView,
    "antwoord": MarkAnswerView,
}
