"""The digests on Django's task framework; `manage.py send_digests` queues this."""

from django_tasks import task

from digests.sending import send_digests, send_item_now


@task()
def send_due_digests():
    """Send every due digest; claims make a second or resumed run harmless."""
    run = send_digests()
    # Task results are JSON: a plain bool says whether a run took place.
    return run is not None


@task()
def send_new_item(kind, pk):
    """Mail one new item to the members who want it at once; returns how many."""
    return send_item_now(kind, pk)
