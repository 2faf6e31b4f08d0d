"""What one request needs more than once, looked up once per request.

Cached fragments hide repeated lookups only while the cache is warm: after a
publish, a Redis restart or in a new worker every lookup runs again. What a
request needs several times (the site's root paths, the URLs of the index pages,
the pages it was routed through) is kept on the request instead, which is
correct without any cache. Outside a request nothing is kept.
"""

import contextvars

_request = contextvars.ContextVar("portal_request", default=None)


class CurrentRequestMiddleware:
    """Makes the request being served known to code that is not handed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


def memo(name, compute, request=None):
    """`compute()`, once per request (every time outside one)."""
    request = request or current_request()
    if request is None:
        return compute()
    store = request.__dict__.setdefault("_portal_memo", {})
    if name not in store:
        store[name] = compute()
    return store[name]
