"""Helpers the test modules share."""

import re
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


def response_text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_service_link(client, url):
    """`url` is linked from the header's service links and from the footer."""
    home = client.get("/").content.decode()
    header = home.split('class="service-nav"')[1].split("</nav>")[0]
    footer = home.split('class="site-footer"')[1]
    assert f'href="{url}"' in header
    assert f'href="{url}"' in footer


def count_queries(client, url):
    """The queries of a warm request: the first visit fills per-process caches
    (site, settings, image renditions, cached fragments); count the second."""
    response_text(client.get(url))
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        response_text(response)
    assert response.status_code == 200, url
    return len(context.captured_queries)


class _MarkupScanner(HTMLParser):
    """Collects every tag and attribute a browser would act on."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            squashed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src") and squashed.startswith(
                ("javascript:", "data:")
            ):
                self.problems.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self.lasttag == "script" and "alert" in data:
            self.problems.append(f"<script>{data}")


def dangerous_markup(html):
    scanner = _MarkupScanner()
    scanner.feed(html)
    return scanner.problems


def work_line(html, text):
    """(count, href, detail) of the admin dashboard's work line whose label
    contains `text`."""
    for item in re.findall(r"<li class=\"portal-work__line.*?</li>", html, re.S):
        if text in item:
            count = int(re.search(r'portal-work__count">(\d+)<', item).group(1))
            href = re.search(r'href="([^"]+)"', item).group(1).replace("&amp;", "&")
            detail = re.search(r'portal-work__detail">([^<]+)<', item)
            return count, href, detail.group(1) if detail else ""
    raise AssertionError(f"no line with {text!r} in {html}")


def publish(page, **changes):
    """Change `page`'s fields and publish it, as an editor does."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def enqueued(monkeypatch, task_path):
    """Replace the task at `task_path` by one that only records each time it
    is queued, as the database backend takes it to run later; returns the
    record (a list)."""
    queued = []

    class Worker:
        @staticmethod
        def enqueue():
            queued.append(True)

    monkeypatch.setattr(task_path, Worker)
    return queued
