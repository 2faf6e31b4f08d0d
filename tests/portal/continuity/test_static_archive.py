"""build_static_archive: the archive works on a plain static web server.

The archive is served by Python's http.server and crawled from its front page:
every internal link, image, style sheet, feed and document must answer, no link
may point at the application, and no request reaches Django while it is read.
"""

import functools
import io
import re
import threading
import urllib.error
import urllib.request
from collections import deque
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.signals import request_started

from portal.continuity.pages import Visitor, sitemap_urls
from portal.continuity.static_site import StaticArchive
from portal.models import ToolkitDocument

LINKS = {"a": "href", "link": "href", "img": "src", "script": "src", "form": "action"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def static_server(tmp_path):
    """http.server on a free port, serving a folder the archive will fill."""
    folder = tmp_path / "archive"
    folder.mkdir()
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def links_of(content_type, data):
    if content_type == "text/html":
        soup = BeautifulSoup(data, "html.parser")
        for tag, attribute in LINKS.items():
            for element in soup.find_all(tag):
                if element.get(attribute):
                    yield element[attribute]
        for element in soup.find_all(srcset=True):
            yield from (part.split()[0] for part in element["srcset"].split(","))
        for element in soup.find_all("meta", property=["og:url", "og:image"]):
            yield element["content"]
    elif content_type == "text/css":
        yield from CSS_URL.findall(data.decode())
    elif content_type in ("text/xml", "application/xml", "text/plain"):
        yield from re.findall(r"https?://[^\s<\"]+", data.decode())


def crawl(base_url, app_hosts):
    """Every file reachable from the front page: {url: (type, bytes)}, plus the
    links that fail or point at the application."""
    own_host = urlsplit(base_url).netloc
    seen, broken, to_app, found = {base_url}, [], [], {}
    queue = deque([base_url])
    while queue:
        url = queue.popleft()
        status, content_type, data = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        found[url] = (content_type, data)
        for link in links_of(content_type, data):
            target = urljoin(url, link).split("#")[0]
            host = urlsplit(target).netloc
            if host in app_hosts:
                to_app.append((url, link))
            elif host == own_host and target not in seen:
                seen.add(target)
                queue.append(target)
    return found, broken, to_app


def test_the_static_archive_serves_the_whole_public_site(
    db, static_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    folder, base_url = static_server
    app_pages = [urlsplit(url).path for url in sitemap_urls(Visitor())]

    out = io.StringIO()
    call_command("build_static_archive", str(folder), base_url=base_url, stdout=out)
    assert "links led nowhere" not in out.getvalue()

    requests_to_django = []
    request_started.connect(requests_to_django.append, dispatch_uid="archive-test")
    try:
        found, broken, to_app = crawl(base_url, {"testserver", "localhost"})
        search = fetch(base_url + "zoeken/?q=burendag")
    finally:
        request_started.disconnect(dispatch_uid="archive-test")

    assert broken == []
    assert to_app == []
    assert requests_to_django == []
    archived = {urlsplit(url).path for url in found}
    assert [path for path in app_pages if path not in archived] == []

    assert "Zoeken werkt niet in dit archief" in search[2].decode()
    feed_type, feed = found[base_url + "praktijkvoorbeelden/feed/index.xml"]
    assert feed.startswith(b"<?xml") and b"<rss" in feed
    assert base_url.encode() + b"praktijkvoorbeelden/" in feed
    guide = BeautifulSoup(
        found[base_url + "gidsen/pleinmakers-starten/"][1], "html.parser"
    )
    canonical = guide.find("link", rel="canonical")["href"]
    assert canonical == f"{base_url}gidsen/pleinmakers-starten/"
    assert guide.find("a", string="Toolkit")["href"] == "../../toolkit/"
    contact = found[base_url + "contact/"][1].decode()
    assert "Dit formulier werkt niet meer" in contact
    assert 'method="post"' not in contact
    assert any("/media/images/" in url for url in found)
    for document in ToolkitDocument.objects.all():
        with document.file.open("rb") as file:
            assert found[base_url + document.url.lstrip("/")][1] == file.read()


def test_the_archive_goes_into_a_new_folder(db, tmp_path):
    (tmp_path / "oud.html").write_text("<p>vorige versie</p>")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("build_static_archive", str(tmp_path), stdout=io.StringIO())

    assert (tmp_path / "oud.html").read_text() == "<p>vorige versie</p>"


def test_without_a_base_url_the_archive_takes_the_site_address(db, tmp_path):
    assert StaticArchive(tmp_path).base_url == f"{settings.PORTAL_BASE_URL}/"


def test_uploads_on_another_host_are_copied_from_the_storage(db, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"base_url": "https://bestanden.example/portal/"},
        },
    }
    archive = StaticArchive(tmp_path)

    signed = "https://bestanden.example/portal/images/plein.png?X-Amz-Signature=1"
    assert archive._key(signed, archive.origin) == ("/media/images/plein.png", "")
    assert archive._key("https://elders.example/x.png", archive.origin) is None
