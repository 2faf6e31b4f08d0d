"""The editors' side: preview a member's next digest, see the last run."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .building import PeriodContent
from .models import Frequency, frequency_of
from .sending import IMMEDIATE_WINDOW, daily_period, recipients, weekly_period

PREVIEW_PERMISSION = "digests.view_digestrun"


def members():
    return (
        get_user_model()
        .objects.filter(is_active=True, member_profile__isnull=False)
        .select_related("member_profile__municipality", "digest_preference")
        .order_by("last_name", "first_name", "pk")
    )


class PreviewForm(forms.Form):
    lid = forms.ModelChoiceField(
        label=gettext_lazy("Lid"),
        queryset=members(),
        error_messages={"invalid_choice": gettext_lazy("Kies een lid uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name and municipality only, as on the site; never the e-mail address.
        self.fields["lid"].label_from_instance = lambda user: (
            f"{user.get_full_name() or _('lid zonder naam')} "
            f"({user.member_profile.municipality.name})"
        )


def next_period(user, now):
    """What the member's next digest holds so far: from the end of the last
    period until now."""
    frequency = frequency_of(user)
    if frequency == Frequency.DAILY:
        return daily_period(now).end, now
    if frequency == Frequency.IMMEDIATELY:
        return now - IMMEDIATE_WINDOW, now
    return weekly_period(now).end, now


def preview(request):
    if not request.user.has_perm(PREVIEW_PERMISSION):
        raise PermissionDenied
    form = PreviewForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        user = form.cleaned_data["lid"]
        now = timezone.now()
        start, end = next_period(user, now)
        digest = PeriodContent(start, end, now=now).digest_for(user)
        will_receive = recipients().filter(pk=user.pk).exists()
        mail_context = {
            # No name, no address and no working links: the signed links would
            # let whoever holds them unsubscribe the member.
            "greeting": _("collega"),
            "digest": digest,
            "subject": _("Voorbeeld"),
            "intro": _("Zo ziet de volgende digest er nu uit."),
            "unsubscribe_url": "#",
            "settings_url": "#",
        }
        context.update(
            member=user,
            frequency=dict(Frequency.choices)[frequency_of(user)],
            will_receive=will_receive,
            digest=digest,
            start=start,
            html=render_to_string("digests/email/digest_body.html", mail_context),
            text=render_to_string("digests/email/digest_body.txt", mail_context),
        )
    return TemplateResponse(request, "digests/admin/preview.html", context)
