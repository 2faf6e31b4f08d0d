"""The experiences' workflow: saving, submitting, moderating, reacting, reporting.

Views and the admin call these. Each changes the database first (in a
transaction, with the experience's row locked where two editors could collide)
and sends e-mail after, so a failing mail server never loses a decision.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log

from experiences.models import (
    REPORTS_TO_HIDE,
    Experience,
    ModerationStatus,
    Reaction,
    Report,
    experiences_url,
)
from experiences.photos import COLLECTION_NAME, store_photo
from experiences.sanitize import render_body
from experiences.signals import hidden_changed, question_answered
from network.models import directory_url
from network.services import absolute
from portal.fragment_cache import content_changed
from portal.mail import send_templated_mail
from portal.roles import editor_emails

# Stored in Wagtail's log entries; migration experiences.0002 renamed the older
# `network.experience.*` and `network.moderation.*` ones.
SUBMIT_ACTION = "experiences.submit"
APPROVE_ACTION = "experiences.approve"
REJECT_ACTION = "experiences.reject"
CHANGES_ACTION = "experiences.request_changes"
WITHDRAW_ACTION = "experiences.withdraw"
HIDE_ACTION = "experiences.hide"
RESTORE_ACTION = "experiences.restore"


class Decision(models.TextChoices):
    """An editor's decision on the waiting version of an experience."""

    APPROVE = "approve", _("Publiceren")
    REQUEST_CHANGES = "changes", _("Aanpassing vragen")
    REJECT = "reject", _("Afwijzen")


def _admin_url(item):
    opts = item._meta
    return absolute(
        reverse(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:inspect",
            args=[item.pk],
        )
    )


def _set(experience, **fields):
    """Write moderation fields on the row only: the live content stays as it is."""
    Experience.objects.filter(pk=experience.pk).update(**fields)
    for name, value in fields.items():
        setattr(experience, name, value)


# Writing ------------------------------------------------------------------------------


def save_experience(experience, author, *, submit, photo=None):
    """Save a member's new or changed experience as a revision; maybe submit it.

    `experience` is a new instance or the latest version from
    `get_latest_revision_as_object()`. While the experience is online, the row
    keeps the approved text and the change waits in the new revision.
    """
    experience.slug = slugify(experience.title)[:120] or "ervaring"
    experience.body_html = render_body(experience.body)
    stored_photo = None
    try:
        with transaction.atomic():
            if photo is not None:
                stored_photo = experience.photo = store_photo(
                    photo, experience.title, author
                )
            _save_and_maybe_submit(experience, author, submit)
    except BaseException:
        # The photo's row went with the transaction; its file must go too.
        if stored_photo is not None:
            stored_photo.file.delete(save=False)
        raise
    if submit:
        recipients = editor_emails()
        if recipients:
            send_templated_mail(
                "experiences/email/experience_to_moderators",
                {"experience": experience, "admin_url": _admin_url(experience)},
                recipients,
            )
    return experience


def _save_and_maybe_submit(experience, author, submit):
    if experience.pk is None:
        experience.author = author
        experience.municipality = author.member_profile.municipality
        experience.live = False
        experience.save()
    elif not experience.live:
        experience.save()
    experience.save_revision(user=author, log_action=True)
    if submit:
        _set(
            experience,
            status=ModerationStatus.PENDING,
            submitted_at=timezone.now(),
            moderation_note="",
        )
        log(experience, SUBMIT_ACTION, user=author)
    else:
        _set(experience, status=ModerationStatus.DRAFT)


def withdraw(experience, author):
    """The author takes their experience offline; it becomes theirs alone again."""
    with transaction.atomic():
        locked = Experience.objects.select_for_update().get(pk=experience.pk)
        if locked.live:
            # The author may take their own words offline without Wagtail's
            # publish permission, which only editors hold.
            UnpublishAction(locked, user=author).execute(skip_permission_checks=True)
        _set(locked, status=ModerationStatus.WITHDRAWN)
        log(locked, WITHDRAW_ACTION, user=author)
    experience.refresh_from_db()


def delete_experience(experience):
    """Delete it with its revisions, reactions, reports and its photo.

    The home page's cache follows through the post_delete signal.
    """
    photo = experience.photo
    experience.delete()
    if photo is not None and photo.collection.name == COLLECTION_NAME:
        photo.delete()


# Moderation ---------------------------------------------------------------------------


