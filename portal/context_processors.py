from django.utils.functional import SimpleLazyObject

from portal.fragment_cache import content_version


def fragment_cache(request):
    """The content version, for keys of cached template fragments: read from
    the cache only by a page that has such a fragment (the home page), not by
    every page."""
    return {"content_version": SimpleLazyObject(content_version)}
