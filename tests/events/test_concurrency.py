"""Overbooking under load: 20 people ask for the last place at the same moment.

Runs on PostgreSQL (the CI leg with DATABASE_URL), where requests really run in
parallel and only the row lock on the event keeps the count right. SQLite takes
a database-wide write lock at BEGIN, so there is no race to test there.
"""

import threading

import pytest
from django.db import connection

from events import services
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationStatus

PEOPLE = 20


def needs_postgresql():
    if connection.vendor != "postgresql":
        reason = (
            "needs PostgreSQL (set DATABASE_URL): SQLite serialises every write, "
            "so there is no race to test"
        )
        print(f"\nSkipping the concurrency test: {reason}")
        pytest.skip(reason)


def at_once(work):
    """Run work(number) in PEOPLE threads released together; return errors."""
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def run(number):
        try:
            barrier.wait(timeout=30)
            work(number)
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_at_once_for_the_last_place(make_event):
    needs_postgresql()
    event = make_event(slug="laatste-plaats", capacity=5)
    for _number in range(4):
        RegistrationFactory(event=event)
    statuses = []

    def register(number):
        registration, _created = services.register(
            event, name=f"Persoon {number}", email=f"persoon{number}@voorbeeld.be"
        )
        statuses.append(registration.status)

    assert at_once(register) == []

    assert statuses.count(RegistrationStatus.CONFIRMED) == 1
    assert statuses.count(RegistrationStatus.WAITLISTED) == PEOPLE - 1
    assert Registration.objects.confirmed().filter(event=event).count() == 5
    waiting = Registration.objects.waitlisted().filter(event=event)
    assert [r.waiting_position() for r in waiting] == list(range(1, PEOPLE))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_clicks_at_once_make_one_registration(make_event):
    needs_postgresql()
    event = make_event(slug="een-persoon", capacity=5)

    def register(_number):
        services.register(event, name="Dubbel", email="dubbel@voorbeeld.be")

    assert at_once(register) == []
    assert Registration.objects.filter(event=event).count() == 1
