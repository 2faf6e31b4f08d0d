from django.contrib.sitemaps import Sitemap

from experiences.models import Experience, experiences_url


class ExperienceSitemap(Sitemap):
    """Published experiences only; Django splits the list into pages of 50,000."""

    def items(self):
        return (
            Experience.objects.published()
            .only("pk", "slug", "last_published_at")
            .order_by("pk")
        )

    def location(self, experience):
        return f"{self.base_url}{experience.pk}-{experience.slug}/"

    def lastmod(self, experience):
        return experience.last_published_at

    def get_urls(self, *args, **kwargs):
        # One cached lookup of the list's URL for the whole sitemap.
        self.base_url = experiences_url()
        return super().get_urls(*args, **kwargs)
