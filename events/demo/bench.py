"""The agenda's part of `make bench`: its pages and their budgets."""

from events.models import EventPage


def _upcoming_event_with_places_url():
    event = (
        EventPage.objects.live()
        .upcoming()
        .exclude(capacity=None)
        .order_by("start")
        .first()
    )
    return event.url if event else None


# (label, path or a function returning one, max queries, max median ms)
PAGES = [
    ("agenda", "/agenda/", 12, 200),
    ("agenda filtered", "/agenda/?soort=webinar&periode=voorbij", 12, 200),
    ("event", _upcoming_event_with_places_url, 10, 150),
    ("agenda feed", "/agenda/feed/", 8, 200),
    ("agenda calendar", "/agenda/agenda.ics", 8, 300),
]
