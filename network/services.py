"""The network's workflows: deciding on applications, inviting, exporting, deleting.

Views and the admin call these; each saves first and sends e-mail after, so a
failing mail server never loses a decision or an application.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from network.models import (
    ApplicationStatus,
    MemberProfile,
    MembershipApplication,
    MembershipStatus,
    Municipality,
    bump_data_version,
)
from network.tokens import INVITATION_VALID_FOR, invitation_token_generator
from portal.mail import send_templated_mail
from portal.models import ExperienceChoice, normalize_email
from portal.roles import MEMBERS_GROUP, editor_emails

APPROVE_ACTION = "network.application.approve"
REJECT_ACTION = "network.application.reject"
REVIEW_ACTION = "network.application.review"
INVITE_ACTION = "network.member.invite"
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


def absolute(path):
    return f"{settings.PORTAL_BASE_URL}{path}"


def application_admin_url(application):
    return absolute(
        reverse(
            "wagtailsnippets_network_membershipapplication:inspect",
            args=[application.pk],
        )
    )


def invitation_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    return absolute(reverse("account:invitation", args=[uid, token]))


def send_invitation(user, template="network/email/invitation", **context):
    return send_templated_mail(
        template,
        {
            "user": user,
            "invitation_url": invitation_url(user),
            "valid_days": INVITATION_VALID_FOR.days,
            "login_url": absolute(reverse("account:login")),
            **context,
        },
        [user.email],
    )


def submit_application(application):
    """Save a new application and tell the applicant and the editors.

    The municipality's public status stays as it is: anyone may fill in the form,
    so it shows as a candidate only once an editor takes the application up.
    """
    municipality = application.municipality
    application.is_colleague = municipality.is_member
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    context = {
        "application": application,
        "admin_url": application_admin_url(application),
    }
    send_templated_mail(
        "network/email/application_received", context, [application.email]
    )
    recipients = editor_emails()
    if recipients:
        send_templated_mail("network/email/application_to_editors", context, recipients)
    return application


def explain_known_address(email, reason):
    """Tell an address that already has an account (`account`), an open
    application (`open-application`) or an account a colleague tried to
    invite (`invited`)."""
    send_templated_mail(
        "network/email/join_known_address",
        {
            "has_account": reason == "account",
            "was_invited": reason == "invited",
            "login_url": absolute(reverse("account:login")),
            "reset_url": absolute(reverse("account:password-reset")),
        },
        [email],
    )


def _split_name(full_name):
    first, _space, last = full_name.strip().partition(" ")
    return first, last


def create_member(
    email,
    municipality,
    *,
    first_name,
    last_name,
    invited_by=None,
    job_title="",
    phone="",
):
    """An account without a usable password yet, in Netwerkleden, with a profile."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=normalize_email(email),
        defaults={
            "first_name": first_name,
            "last_name": last_name,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=MEMBERS_GROUP))
    MemberProfile.objects.get_or_create(
        user=user,
        defaults={
            "municipality": municipality,
            "job_title": job_title,
            "phone": phone,
            "invited_by": invited_by,
        },
    )
    return user, created


def take_up(application, editor):
    """An editor accepts a submitted application for review; from now on the
    municipality shows publicly as a candidate. Returns True when this call did it."""
    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.status != ApplicationStatus.SUBMITTED:
            return False
        locked.status = ApplicationStatus.IN_REVIEW
        locked.save(update_fields=["status"])
        changed = Municipality.objects.filter(
            pk=locked.municipality_id,
            membership_status__in=[MembershipStatus.NONE, MembershipStatus.FORMER],
        ).update(membership_status=MembershipStatus.CANDIDATE)
        log(locked, REVIEW_ACTION, user=editor)
    if changed:
        bump_data_version()
    return True


def approve(application, editor, note=""):
    """Approve once: make the municipality a member and create one account.

    The row lock makes a second editor (or a second click) wait and then see the
    application already decided, so it never creates a second account.
    Returns True when this call made the decision.
    """
    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.status not in OPEN_STATUSES:
            return False
        municipality = Municipality.objects.select_for_update().get(
            pk=locked.municipality_id
        )
        if not municipality.is_member:
            municipality.membership_status = MembershipStatus.MEMBER
        municipality.member_since = municipality.member_since or timezone.localdate()
        municipality.save(update_fields=["membership_status", "member_since"])
        first_name, last_name = _split_name(locked.full_name)
        user, created = create_member(
            locked.email,
            municipality,
            first_name=first_name,
            last_name=last_name,
            job_title=locked.job_title,
            phone=locked.phone,
        )
        locked.status = ApplicationStatus.APPROVED
        locked.decision_note = note
        locked.decided_by = editor
        locked.decided_at = timezone.now()
        locked.user = user
        locked.save()
        log(locked, APPROVE_ACTION, user=editor, data={"note": note})
    bump_data_version()
    if created or not user.has_usable_password():
        send_invitation(user, application=locked, note=note)
    return True


