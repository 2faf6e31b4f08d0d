import json

import pytest
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from network.directory import MAP_DATA, map_shapes
from network.models import MembershipStatus, Municipality, NetworkIndexPage
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def test_directory_order_puts_mentor_then_members_first(mechelen, leuven):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    names = list(Municipality.objects.for_directory().values_list("name", flat=True))
    assert names[:2] == ["Mechelen", "Leuven"]
    assert names[2] == "Aalst"
    assert len(names) == 285


def test_members_are_members_and_mentor_only(mechelen, leuven, hasselt):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    hasselt.membership_status = MembershipStatus.CANDIDATE
    hasselt.save()
    assert set(Municipality.objects.members()) == {mechelen, leuven}


def test_absolute_url_is_below_the_directory_page(network_page, mechelen):
    assert mechelen.get_absolute_url() == "/netwerk/mechelen/"


class TestNetworkIndexPageTree(WagtailPageTestCase):
    def test_lives_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, NetworkIndexPage)
        self.assertCanNotCreateAt(ContentPage, NetworkIndexPage)
        self.assertAllowedSubpageTypes(NetworkIndexPage, {})

    def test_there_is_only_one(self):
        assert NetworkIndexPage.max_count == 1


def test_map_data_has_one_shape_per_municipality_and_is_small():
    data = map_shapes()
    codes = set(Municipality.objects.values_list("nis_code", flat=True))
    assert set(data["paths"]) == codes
    assert all(path.startswith("M") for path in data["paths"].values())
    assert MAP_DATA.stat().st_size < 200_000
    assert json.loads(MAP_DATA.read_text())["width"] == 1000
