"""An RSS feed per theme and per municipality: new practices and experiences."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from casestudies.models import CaseStudyPage
from experiences.models import Experience, ExperienceTheme
from network.models import Municipality

FEED_SIZE = 50


class _SubjectFeed(Feed):
    feed_type = Rss201rev2Feed

    def items(self, subject):
        practices = list(
            self.practices(CaseStudyPage.objects.live().public())
            .select_related("municipality")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )
        experiences = list(
            self.experiences(Experience.objects.published())
            .select_related("municipality")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )
        merged = practices + experiences
        merged.sort(key=lambda item: item.first_published_at, reverse=True)
        return merged[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.municipality.name})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        if isinstance(item, Experience):
            return self.site_url + item.get_absolute_url()
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def get_object(self, request, slug):
        self.request = request
        self.site_url = request.build_absolute_uri("/").rstrip("/")
        return self.subject(slug)


class ThemeFeed(_SubjectFeed):
    def subject(self, slug):
        self.theme = Tag.objects.filter(slug=slug).first()
        if self.theme is None:
            raise Http404
        return self.theme

    def practices(self, practices):
        return practices.filter(themes__slug=self.theme.slug)

    def experiences(self, experiences):
        tagged = ExperienceTheme.objects.filter(tag=self.theme)
        return experiences.filter(pk__in=tagged.values("content_object_id"))

    def title(self, theme):
        return _("Thema ‘%(name)s’ – Lerend netwerk pleinmakers") % {"name": theme.name}

    def link(self, theme):
        return f"{self.site_url}/ervaringen/?thema={theme.slug}"

    def description(self, theme):
        return _("Nieuwe praktijkvoorbeelden en ervaringen over ‘%(name)s’.") % {
            "name": theme.name
        }


class MunicipalityFeed(_SubjectFeed):
    def subject(self, slug):
        self.municipality = Municipality.objects.filter(slug=slug).first()
        if self.municipality is None:
            raise Http404
        return self.municipality

    def practices(self, practices):
        return practices.filter(municipality=self.municipality)

    def experiences(self, experiences):
        return experiences.filter(municipality=self.municipality)

    def title(self, municipality):
        return _("%(name)s – Lerend netwerk pleinmakers") % {"name": municipality.name}

    def link(self, municipality):
        return self.site_url + municipality.get_absolute_url()

    def description(self, municipality):
        return _("Nieuwe praktijkvoorbeelden en ervaringen uit %(name)s.") % {
            "name": municipality.name
        }
