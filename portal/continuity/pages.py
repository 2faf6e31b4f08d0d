"""The public site as a visitor reaches it: the sitemap, through the WSGI handler.

Used by the static archive and by the restore drill, so both find every page
the way a search engine does, whatever app adds them.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from wagtail.models import Site

_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def site_origin():
    """(scheme, host[:port]) of the default site, as its pages link to it."""
    site = Site.objects.filter(is_default_site=True).first()
    parts = urlsplit(site.root_url if site else settings.PORTAL_BASE_URL)
    return parts.scheme or "http", parts.netloc


class Visitor(Client):
    """An anonymous visitor of the default site: its host name, and HTTPS when
    the site uses it (behind SECURE_SSL_REDIRECT, plain HTTP only redirects)."""

    def __init__(self):
        scheme, netloc = site_origin()
        super().__init__(HTTP_HOST=netloc)
        # Behind TLS the site's Site record may still say port 80.
        self.secure = "https" in (scheme, urlsplit(settings.PORTAL_BASE_URL).scheme)

    def generic(self, method, path, *args, secure=False, **kwargs):
        return super().generic(
            method, path, *args, secure=secure or self.secure, **kwargs
        )


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def sitemap_urls(client, path="/sitemap.xml"):
    """Every <loc> of the sitemap, following a sitemap index to its parts."""
    response = client.get(path)
    if response.status_code != 200:
        return []
    text = body(response).decode()
    locations = [html.unescape(location) for location in _LOC.findall(text)]
    if "<sitemapindex" in text:
        return [url for part in locations for url in sitemap_urls(client, part)]
    return locations
