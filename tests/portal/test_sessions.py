from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.sessions import SessionStore


def test_a_session_reads_back_what_it_kept(db):
    store = SessionStore()
    store["colour"] = "groen"
    store.create()
    store.save()
    assert SessionStore(store.session_key)["colour"] == "groen"


def test_an_expired_session_reads_as_a_new_one(db):
    # Django asks the database for an unexpired row; the precompiled lookup
    # tells expiry from the row.
    store = SessionStore()
    store["colour"] = "groen"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.get("colour") is None
    assert expired.session_key is None


def test_an_unknown_session_key_reads_as_a_new_one(db):
    store = SessionStore("onbekende-sessie-sleutel")
    assert store.get("colour") is None
    assert store.session_key is None


def test_a_logged_in_member_stays_logged_in(demo, client):
    from network.factories import MemberFactory

    member = MemberFactory()
    client.force_login(member)
    assert "Mijn account" in client.get("/privacy/").content.decode()
