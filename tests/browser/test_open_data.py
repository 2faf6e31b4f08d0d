import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll


@pytest.mark.parametrize("width", [320, 1280])
def test_open_data_page_is_accessible_with_its_dictionaries_open(
    page, demo_site, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base_url + "/open-data/")
    for summary in page.locator(".open-data__dictionary summary").all():
        summary.click()

    assert page.locator(".open-data__dictionary[open]").count() == 3
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)
