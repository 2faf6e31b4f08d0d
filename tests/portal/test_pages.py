import re

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.models import ContentPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_there_is_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)

    def test_content_pages_nest_under_home_and_each_other(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(Page, ContentPage)


def test_meta_description_prefers_the_search_description(home_page):
    page = ContentPage(title="x", intro="De inleiding", search_description="")
    assert page.get_meta_description() == "De inleiding"
    page.search_description = "Voor zoekmachines"
    assert page.get_meta_description() == "Voor zoekmachines"


def test_routing_brings_the_menu_in_the_same_query(client, home_page):
    """The pages on the path and the menu's pages (the frame every page shows)
    come from one query, with the page cache and fragment caches empty."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.factories import ContentPageFactory

    section = ContentPageFactory(
        parent=home_page, slug="over", title="Over ons", show_in_menus=True
    )
    section.save_revision().publish()
    page = ContentPageFactory(parent=section, slug="team", title="Het team")
    page.save_revision().publish()
    client.get("/over/team/")  # the first request creates the site settings
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/over/team/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/over/" aria-current="true">Over ons</a>' in menu
    page_queries = [q["sql"] for q in queries if 'FROM "wagtailcore_page"' in q["sql"]]
    by_path = [sql for sql in page_queries if '"url_path" IN' in sql]
    menu_lookups = [sql for sql in page_queries if '"content_type_id" IN' in sql]
    assert len(by_path) == 1
    assert menu_lookups == by_path


def test_the_menu_pages_have_an_index(db):
    """The frame's menu condition (`depth`, `show_in_menus`) is served by an
    index, so the routing query ORs index lookups instead of reading every
    page (the other two parts, `url_path` and `content_type_id`, have one)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, Page._meta.db_table
        )
    indexed = [c["columns"] for c in constraints.values() if c["index"]]
    assert ["depth", "show_in_menus"] in indexed
    assert ["url_path"] in indexed