def reject(application, editor, note):
    """Reject once and tell the applicant why."""
    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(
            pk=application.pk
        )
        if locked.status not in OPEN_STATUSES:
            return False
        locked.status = ApplicationStatus.REJECTED
        locked.decision_note = note
        locked.decided_by = editor
        locked.decided_at = timezone.now()
        locked.save()
        still_in_review = MembershipApplication.objects.filter(
            municipality_id=locked.municipality_id,
            status=ApplicationStatus.IN_REVIEW,
        ).exists()
        changed = 0
        if not still_in_review:
            changed = Municipality.objects.filter(
                pk=locked.municipality_id,
                membership_status=MembershipStatus.CANDIDATE,
            ).update(membership_status=MembershipStatus.NONE)
        log(locked, REJECT_ACTION, user=editor, data={"note": note})
    if changed:
        bump_data_version()
    send_templated_mail(
        "network/email/application_rejected",
        {"application": locked, "note": note},
        [locked.email],
    )
    return True


def invite_colleague(inviter, email, first_name, last_name):
    """A member invites a colleague of the same municipality; editors are told."""
    municipality = inviter.member_profile.municipality
    with transaction.atomic():
        user, _created = create_member(
            email,
            municipality,
            first_name=first_name,
            last_name=last_name,
            invited_by=inviter,
        )
        log(user.member_profile, INVITE_ACTION, user=inviter)
    send_invitation(
        user,
        template="network/email/colleague_invitation",
        inviter=inviter,
        municipality=municipality,
    )
    recipients = editor_emails()
    if recipients:
        send_templated_mail(
            "network/email/colleague_invited_to_editors",
            {"inviter": inviter, "user": user, "municipality": municipality},
            recipients,
        )
    return user


def _export_account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _export_profile(user):
    profile = getattr(user, "member_profile", None)
    if profile is None:
        return None
    return {
        "municipality": profile.municipality.name,
        "municipality_nis_code": profile.municipality.nis_code,
        "job_title": profile.job_title,
        "phone": profile.phone,
        "listed_publicly": profile.listed_publicly,
        "email_visible_to_members": profile.email_visible_to_members,
        "phone_visible_to_members": profile.phone_visible_to_members,
        "consents": {
            option: getattr(profile, since).isoformat()
            for option, since in profile.SHARING_FIELDS.items()
            if getattr(profile, since)
        },
        "created_at": profile.created_at.isoformat(),
    }


def _my_applications(user):
    return (
        MembershipApplication.objects.filter(user=user)
        | MembershipApplication.objects.filter(email=normalize_email(user.email))
    ).select_related("municipality")


def _export_applications(user):
    return [
        {
            "municipality": application.municipality.name,
            "full_name": application.full_name,
            "job_title": application.job_title,
            "email": application.email,
            "phone": application.phone,
            "motivation": application.motivation,
            "neighbourhoods": application.neighbourhoods,
            "housing_partner": application.housing_partner,
            "status": application.status,
            "submitted_at": application.created_at.isoformat(),
            "decided_at": (
                application.decided_at.isoformat() if application.decided_at else None
            ),
        }
        for application in _my_applications(user).distinct()
    ]


def _export_consents(user):
    return [
        {
            "text": "privacyverklaring bij de aanvraag tot aansluiting",
            "version": application.consent_version,
            "given_at": application.consent_given_at.isoformat(),
        }
        for application in _my_applications(user).distinct()
    ]


def member_data(user):
    """The network's sections of "download my data" (the `register_member_data`
    hook, which every app that keeps something about a member fills)."""
    return {
        "account": _export_account(user),
        "profile": _export_profile(user),
        "consents": _export_consents(user),
        "applications": _export_applications(user),
    }


def export_member_data(user):
    """Everything the portal holds about `user` (see `portal.member_data`)."""
    from portal.member_data import export

    return export(user)


def delete_member_account(user, *, experiences=ExperienceChoice.ANONYMISE):
    """The member deletes their account: everything about them goes (see
    `portal.erasure`); their published experiences stay as 'een voormalig lid
    van <gemeente>' or go, as they chose."""
    from portal.erasure import erase_person

    return erase_person(user=user, experiences=experiences)


def erase_person(person):
    """The `portal_erase_person` hook: applications (with the editors' notes)
    made by the person or with their address go; so does their profile."""
    applications = MembershipApplication.objects.filter(email=person.email)
    if person.user is not None:
        applications = applications | MembershipApplication.objects.filter(
            user=person.user
        )
    removed = applications.delete()[0]
    profiles = 0
    if person.user is not None:
        profiles = MemberProfile.objects.filter(user=person.user).delete()[0]
    return {"applications": removed, "profiles": profiles}


def known_addresses():
    """Addresses in applications, for re-applying erasures after a restore."""
    return MembershipApplication.objects.exclude(email="").values_list(
        "email", flat=True
    )


REJECTED_APPLICATIONS_KEPT = timedelta(days=90)


def _rejected_applications(now):
    return MembershipApplication.objects.filter(
        status=ApplicationStatus.REJECTED,
        decided_at__lt=now - REJECTED_APPLICATIONS_KEPT,
    ).select_related("municipality")


def retention_rules():
    """The `portal_retention_rules` hook: a rejected application goes after 90
    days, with the editors' note on it."""
    from portal.retention import Rule

    return [
        Rule(
            "rejected_applications",
            _("Afgewezen aanvragen"),
            _("90 dagen na de beslissing"),
            REJECTED_APPLICATIONS_KEPT,
            _rejected_applications,
            "decided_at",
            lambda row: (
                _("aanvraag voor %(municipality)s")
                % {"municipality": row.municipality.name}
            ),
        )
    ]
