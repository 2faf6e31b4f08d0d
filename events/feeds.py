"""An RSS feed of the coming events, filtered by the agenda's query string."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from events.forms import AgendaFilterForm

FEED_SIZE = 50


class EventFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        form = AgendaFilterForm(request.GET)
        self.listing_url = index.get_full_url(request)
        self.events = list(
            form.filter(index.events()).upcoming().order_by("start", "pk")[:FEED_SIZE]
        )
        self.request = request
        return index

    def title(self, index):
        return _("Agenda – Lerend netwerk pleinmakers")

    def link(self, index):
        return self.listing_url

    def description(self, index):
        return index.intro or _("De bijeenkomsten van het lerend netwerk pleinmakers.")

    def items(self, index):
        return self.events

    def item_title(self, event):
        title = f"{event.title} ({timezone.localtime(event.start):%d-%m-%Y})"
        if event.is_cancelled:
            title = _("Geannuleerd: %(title)s") % {"title": title}
        if event.is_example:
            title = _("Voorbeeld: %(title)s") % {"title": title}
        return title

    def item_description(self, event):
        return f"{event.when}. {event.place}. {event.intro}".strip()

    def item_link(self, event):
        return event.get_full_url(self.request)

    def item_guid(self, event):
        return f"urn:uuid:{event.calendar_uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.first_published_at

    def item_categories(self, event):
        return [event.get_kind_display()]
