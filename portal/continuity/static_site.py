"""The public site as plain files, for any static web server (archive mode).

The pages come from the sitemap and from following every link a visitor can
follow, through the WSGI handler (the test client), so pages that other apps add
are found without this module knowing them. Each response is stored under a
file name a static server finds: a page `/gidsen/` as `gidsen/index.html`, a
feed `/praktijkvoorbeelden/feed/` as `praktijkvoorbeelden/feed/index.xml`, page 2
of a list as `…/index-page-2.html`. Afterwards every link is rewritten: relative
in HTML and CSS, absolute on the archive's own address where a format requires
it (feeds, sitemap, canonical links). Search, filters and forms cannot work
without the application: the search page says so, and forms are replaced by a
short note.
"""

import posixpath
import re
import shutil
from collections import deque
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.continuity import ContinuityError
from portal.continuity.pages import Visitor, body, site_origin, sitemap_urls

EXTENSIONS = {
    "text/html": ".html",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/json": ".json",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "text/css": ".css",
    "text/javascript": ".js",
    "application/javascript": ".js",
}
# Text whose absolute links are rewritten to the archive's address.
TEXT_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
    "text/csv",
    "text/plain",
}
# Attributes that hold a link, per element.
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
# Links whose format wants an absolute address (Open Graph, canonical).
ABSOLUTE_META = {"og:url", "og:image"}
# The only query a page of its own is archived for: the page number of a list.
PAGINATION = "page"
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_NOT_LINKS = ("#", "mailto:", "tel:", "data:", "javascript:")


@dataclass
class Resource:
    file: str  # path inside the archive
    kind: str  # html, css, text or binary
    folder_link: bool  # link to the folder ("gidsen/"), not to the file

    @property
    def link(self):
        """The archive path to link to; "" for the archive's front page."""
        if not self.folder_link:
            return self.file
        folder = posixpath.dirname(self.file)
        return f"{folder}/" if folder else ""


@dataclass
class ArchiveResult:
    path: Path
    pages: int
    files: int
    dropped_links: list


