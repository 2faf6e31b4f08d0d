"""Sending the digests: once per member and period, whatever happens.

`send_digests` runs as a task (`digests.tasks`) or from `manage.py send_digests`
(cron, hourly). For each member it builds the digest, then claims the member and
period with a `DigestSend` row (unique) in the same transaction as queuing the
mail: a second run, or a run resumed after a crash, finds the claim and skips.
No content, no mail; never to a member who chose *nooit*, an inactive or erased
account, or an address that bounced hard three times.

Members who chose *onmiddellijk* hear of each new item as it becomes visible:
`digests.signals` queues `tasks.send_new_item` after the commit, which runs
`send_item_now`; the hourly run catches up what a lost task missed. An item
over the member's five a day is kept (a `later` claim) and goes, however old by
then, in one catch-up mail with their first mail or hourly run of a next day.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.mail import send_templated_mail
from portal.request_memo import unit_of_work

from . import tokens
from .building import (
    Digest,
    Group,
    PeriodContent,
    Reader,
    Section,
    absolute,
    item_count_text,
    subscriber_follows,
)
from .models import (
    Bounce,
    DigestPreference,
    DigestRun,
    DigestSend,
    DigestSettings,
    Follow,
    Frequency,
    Subscriber,
    frequency_of,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
SEND_AT = time(8, 0)
IMMEDIATE_PER_DAY = 5
IMMEDIATE_WINDOW = timedelta(days=1)
IMMEDIATE_PREFIX = "direct:"


class Period:
    def __init__(self, key, start, end, label):
        self.key, self.start, self.end, self.label = key, start, end, label


def _at_eight(day):
    return datetime.combine(day, SEND_AT, tzinfo=BRUSSELS)


def daily_period(now):
    """The last full day, from 8:00 to 8:00 Brussels time."""
    local = timezone.localtime(now, BRUSSELS)
    end_day = local.date() if local.time() >= SEND_AT else local.date() - timedelta(1)
    return Period(
        f"dag:{end_day.isoformat()}",
        _at_eight(end_day - timedelta(days=1)),
        _at_eight(end_day),
        _("het voorbije etmaal"),
    )


def weekly_period(now):
    """The last full week, from Monday 8:00 to Monday 8:00 Brussels time."""
    local = timezone.localtime(now, BRUSSELS)
    monday = local.date() - timedelta(days=local.weekday())
    if local < _at_eight(monday):
        monday -= timedelta(days=7)
    return Period(
        f"week:{monday.isoformat()}",
        _at_eight(monday - timedelta(days=7)),
        _at_eight(monday),
        _("de voorbije week"),
    )


def digests_paused():
    site = Site.objects.filter(is_default_site=True).first()
    return bool(site and DigestSettings.for_site(site).paused)


def recipients():
    """Active members who did not choose *nooit*; an erased account has no row."""
    return (
        get_user_model()
        .objects.filter(is_active=True, member_profile__isnull=False)
        .exclude(email="")
        .exclude(digest_preference__frequency=Frequency.NEVER)
        .select_related("digest_preference")
        .order_by("pk")
    )


CHUNK = 500


def with_follows(members):
    """Members with what they follow (`user.followed`): two queries per CHUNK
    members when iterated in chunks, whatever the number of follows."""
    return members.prefetch_related(
        Prefetch("follows", queryset=Follow.objects.for_digest(), to_attr="followed")
    )


def build_digests(content):
    """Every member's digest from one period's content, member by member."""
    # Links to index pages are looked up once for the whole run, not per item.
    with unit_of_work():
        for user in with_follows(recipients()).iterator(chunk_size=CHUNK):
            yield content.digest_for(user, user.followed)


def subscribers():
    """Confirmed sign-ups only: nothing goes to an address never confirmed."""
    return Subscriber.objects.confirmed().prefetch_related("themes").order_by("pk")


def links_for(user):
    if isinstance(user, Subscriber):
        return {
            "unsubscribe_url": absolute(
                "/volgen/nieuwsbrief/afmelden/"
                f"{tokens.subscriber_token(user, tokens.UNSUBSCRIBE)}/"
            ),
            "settings_url": absolute("/volgen/nieuwsbrief/"),
        }
    return {
        "unsubscribe_url": absolute(
            f"/volgen/afmelden/{tokens.make_token(user, tokens.UNSUBSCRIBE)}/"
        ),
        "settings_url": absolute(
            f"/volgen/instellingen/{tokens.make_token(user, tokens.SETTINGS)}/"
        ),
    }


DIGEST_MAIL = "digests/email/digest"


def digest_mail_context(user, digest, *, subject, intro):
    """What the digest mail's templates render, for a member or a subscriber."""
    return {
        "greeting": user.first_name if hasattr(user, "first_name") else "",
        "digest": digest,
        "subject": subject,
        "intro": intro,
        "site_url": settings.PORTAL_BASE_URL,
        **links_for(user),
    }


