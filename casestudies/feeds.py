"""An RSS feed of the practices, filtered by the same query string as the list."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from casestudies.filters import NEWEST_FIRST, CaseStudyFilter

FEED_SIZE = 50
# What an item reads (`item_*` below): the rest of a practice, its StreamField
# body above all, cost more Python to load than the feed spent on writing.
ITEM_FIELDS = (
    "title",
    "slug",
    "summary",
    "is_example",
    "first_published_at",
    "last_published_at",
    "municipality__name",
)


class CaseStudyFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        case_filter = CaseStudyFilter(request.GET)
        # Always newest first: that is what a feed reader expects.
        case_filter.sort = NEWEST_FIRST
        self.base_url = index.get_full_url(request)
        query = case_filter.querystring("sorteer")
        self.listing_url = self.base_url + (f"?{query}" if query else "")
        practices = case_filter.filter(index.practices()).only(*ITEM_FIELDS)
        self.practices = list(practices[:FEED_SIZE])
        return index

    def title(self, index):
        return _("Praktijkvoorbeelden – Lerend netwerk pleinmakers")

    def link(self, index):
        return self.listing_url

    def description(self, index):
        return index.intro or _(
            "Nieuwe praktijkvoorbeelden van pleinmakers in Vlaanderen."
        )

    def items(self, index):
        return self.practices

    def item_title(self, practice):
        title = f"{practice.title} ({practice.municipality.name})"
        if practice.is_example:
            return _("Voorbeeld: %(title)s") % {"title": title}
        return title

    def item_description(self, practice):
        return practice.summary

    def item_link(self, practice):
        return f"{self.base_url}{practice.slug}/"

    def item_guid(self, practice):
        return self.item_link(practice)

    def item_pubdate(self, practice):
        return practice.first_published_at

    def item_updateddate(self, practice):
        return practice.last_published_at

    def item_categories(self, practice):
        return practice.theme_list