def decide(experience, editor, decision, reason=""):
    """Approve, reject or send back the waiting version; True if this call decided.

    The row lock makes a second editor wait and then find nothing left to decide.
    """
    with transaction.atomic():
        locked = Experience.objects.select_for_update().get(pk=experience.pk)
        if locked.status != ModerationStatus.PENDING:
            return False
        now = timezone.now()
        if decision == Decision.APPROVE:
            locked.latest_revision.publish(user=editor, skip_permission_checks=True)
            locked.refresh_from_db()
            status, action = ModerationStatus.PUBLISHED, APPROVE_ACTION
        elif decision == Decision.REJECT:
            status, action = ModerationStatus.REJECTED, REJECT_ACTION
        else:
            status, action = ModerationStatus.CHANGES_REQUESTED, CHANGES_ACTION
        _set(
            locked,
            status=status,
            moderation_note=reason,
            moderated_at=now,
            moderated_by=editor,
        )
        log(locked, action, user=editor, data={"reason": reason})
    experience.refresh_from_db()
    if locked.author and locked.author.is_active:
        send_templated_mail(
            "experiences/email/experience_decision",
            {
                "experience": locked,
                "decision": decision,
                "Decision": Decision,
                "reason": reason,
                "url": absolute(locked.get_absolute_url()),
                "dashboard_url": absolute("/account/"),
            },
            [locked.author.email],
        )
    return True


def _notify_hidden(item):
    author = item.author
    if author is None or not author.is_active:
        return
    experience = item if isinstance(item, Experience) else item.experience
    send_templated_mail(
        "experiences/email/item_hidden",
        {
            "item": item,
            "is_reaction": isinstance(item, Reaction),
            "experience": experience,
        },
        [author.email],
    )


def _shown_at(item):
    return (item if isinstance(item, Experience) else item.experience).shown_at()


def hide(item, editor=None):
    """Take an experience or a reaction out of sight until an editor restores it."""
    model = type(item)
    with transaction.atomic():
        changed = model.objects.filter(pk=item.pk, hidden_at__isnull=True).update(
            hidden_at=timezone.now()
        )
        if editor is not None:
            item.reports.open().update(resolved_at=timezone.now())
            log(item, HIDE_ACTION, user=editor)
    item.refresh_from_db(fields=["hidden_at"])
    if changed:
        content_changed(_shown_at(item))
        hidden_changed.send(sender=model, item=item)
        _notify_hidden(item)
    return bool(changed)


def restore(item, editor):
    """Show the item again; the reports so far are settled and count no more."""
    with transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(hidden_at=None)
        item.reports.open().update(resolved_at=timezone.now())
        log(item, RESTORE_ACTION, user=editor)
    item.refresh_from_db(fields=["hidden_at"])
    content_changed(_shown_at(item))
    hidden_changed.send(sender=type(item), item=item)


# Reactions and reports ----------------------------------------------------------------


def add_reaction(experience, author, body):
    reaction = Reaction.objects.create(
        experience=experience,
        author=author,
        municipality=author.member_profile.municipality,
        body=body,
    )
    if experience.author and experience.author_id != author.pk:
        send_templated_mail(
            "experiences/email/new_reaction",
            {
                "experience": experience,
                "reaction": reaction,
                "url": absolute(reaction.get_absolute_url()),
            },
            [experience.author.email],
        )
    return reaction


def mark_answer(experience, reaction):
    """Mark `reaction` as the answer to the question, or unmark it if it was."""
    if experience.answer_id == reaction.pk:
        _set(experience, answer=None, answered_at=None)
    else:
        _set(experience, answer=reaction, answered_at=timezone.now())
        question_answered.send(sender=Experience, experience=experience)


def edit_reaction(reaction, body):
    reaction.body = body
    reaction.edited_at = timezone.now()
    reaction.save(update_fields=["body", "edited_at"])


def report(item, reporter, reason):
    """Record one member's report; the third municipality to report hides the item.

    Returns the report, or None when this member already reported the item.
    """
    target = (
        {"experience": item} if isinstance(item, Experience) else {"reaction": item}
    )
    with transaction.atomic():
        created_report, created = Report.objects.get_or_create(
            **target, reporter=reporter, defaults={"reason": reason}
        )
    if not created:
        return None
    # Municipalities, not members, count: a member and the colleagues they
    # invited themselves (no editor confirms those) weigh as one.
    open_reports = Report.objects.open().filter(**target)
    reporters = open_reports.aggregate(
        n=Count("reporter__member_profile__municipality", distinct=True)
    )["n"]
    if reporters >= REPORTS_TO_HIDE:
        hide(item)
    recipients = editor_emails()
    if recipients:
        send_templated_mail(
            "experiences/email/report_to_moderators",
            {
                "item": item,
                "report": created_report,
                "reporters": reporters,
                "hidden": item.hidden_at is not None,
                "admin_url": _admin_url(item),
            },
            recipients,
        )
    return created_report