def mail_digest(user, digest, *, subject, intro):
    context = digest_mail_context(user, digest, subject=subject, intro=intro)
    links = {"unsubscribe_url": context["unsubscribe_url"]}
    send_templated_mail(
        DIGEST_MAIL,
        context,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def claim_and_send(user, period_key, digest, run, blocked, *, subject, intro):
    """Claim (recipient, period) and queue the mail in one transaction; the
    recipient is a member or a confirmed newsletter subscriber.

    Returns the outcome, or None when another run already claimed it.
    """
    recipient = {"subscriber": user} if isinstance(user, Subscriber) else {"user": user}
    return _claim_and_send(
        user, recipient, period_key, digest, run, blocked, subject=subject, intro=intro
    )


def _claim_and_send(
    user, recipient, period_key, digest, run, blocked, *, subject, intro
):
    """Claim (member, period) and queue the mail in one transaction.

    Returns the outcome, or None when another run already claimed it.
    """
    if digest.is_empty:
        outcome = DigestSend.Outcome.EMPTY
    elif user.email.casefold() in blocked:
        outcome = DigestSend.Outcome.BOUNCED
    else:
        outcome = DigestSend.Outcome.SENT
    with transaction.atomic():
        try:
            with transaction.atomic():
                DigestSend.objects.create(
                    **recipient,
                    period=period_key,
                    outcome=outcome,
                    items=digest.count(),
                    run=run,
                )
        except IntegrityError:
            return None
        if outcome == DigestSend.Outcome.SENT:
            mail_digest(user, digest, subject=subject, intro=intro)
    return outcome


class Sender:
    """One run over every member; the period's content is loaded once."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.periods = {
            Frequency.DAILY: daily_period(self.now),
            Frequency.WEEKLY: weekly_period(self.now),
        }
        self._contents = {}
        self._claimed = {}

    def content(self, key, start, end):
        if key not in self._contents:
            self._contents[key] = PeriodContent(start, end, now=self.now)
        return self._contents[key]

    def already_claimed(self, period):
        if period.key not in self._claimed:
            self._claimed[period.key] = set(
                DigestSend.objects.filter(period=period.key).values_list(
                    "user_id", flat=True
                )
            )
        return self._claimed[period.key]

    @unit_of_work()
    def run(self):
        if digests_paused():
            return None
        self.record = DigestRun.objects.create()
        self.blocked = Bounce.objects.blocked_addresses()
        for user in with_follows(recipients()).iterator(chunk_size=CHUNK):
            self.send_to(user)
        for subscriber in subscribers():
            self.send_to_subscriber(subscriber)
        self.record.finished_at = timezone.now()
        self.record.save(update_fields=["finished_at"])
        return self.record

    def send_to(self, user):
        frequency = frequency_of(user)
        if frequency == Frequency.IMMEDIATELY:
            return self.send_immediately(user)
        period = self.periods[frequency]
        if user.pk in self.already_claimed(period):
            return None
        content = self.content(period.key, period.start, period.end)
        digest = content.digest_for(user, user.followed)
        return claim_and_send(
            user,
            period.key,
            digest,
            self.record,
            self.blocked,
            subject=_("Nieuw in het lerend netwerk pleinmakers: %(count)s")
            % {"count": item_count_text(digest)},
            intro=_("Dit is wat er %(period)s verscheen over wat je volgt.")
            % {"period": period.label},
        )

    def send_to_subscriber(self, subscriber):
        """The weekly newsletter: new practices and experiences on their themes."""
        period = self.periods[Frequency.WEEKLY]
        content = self.content(period.key, period.start, period.end)
        digest = content.digest_for(Reader(), subscriber_follows(subscriber))
        return claim_and_send(
            subscriber,
            period.key,
            digest,
            self.record,
            self.blocked,
            subject=_("Nieuw in het lerend netwerk pleinmakers: %(count)s")
            % {"count": item_count_text(digest)},
            intro=_("Dit verscheen %(period)s over de thema's die je koos.")
            % {"period": period.label},
        )

    def send_immediately(self, user):
        """Catch up what the item's own task missed (`send_item_now`): the same
        claims, so nothing is mailed twice."""
        content = self.content(
            "direct", self.now - IMMEDIATE_WINDOW, self.now + timedelta(seconds=1)
        )
        mail_items_now(
            user,
            content.digest_for(user, user.followed, on_mine=False),
            self.now,
            self.blocked,
            self.record,
        )


def _single_items(digest):
    """Each item of the digest as a digest of its own, under its own headings."""
    for section in digest.sections:
        for group in section.groups:
            for item in group.items:
                yield (
                    item,
                    Digest(
                        digest.user,
                        [
                            Section(
                                section.title,
                                [
                                    Group(
                                        group.title,
                                        [item],
                                        group.more_url,
                                        group.noun_one,
                                        group.noun_many,
                                    )
                                ],
                            )
                        ],
                    ),
                )


def _midnight(now):
    return timezone.localtime(now, BRUSSELS).replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def _send_deferred(user, deferred, now, blocked, run):
    """One catch-up mail with the items kept back by the cap (`deferred`, their
    claims): still visible and followed, whatever their age; each claim then
    records what became of its item. Returns the outcome, or None."""
    claims = {claim.period: claim for claim in deferred}
    only = []
    for key in claims:
        kind, pk = key.removeprefix(IMMEDIATE_PREFIX).split(":")
        only.append((kind, int(pk)))
    content = PeriodContent(
        min(claim.created_at for claim in deferred) - IMMEDIATE_WINDOW,
        now + timedelta(seconds=1),
        now=now,
        only=only,
    )
    digest = content.digest_for(user, user.followed, on_mine=False)
    outcome = DigestSend.Outcome.EMPTY
    if not digest.is_empty:
        outcome = claim_and_send(
            user,
            f"{IMMEDIATE_PREFIX}bundel:{now.isoformat()}",
            digest,
            run,
            blocked,
            subject=_("Nog niet gemeld: %(count)s")
            % {"count": item_count_text(digest)},
            intro=_(
                "Je krijgt hoogstens %(cap)s berichten per dag. Dit kwam er "
                "daarna nog bij over wat je volgt."
            )
            % {"cap": IMMEDIATE_PER_DAY},
        )
        if outcome is None:
            return None
    mailed = {f"{IMMEDIATE_PREFIX}{item.key}" for item in digest.items}
    for key, claim in claims.items():
        # Gone from view or no longer followed: nothing to tell any more.
        claim.outcome = outcome if key in mailed else DigestSend.Outcome.EMPTY
        claim.save(update_fields=["outcome"])
    return outcome


def mail_items_now(user, digest, now, blocked, run=None):
    """One mail per item of `digest`, at most IMMEDIATE_PER_DAY a Brussels day;
    an item already claimed for this member (`direct:<item>`) is never mailed
    again. Items over the cap are claimed `later`, and the first call on a next
    day mails them together. Returns how many mails went out."""
    midnight = _midnight(now)
    mine = DigestSend.objects.filter(user=user, period__startswith=IMMEDIATE_PREFIX)
    waiting = mine.filter(outcome=DigestSend.Outcome.DEFERRED, created_at__lt=midnight)
    if digest.is_empty and not waiting.exists():
        return 0
    keys = [f"{IMMEDIATE_PREFIX}{item.key}" for item in digest.items]
    sent = 0
    with transaction.atomic():
        # The member's row is locked so two tasks at once count the cap right.
        list(DigestPreference.objects.select_for_update().filter(user=user))
        claimed = set(mine.filter(period__in=keys).values_list("period", flat=True))
        sent_today = mine.filter(
            outcome=DigestSend.Outcome.SENT, created_at__gte=midnight
        ).count()
        deferred = list(waiting)
        if deferred and sent_today < IMMEDIATE_PER_DAY:
            if _send_deferred(user, deferred, now, blocked, run) == (
                DigestSend.Outcome.SENT
            ):
                sent_today += 1
                sent += 1
        for item, single in _single_items(digest):
            key = f"{IMMEDIATE_PREFIX}{item.key}"
            if key in claimed:
                continue
            if sent_today >= IMMEDIATE_PER_DAY:
                DigestSend.objects.create(
                    user=user,
                    period=key,
                    outcome=DigestSend.Outcome.DEFERRED,
                    items=1,
                    run=run,
                )
                continue
            outcome = claim_and_send(
                user,
                key,
                single,
                run,
                blocked,
                subject=item.title,
                intro=_("Er is iets nieuws over wat je volgt."),
            )
            if outcome == DigestSend.Outcome.SENT:
                sent_today += 1
                sent += 1
    return sent


def immediate_recipients():
    """Members who chose *onmiddellijk*, with what they follow."""
    return (
        recipients()
        .filter(digest_preference__frequency=Frequency.IMMEDIATELY)
        .prefetch_related(
            Prefetch(
                "follows", queryset=Follow.objects.for_digest(), to_attr="followed"
            )
        )
    )


@unit_of_work()
def send_item_now(kind, pk, now=None):
    """Mail one item that just became visible to every member who chose
    *onmiddellijk* and follows it; returns how many mails went out.

    Only an item first published (or posted, or a question answered) within the
    last day counts as new, so publishing an old practice again mails nobody.
    """
    if digests_paused():
        return 0
    now = now or timezone.now()
    content = PeriodContent(
        now - IMMEDIATE_WINDOW, now + timedelta(seconds=1), now=now, only=[(kind, pk)]
    )
    if content.is_empty:
        return 0
    blocked = Bounce.objects.blocked_addresses()
    return sum(
        mail_items_now(
            user,
            content.digest_for(user, user.followed, on_mine=False),
            now,
            blocked,
        )
        for user in immediate_recipients()
    )


def send_digests(now=None):
    """Send every due digest; safe to run again, or after a crash."""
    return Sender(now).run()
