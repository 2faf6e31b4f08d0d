"""One-time form tokens: whatever a form does, it does once per token."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from portal import formtokens
from portal.models import RateLimit, UsedFormToken


def test_the_work_runs_once_and_a_second_post_gets_its_result(db):
    runs = []

    def work():
        runs.append(1)
        return f"/resultaat/{len(runs)}/"

    token = formtokens.new_token()
    assert formtokens.once("test", token, work) == ("/resultaat/1/", True)
    assert formtokens.once("test", token, work) == ("/resultaat/1/", False)
    assert runs == [1]
    # The same token in another form is another post.
    assert formtokens.once("ander", token, work) == ("/resultaat/2/", True)


def test_a_failing_work_keeps_the_token_unused(db):
    token = formtokens.new_token()

    def broken():
        RateLimit.objects.create(scope="x", digest="d", expires_at=timezone.now())
        RateLimit.objects.create(scope="x", digest="d", expires_at=timezone.now())
        return "/nooit/"

    with pytest.raises(IntegrityError):
        formtokens.once("test", token, broken)
    assert not UsedFormToken.objects.exists()
    assert not RateLimit.objects.exists()
    assert formtokens.once("test", token, lambda: "/nu-wel/") == ("/nu-wel/", True)


def test_old_tokens_are_forgotten(db):
    old = UsedFormToken.objects.create(scope="test", digest="oud")
    UsedFormToken.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - formtokens.KEEP_FOR - timedelta(minutes=1)
    )
    formtokens.once("test", formtokens.new_token(), lambda: "/")
    assert not UsedFormToken.objects.filter(digest="oud").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_posts_with_one_token_do_the_work_once():
    token = formtokens.new_token()
    barrier = threading.Barrier(4)
    runs, results = [], []

    def work():
        runs.append(1)
        time.sleep(0.2)  # the others reach the unique index meanwhile
        return "/eerste/"

    def post():
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            results.append(formtokens.once("test", token, work))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runs == [1]
    assert sorted(results) == [("/eerste/", False)] * 3 + [("/eerste/", True)]