class StaticArchive:
    def __init__(self, dest, base_url=None):
        self.dest = Path(dest)
        self.base_url = (base_url or settings.PORTAL_BASE_URL).rstrip("/") + "/"
        self.client = Visitor()
        scheme, netloc = site_origin()
        self.origin = f"{scheme}://{netloc}"
        self.hosts = {netloc, urlsplit(settings.PORTAL_BASE_URL).netloc}
        self.hosts |= {urlsplit(site.root_url).netloc for site in Site.objects.all()}
        self.media_prefix = urlsplit(settings.MEDIA_URL).path
        # Uploads in object storage have links on another host: find it.
        probe = urlsplit(default_storage.url("probe"))
        self.storage_origin = (
            (probe.netloc, probe.path.removesuffix("probe")) if probe.netloc else None
        )
        self.search_path = reverse("search")
        # Not part of the public site: links there become plain text.
        self.private_prefixes = (reverse("wagtailadmin_home"),)
        self.resources = {}  # URL (path and query) -> Resource
        self.aliases = {}  # URL that redirects -> URL it redirects to
        self.external = {}  # URL that redirects off the site -> its address
        self.dropped = []
        self.queue = deque()
        self.queued = set()
        self._absolute_link = re.compile(
            r"https?://(?:"
            + "|".join(re.escape(host) for host in sorted(self.hosts))
            # A comma or semicolon ends a link: CSV files separate cells with them.
            + r")(?:/[^\s\"'<>),;]*)?"
        )

    # Building ---------------------------------------------------------------

    def build(self):
        if self.dest.exists() and any(self.dest.iterdir()):
            raise ContinuityError(
                f"{self.dest} is not empty; the static archive goes into a new folder."
            )
        self.dest.mkdir(parents=True, exist_ok=True)
        self._write_search_page()
        for url in ["/", "/robots.txt", "/sitemap.xml", *sitemap_urls(self.client)]:
            self._enqueue(url, self.origin + "/")
        while self.queue:
            self._fetch(self.queue.popleft())
        for url, resource in self.resources.items():
            if resource.kind in ("html", "css", "text"):
                self._rewrite(url, resource)
        pages = sum(resource.kind == "html" for resource in self.resources.values())
        return ArchiveResult(self.dest, pages, len(self.resources), self.dropped)

    def _key(self, value, base):
        """(path and query, fragment) of an internal link, or None."""
        value = (value or "").strip()
        if not value or value.startswith(_NOT_LINKS):
            return None
        parts = urlsplit(urljoin(base, value))
        if self.storage_origin:
            host, prefix = self.storage_origin
            if parts.netloc == host and parts.path.startswith(prefix):
                return self.media_prefix + parts.path.removeprefix(prefix), ""
        if parts.scheme not in ("http", "https") or parts.netloc not in self.hosts:
            return None
        path = parts.path or "/"
        query = [
            (name, number)
            for name, number in parse_qsl(parts.query)
            if name == PAGINATION and number.isdigit() and number != "1"
        ]
        # Any other query (filters, sorting, `next`) shows the unfiltered page.
        if query and len(query) == len(parse_qsl(parts.query)):
            path += f"?{PAGINATION}={query[0][1]}"
        return path, parts.fragment

    def _enqueue(self, value, base):
        key = self._key(value, base)
        if key and key[0].startswith(self.private_prefixes):
            return
        if key and key[0] not in self.queued:
            self.queued.add(key[0])
            self.queue.append(key[0])

    def _fetch(self, url):
        path, _sep, query = url.partition("?")
        if path.startswith(self.media_prefix):
            self._copy_media(url, unquote(path.removeprefix(self.media_prefix)))
            return
        response = self.client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            location = response["Location"]
            key = self._key(location, self.origin + url)
            if key:
                self.aliases[url] = key[0]
                self._enqueue(location, self.origin + url)
            else:
                self.external[url] = urljoin(self.origin + url, location)
            return
        if response.status_code != 200:
            return
        content_type = response["Content-Type"].split(";")[0].strip().lower()
        resource = self._resource(path, query, content_type)
        data = body(response)
        target = self.dest / resource.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.resources[url] = resource
        if resource.kind == "html":
            for value in _html_links(BeautifulSoup(data, "html.parser")):
                self._enqueue(value, self.origin + url)
        elif resource.kind == "css":
            for _quote, value in _CSS_URL.findall(data.decode(errors="replace")):
                self._enqueue(value, self.origin + url)
        elif resource.kind == "text":
            for value in self._absolute_link.findall(data.decode(errors="replace")):
                self._enqueue(value, self.origin + url)

    def _copy_media(self, url, name):
        if ".." in PurePosixPath(name).parts or not default_storage.exists(name):
            return
        file = f"media/{name}"
        target = self.dest / file
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
        self.resources[url] = Resource(file, "binary", False)

    def _resource(self, path, query, content_type):
        parts = [part for part in unquote(path).split("/") if part]
        if ".." in parts:
            raise ContinuityError(f"Refusing to archive {path}: it leaves the folder.")
        extension = EXTENSIONS.get(content_type, "")
        kind = {"text/html": "html", "text/css": "css"}.get(content_type, "binary")
        if content_type in TEXT_TYPES:
            kind = "text"
        suffix = f"-{slugify(query)}" if query else ""
        last = parts[-1] if parts else ""
        if path.endswith("/") or (kind == "html" and "." not in last):
            name = f"index{suffix}{extension or '.html'}"
            folder_link = not suffix and extension == ".html"
            return Resource("/".join([*parts, name]), kind, folder_link)
        if suffix:
            stem, dot, ending = last.rpartition(".")
            parts[-1] = f"{stem}{suffix}{dot}{ending}" if dot else f"{last}{suffix}"
        return Resource("/".join(parts), kind, False)

    def _write_search_page(self):
        """The search page of the archive: it says search is not possible here."""
        request = RequestFactory(HTTP_HOST=self.origin.split("://")[1]).get(
            self.search_path, secure=self.origin.startswith("https")
        )
        request.user = AnonymousUser()
        html = render_to_string(
            "portal/static_archive_search.html",
            {
                "meta_title": _("Zoeken"),
                "meta_description": _("Zoeken werkt niet in het archief."),
                "meta_noindex": True,
            },
            request=request,
        )
        resource = Resource(self.search_path.strip("/") + "/index.html", "html", True)
        target = self.dest / resource.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.resources[self.search_path] = resource
        self.queued.add(self.search_path)

    # Rewriting ----------------------------------------------------------------

    def _target(self, value, url, resource, absolute=False):
        """Where `value`, found in `url`, points in the archive; None if nowhere."""
        key = self._key(value, self.origin + url)
        if key is None:
            return value
        target_url, fragment = key
        if target_url.startswith(self.private_prefixes):
            return None
        seen = set()
        while target_url in self.aliases and target_url not in seen:
            seen.add(target_url)
            target_url = self.aliases[target_url]
        if target_url in self.external:
            return self.external[target_url]
        found = self.resources.get(target_url)
        if found is None:
            self.dropped.append((url, value))
            return None
        if absolute:
            link = self.base_url + found.link
        else:
            start = posixpath.dirname(resource.file) or "."
            link = posixpath.relpath(found.link or ".", start)
            if found.link.endswith("/") or not found.link:
                link = "./" if link == "." else link + "/"
        return link + (f"#{fragment}" if fragment else "")

    def _rewrite(self, url, resource):
        path = self.dest / resource.file
        if resource.kind == "html":
            html = self._rewrite_html(url, resource, path.read_bytes())
            path.write_text(html, encoding="utf-8")
        elif resource.kind == "css":

            def relative(match):
                target = self._target(match[2], url, resource) or match[2]
                return f"url({match[1]}{target}{match[1]})"

            text = path.read_bytes().decode()
            path.write_text(_CSS_URL.sub(relative, text), encoding="utf-8")
        else:
            text = path.read_bytes().decode(errors="replace")
            path.write_text(
                encoding="utf-8",
                data=self._absolute_link.sub(
                    lambda match: (
                        self._target(match[0], url, resource, absolute=True) or match[0]
                    ),
                    text,
                ),
            )

    def _rewrite_html(self, url, resource, data):
        soup = BeautifulSoup(data, "html.parser")
        for element in soup.find_all(list(LINK_ATTRIBUTES)):
            for attribute in LINK_ATTRIBUTES[element.name]:
                value = element.get(attribute)
                if value is None:
                    continue
                absolute = element.name == "link" and "canonical" in element.get(
                    "rel", []
                )
                if attribute == "srcset":
                    rewritten = self._rewrite_srcset(value, url, resource)
                else:
                    rewritten = self._target(value, url, resource, absolute)
                if rewritten is None:
                    del element[attribute]
                else:
                    element[attribute] = rewritten
        for meta in soup.find_all("meta", property=list(ABSOLUTE_META)):
            meta["content"] = (
                self._target(meta.get("content"), url, resource, absolute=True)
                or self.base_url
            )
        for form in soup.find_all("form"):
            self._replace_form(soup, form, url, resource)
        main = soup.find("main")
        if main is not None:
            banner = soup.new_tag("div", attrs={"class": "wrap archive-notice"})
            banner.append(self._notice(soup, archive_notice(), ""))
            main.insert(0, banner)
        return soup.decode(formatter="html5")

    def _rewrite_srcset(self, value, url, resource):
        candidates = []
        for candidate in value.split(","):
            link, _space, width = candidate.strip().partition(" ")
            target = self._target(link, url, resource)
            if target:
                candidates.append(f"{target} {width}".strip())
        return ", ".join(candidates) or None

    def _replace_form(self, soup, form, url, resource):
        key = self._key(form.get("action") or url, self.origin + url)
        if key and key[0] == self.search_path:
            # The search form stays and leads to the page that explains.
            form["action"] = self._target(self.search_path, url, resource)
            return
        if (form.get("method") or "get").lower() == "get":
            note = _("In het archief kun je niet filteren: je ziet hieronder alles.")
        else:
            note = _("Dit formulier werkt niet meer in het archief van de website.")
        form.replace_with(self._notice(soup, note, "archive-form-notice"))

    @staticmethod
    def _notice(soup, text, css_class):
        notice = soup.new_tag("p", attrs={"class": f"notice {css_class}".strip()})
        notice.string = text
        return notice


def _html_links(soup):
    for element in soup.find_all(list(LINK_ATTRIBUTES)):
        for attribute in LINK_ATTRIBUTES[element.name]:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                yield from (part.strip().split(" ")[0] for part in value.split(","))
            else:
                yield value
    for meta in soup.find_all("meta", property=list(ABSOLUTE_META)):
        yield meta.get("content")


def archive_notice():
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Dit is een archief van de website, gemaakt op %(date)s. Zoeken, "
            "aanmelden en formulieren werken hier niet meer."
        ) % {"date": date_format(timezone.localdate(), "j F Y")}
