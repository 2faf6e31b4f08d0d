"""Every GET parameter of every listing survives hostile values (issue #10).

The listings and their parameters are discovered, not listed by hand: every
URL in the sitemap, every GET form on those pages (the filters, the search box),
every link with a query string (pagination, "join with this municipality") and
every download of a listing (CSV, JSON) with that listing's filters. A listing
added or moved later is covered without a change here.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from defusedxml import ElementTree

from tests.helpers import response_text

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
HOSTILE_VALUES = {
    "nul": quote("a\x00b"),
    "long": quote(LONG),
    "not-utf-8": "%FF%FE%C3",
    "markup": quote('"><script>alert(1)</script>'),
}


class _Targets(HTMLParser):
    """GET forms (action and field names) and links with a query string."""

    def __init__(self, page_path):
        super().__init__()
        self.page_path = page_path
        self.found = {}
        self.downloads = []
        self._form = None

    def _add(self, url, names):
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            return
        if parts.path.startswith(("/admin/", "/documenten/")):
            return
        self.found.setdefault(parts.path, set()).update(names)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = attrs.get("action") or self.page_path
            self._add(self._form, [])
        elif (
            tag in ("input", "select", "textarea") and self._form and attrs.get("name")
        ):
            self._add(self._form, [attrs["name"]])
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            href = attrs["href"].replace("&amp;", "&")
            self._add(href, [name for name, _value in parse_qsl(urlsplit(href).query)])
        elif tag == "a" and (attrs.get("href") or "").endswith((".csv", ".json")):
            # A download of the listing takes the listing's own filters.
            self.downloads.append(attrs["href"])

    def close(self):
        super().close()
        for download in self.downloads:
            self._add(download, self.found.get(self.page_path, set()))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def discover(client):
    sitemap = response_text(client.get("/sitemap.xml"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = {
        urlsplit(loc.text).path
        for loc in ElementTree.fromstring(sitemap).findall(".//s:loc", namespace)
    }
    targets = {}
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        parser = _Targets(path)
        parser.feed(response_text(response))
        parser.close()
        for target, names in parser.found.items():
            targets.setdefault(target, set()).update(names)
    return targets


def test_no_listing_parameter_gives_a_server_error(demo, client):
    targets = discover(client)
    with_parameters = {path: names for path, names in targets.items() if names}
    # The discovery found the listings it must cover.
    for expected in ("/zoeken/", "/netwerk/", "/praktijkvoorbeelden/", "/toolkit/"):
        assert expected in with_parameters, sorted(with_parameters)
    assert any(path.endswith("export.csv") for path in with_parameters)
    assert "/netwerk/aansluiten/" in with_parameters

    failures = []
    for path, names in sorted(with_parameters.items()):
        names = names | {"page"}  # every listing paginates the same way
        queries = ["%FF%FE=1", "&".join(f"{name}=a&{name}=b" for name in names)]
        for name in sorted(names):
            queries += [f"{name}={value}" for value in HOSTILE_VALUES.values()]
        for query in queries:
            response = client.get(path, QUERY_STRING=query)
            # A streamed export must not break off after its header either.
            body = response_text(response)
            if response.status_code >= 500 or (
                path.endswith(".csv") and response.status_code == 200 and not body
            ):
                failures.append(f"{response.status_code} {path}?{query[:60]}")
    assert not failures, failures
