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


# (label, path or a function returning one, max queries, kind)
PAGES = [
    ("agenda", "/agenda/", 12, "listing"),
    ("agenda filtered", "/agenda/?soort=webinar&periode=voorbij", 12, "listing"),
    ("event", _upcoming_event_with_places_url, 10, "detail"),
    ("agenda feed", "/agenda/feed/", 8, "feed"),
    ("agenda calendar", "/agenda/agenda.ics", 8, "feed"),
]
