from portal.fragment_cache import content_version


def fragment_cache(request):
    """The content version, for keys of cached template fragments (no DB query)."""
    return {"content_version": content_version()}
