"""An item becomes visible: queue its immediate mails once the change is committed.

Never inside the request: the task runs on the worker, after the commit, so it
sees the item as published (an approval sets the status after publishing).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published, published

from casestudies.models import CaseStudyPage
from digests.tasks import send_new_item
from events.models import EventPage
from experiences.models import Experience, Reaction
from experiences.signals import question_answered


def queue_new_item(kind, pk):
    transaction.on_commit(partial(send_new_item.enqueue, kind, pk))


def practice_published(sender, instance, **kwargs):
    queue_new_item("praktijk", instance.pk)


def event_published(sender, instance, **kwargs):
    queue_new_item("activiteit", instance.pk)


def experience_published(sender, instance, **kwargs):
    queue_new_item("ervaring", instance.pk)


def answer_marked(sender, experience, **kwargs):
    queue_new_item("beantwoord", experience.pk)


def reaction_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        queue_new_item("reactie", instance.pk)


def connect():
    page_published.connect(
        practice_published, sender=CaseStudyPage, dispatch_uid="digests.practice"
    )
    page_published.connect(
        event_published, sender=EventPage, dispatch_uid="digests.event"
    )
    published.connect(
        experience_published, sender=Experience, dispatch_uid="digests.experience"
    )
    question_answered.connect(
        answer_marked, sender=Experience, dispatch_uid="digests.answered"
    )
    post_save.connect(reaction_saved, sender=Reaction, dispatch_uid="digests.reaction")
