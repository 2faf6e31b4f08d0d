"""The portal's true content, ready for production, written from the programme's facts.

Every app may have a `content` package with `load(loader)`; `manage.py
load_content` calls them in INSTALLED_APPS order (and `load_demo` calls it
first). The texts are in `pages.toml` and `guides.toml`.
"""

from urllib.parse import urlsplit

from django.conf import settings

from portal.content import guides
from portal.demo.blocks import read_data, stream
from portal.factories import ContentPageFactory
from portal.models import SiteSettings

DATA = read_data(__file__, "pages.toml")


def point_site_at_base_url(site):
    """Give the default site the host of PORTAL_BASE_URL, so full URLs are right."""
    base = urlsplit(settings.PORTAL_BASE_URL)
    port = base.port or (443 if base.scheme == "https" else 80)
    if (site.hostname, site.port) != (base.hostname, port):
        site.hostname, site.port = base.hostname, port
        site.save()


def _content_page(loader, parent, spec):
    fields = {key: value for key, value in spec.items() if key != "children"}
    fields["body"] = stream(fields["body"])
    return loader.page(ContentPageFactory, parent, fields.pop("slug"), **fields)


def load(loader):
    home = loader.home
    point_site_at_base_url(home.get_site())

    made = {}
    for spec in DATA["pages"]:
        made[spec["slug"]] = page = _content_page(loader, home, spec)
        for child in spec.get("children", []):
            _content_page(loader, page, child)
    privacy, accessibility = made["privacy"], made["toegankelijkheid"]

    site_settings = SiteSettings.for_site(home.get_site())
    if (
        site_settings.privacy_page_id is None
        or site_settings.accessibility_page_id is None
    ):
        site_settings.privacy_page = site_settings.privacy_page or privacy
        site_settings.accessibility_page = (
            site_settings.accessibility_page or accessibility
        )
        site_settings.save()
    guides.load(loader)
