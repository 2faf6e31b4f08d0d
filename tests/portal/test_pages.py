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
