"""The newsletter for visitors: sign up, confirm (double opt-in), unsubscribe.

Nothing is sent to an address before its owner used the link in the
confirmation mail. The form answers the same for every address, keeps bots out
with a honeypot and a limit per IP, and mails one address at most three times
an hour.
"""

from django import forms
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView
from taggit.models import Tag

from portal import ratelimit
from portal.mail import send_templated_mail
from portal.mixins import MetaMixin

from . import tokens
from .building import absolute
from .models import Subscriber

SIGNUPS_PER_IP_PER_HOUR = 5
MAILS_PER_ADDRESS_PER_HOUR = 3


def themes_in_use():
    return (
        Tag.objects.filter(
            Q(casestudies_casestudypagetag_items__isnull=False)
            | Q(experiences_experiencetheme_items__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Je e-mailadres"),
        error_messages={
            "required": gettext_lazy("Vul je e-mailadres in."),
            "invalid": gettext_lazy(
                "Dit is geen geldig e-mailadres, bijvoorbeeld naam@gemeente.be."
            ),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Over welke thema's wil je lezen?"),
        queryset=Tag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Kies minstens één thema."),
            "invalid_choice": gettext_lazy("Kies thema's uit de lijst."),
            "invalid_pk_value": gettext_lazy("Kies thema's uit de lijst."),
        },
        to_field_name="slug",
    )
    # Left empty by people; bots fill in every field.
    website = forms.CharField(label=gettext_lazy("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes_in_use()


class SignUpView(MetaMixin, FormView):
    template_name = "digests/newsletter_form.html"
    form_class = SignUpForm
    meta_title = gettext_lazy("Nieuwsbrief")
    meta_description = gettext_lazy(
        "Eens per week wat er nieuw is over de thema's die je kiest."
    )

    def post(self, request, *args, **kwargs):
        ip = ratelimit.client_ip(request)
        if ratelimit.is_limited("newsletter", ip, SIGNUPS_PER_IP_PER_HOUR):
            return ratelimit.too_many_requests(
                request,
                _("Te veel inschrijvingen vanaf dit adres. Probeer het over een uur."),
                retry_after=ratelimit.seconds_left("newsletter", ip),
            )
        ratelimit.hit("newsletter", ip, 60 * 60)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data["website"]:
            # A bot: the same answer, and nothing saved or sent.
            return redirect("digests:newsletter-sent")
        sign_up(form.cleaned_data["email"], form.cleaned_data["themes"])
        return redirect("digests:newsletter-sent")


def sign_up(email, themes):
    subscriber, _created = Subscriber.objects.get_or_create(
        email=Subscriber(email=email).normalized_email()
    )
    if ratelimit.is_limited("newsletter-mail", subscriber.email, 3):
        return
    ratelimit.hit("newsletter-mail", subscriber.email, 60 * 60)
    if subscriber.confirmed_at:
        template = "digests/email/already_subscribed"
        link = absolute(
            "/volgen/nieuwsbrief/afmelden/"
            f"{tokens.subscriber_token(subscriber, tokens.UNSUBSCRIBE)}/"
        )
    else:
        subscriber.themes.set(themes)
        template = "digests/email/confirm"
        link = absolute(
            "/volgen/nieuwsbrief/bevestig/"
            f"{tokens.subscriber_token(subscriber, tokens.CONFIRM)}/"
        )
    send_templated_mail(
        template,
        {"link": link, "themes": [theme.name for theme in subscriber.themes.all()]},
        [subscriber.email],
    )


class SentView(MetaMixin, TemplateView):
    template_name = "digests/newsletter_sent.html"
    meta_title = gettext_lazy("Bevestig je inschrijving")
    meta_noindex = True


class SubscriberTokenMixin(MetaMixin):
    purpose = None
    meta_noindex = True

    def dispatch(self, request, *args, **kwargs):
        key = tokens.subscriber_key_from(kwargs["token"], self.purpose)
        self.subscriber = Subscriber.objects.filter(key=key).first() if key else None
        if self.subscriber is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ConfirmView(SubscriberTokenMixin, TemplateView):
    """GET asks (mail scanners open links); the button confirms."""

    purpose = tokens.CONFIRM
    template_name = "digests/newsletter_confirm.html"
    meta_title = gettext_lazy("Bevestig je inschrijving")

    def post(self, request, token):
        if not self.subscriber.confirmed_at:
            self.subscriber.confirmed_at = timezone.now()
            self.subscriber.save(update_fields=["confirmed_at"])
        return self.render_to_response(self.get_context_data(done=True))


@method_decorator(csrf_exempt, name="dispatch")
class NewsletterUnsubscribeView(SubscriberTokenMixin, TemplateView):
    """One click (RFC 8058 POST, or the button): the sign-up is erased."""

    purpose = tokens.UNSUBSCRIBE
    template_name = "digests/unsubscribe.html"
    meta_title = gettext_lazy("Afmelden")

    def post(self, request, token):
        Subscriber.objects.erase_person(email=self.subscriber.email)
        return self.render_to_response(self.get_context_data(done=True))
