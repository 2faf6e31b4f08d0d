"""An RSS feed of the published experiences, filtered like the list."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from experiences.filters import ExperienceFilter
from experiences.models import Experience

FEED_SIZE = 50


class ExperienceFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        experience_filter = ExperienceFilter(request.GET)
        experiences = experience_filter.filter(Experience.objects.published())
        self.site_url = request.build_absolute_uri("/").rstrip("/")
        query = experience_filter.querystring()
        self.listing_url = index.get_full_url(request) + (f"?{query}" if query else "")
        self.experiences = list(experiences[:FEED_SIZE])
        return index

    def title(self, index):
        return _("Ervaringen van leden – Lerend netwerk pleinmakers")

    def link(self, index):
        return self.listing_url

    def description(self, index):
        return _("Wat leden van het lerend netwerk pleinmakers met elkaar delen.")

    def items(self, index):
        return self.experiences

    def item_title(self, experience):
        title = f"{experience.title} ({experience.municipality.name})"
        if experience.is_example:
            return _("Voorbeeld: %(title)s") % {"title": title}
        return title

    def item_description(self, experience):
        return experience.summary

    def item_link(self, experience):
        return self.site_url + experience.get_absolute_url()

    def item_author_name(self, experience):
        return str(experience.byline())

    def item_pubdate(self, experience):
        return experience.first_published_at

    def item_updateddate(self, experience):
        return experience.last_published_at

    def item_categories(self, experience):
        return [tag.name for tag in experience.card_themes]
