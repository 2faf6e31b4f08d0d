"""One version number for everything visitors see, kept in the shared cache.

Template fragments that depend on published content (menu, footer, home page
blocks) include the version in their cache key. Publishing, unpublishing,
moving or deleting a page, or saving the site settings, moves the version on,
so every worker process sees fresh fragments at once (given a shared cache such
as Redis; see the README).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "portal:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _site_settings_saved(sender, created, **kwargs):
    # Wagtail creates the settings row with its defaults on first use, during a
    # request that already renders those defaults; only a real edit is news.
    if not created:
        bump_content_version()


def _page_deleted(sender, instance, **kwargs):
    # Sent once per model in the page's inheritance chain; any of them will do.
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump_content_version()


def connect_signals():
    from portal.models import SiteSettings

    page_published.connect(bump_content_version, dispatch_uid="portal.cache.published")
    page_unpublished.connect(
        bump_content_version, dispatch_uid="portal.cache.unpublished"
    )
    post_page_move.connect(bump_content_version, dispatch_uid="portal.cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="portal.cache.deleted")
    post_save.connect(
        _site_settings_saved, sender=SiteSettings, dispatch_uid="portal.cache.settings"
    )