# "Download my data" (the `member_data` hook) ------------------------------------------


def _revisions(experience):
    return [
        {
            "saved_at": revision.created_at.isoformat(),
            "title": revision.content.get("title", ""),
            "summary": revision.content.get("summary", ""),
            "body": revision.content.get("body", ""),
            "photo": _photo_name(revision.content.get("photo")),
        }
        for revision in experience.revisions.order_by("created_at")
    ]


def _photo_name(photo_id):
    """The photo's file name in the export's `fotos/` folder."""
    if not photo_id:
        return None
    from wagtail.images import get_image_model

    photo = get_image_model().objects.filter(pk=photo_id).only("file").first()
    return f"fotos/{photo.file.name.rsplit('/', 1)[-1]}" if photo else None


def member_data(user):
    """The member's experiences (with every version and photo), reactions and
    the reports they made, for the data export."""
    return {
        "experiences": [
            {
                "title": experience.title,
                "summary": experience.summary,
                "body": experience.body,
                "kind": experience.kind,
                "themes": sorted(tag.name for tag in experience.themes.all()),
                "photo": _photo_name(experience.photo_id),
                "photo_alt": experience.photo_alt,
                "show_author_name": experience.show_author_name,
                "status": experience.status,
                "online": experience.live,
                "created_at": experience.created_at.isoformat(),
                "revisions": _revisions(experience),
            }
            for experience in user.experiences.prefetch_related("themes")
        ],
        "reactions": [
            {
                "experience": reaction.experience.title,
                "body": reaction.body,
                "created_at": reaction.created_at.isoformat(),
            }
            for reaction in user.reactions.select_related("experience")
        ],
        "reports_made": [
            {
                "about": str(report.target),
                "reason": report.reason,
                "created_at": report.created_at.isoformat(),
                "resolved_at": (
                    report.resolved_at.isoformat() if report.resolved_at else None
                ),
            }
            for report in Report.objects.filter(reporter=user).select_related(
                "experience", "reaction"
            )
        ],
    }


def member_photos(user):
    """(name in the export, the image's original file) for every photo the
    member uploaded, earlier versions included."""
    from wagtail.images import get_image_model

    return [
        (f"fotos/{photo.file.name.rsplit('/', 1)[-1]}", photo.file)
        for photo in get_image_model().objects.filter(
            uploaded_by_user=user, collection__name=COLLECTION_NAME
        )
    ]


# Erasure (the `portal_erase_person` hook) --------------------------------------------


def erase_person(person):
    """Reactions and reports go; experiences go too, or, where published and the
    person chose so, stay without author as 'een voormalig lid van <gemeente>',
    with only their online version. Every photo they uploaded that no remaining
    experience shows goes with its renditions."""
    from wagtail.images import get_image_model
    from wagtail.models import ModelLogEntry, Revision

    user = person.user
    if user is None:
        return {}
    counts = {
        "reports": Report.objects.filter(reporter=user).delete()[0],
        "reactions": Reaction.objects.filter(author=user).delete()[0],
        "experiences_removed": 0,
        "experiences_anonymised": 0,
    }
    experience_type = ContentType.objects.get_for_model(Experience)
    for experience in Experience.objects.filter(author=user):
        if person.removes_experiences or not experience.live:
            ModelLogEntry.objects.filter(
                content_type=experience_type, object_id=str(experience.pk)
            ).delete()
            person.removed_titles.append(experience.title)
            delete_experience(experience)
            counts["experiences_removed"] += 1
            continue
        # Earlier and waiting versions go: only what is online stays.
        Revision.objects.filter(
            base_content_type=experience_type, object_id=str(experience.pk)
        ).exclude(pk=experience.live_revision_id).delete()
        Revision.objects.filter(pk=experience.live_revision_id).update(user=None)
        _set(
            experience,
            author=None,
            latest_revision=experience.live_revision,
            has_unpublished_changes=False,
            status=ModerationStatus.PUBLISHED,
            moderation_note="",
        )
        counts["experiences_anonymised"] += 1
    shown = Experience.objects.exclude(photo=None).values("photo")
    photos = (
        get_image_model()
        .objects.filter(uploaded_by_user=user, collection__name=COLLECTION_NAME)
        .exclude(pk__in=shown)
    )
    counts["photos"] = 0
    for photo in photos:
        photo.delete()
        counts["photos"] += 1
    # Their name and reactions were on any experience page, and the directory.
    content_changed(below=[experiences_url(), directory_url()])
    return counts
