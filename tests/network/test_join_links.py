"""Every path to joining leads to the join form: a test follows every link on the
site's pages whose text or address speaks of aansluiten."""

import io
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from network.models import Municipality

pytestmark = pytest.mark.django_db

JOIN_PATH = "/netwerk/aansluiten/"
LINK = re.compile(r"<a\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)
JOINING = re.compile(r"aansl|sluit\s+(je\s+)?aan|sluiten", re.I)


def join_links(html):
    for href, inner in LINK.findall(html):
        text = re.sub(r"<[^>]+>", " ", inner)
        if JOINING.search(unescape(href)) or JOINING.search(unescape(text)):
            yield unescape(href), " ".join(text.split())


def test_every_aansluiten_link_goes_to_the_join_form(client):
    call_command("load_demo", stdout=io.StringIO())
    urls = {page.url for page in Page.objects.live().public().specific() if page.url}
    urls |= {m.get_absolute_url() for m in Municipality.objects.members()}
    urls.add(Municipality.objects.get(nis_code="71072").get_absolute_url())

    found = {}
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        for href, text in join_links(response.content.decode()):
            found.setdefault(url, []).append((href, text))

    for must_link in ["/", "/lerend-netwerk/", "/veelgestelde-vragen/", "/netwerk/"]:
        assert must_link in found, f"{must_link} has no link to join"
    for url, links in found.items():
        for href, text in links:
            assert urlsplit(href).path == JOIN_PATH, (url, href, text)
            assert client.get(href).status_code == 200, href
