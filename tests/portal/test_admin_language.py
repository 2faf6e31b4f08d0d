"""The admin speaks Dutch and tells time in Brussels, in lists and detail views."""

import datetime
import re

import pytest

from network.factories import MembershipApplicationFactory
from network.models import MembershipApplication

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r">\s*(Password|True|False|None)\s*<")


def test_the_admin_login_asks_for_a_wachtwoord(client):
    html = client.get("/admin/login/").content.decode()
    assert "Wachtwoord" in html
    assert not ENGLISH.search(html)


def test_an_application_reads_in_dutch_and_brussels_time_everywhere(
    client, editor, hasselt
):
    application = MembershipApplicationFactory(municipality=hasselt)
    # 10:00 UTC on a summer day is 12:00 in Brussels.
    MembershipApplication.objects.filter(pk=application.pk).update(
        created_at=datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)
    )
    client.force_login(editor)
    listing = client.get(
        "/admin/snippets/network/membershipapplication/"
    ).content.decode()
    inspect = client.get(
        f"/admin/snippets/network/membershipapplication/inspect/{application.pk}/"
    ).content.decode()

    for html in (listing, inspect):
        assert not ENGLISH.search(html), ENGLISH.search(html).group(0)
        assert "12:00" in html and "10:00" not in html
    # A yes/no field and an empty one, as people read them.
    assert re.search(r"<td\s*>\s*nee\s*</td>", listing)
    decided_by = inspect.split("Beslist door</dt>", 1)[1].split("</dd>")[0]
    assert decided_by.split("<dd>")[1].strip() == "–", repr(decided_by)


def test_yes_no_columns_of_member_profiles_read_ja_or_nee(client, editor, member):
    client.force_login(editor)
    html = client.get("/admin/snippets/network/memberprofile/").content.decode()
    assert not ENGLISH.search(html)
    assert re.search(r"<td\s*>\s*(ja|nee)\s*</td>", html)


def test_pages_published_by_a_command_show_no_none_in_reports_or_side_panels(
    client, editor, home_page
):
    """Content loaded or published by a command has no publishing person: the
    aging pages report shows a dash there, and the page explorer's status panel
    counter, empty until the script counts, prints nothing."""
    home_page.save_revision().publish()  # as load_content does: no user
    client.force_login(editor)
    aging = client.get("/admin/reports/aging-pages/").content.decode()
    assert home_page.title in aging
    assert not ENGLISH.search(aging), ENGLISH.search(aging).group(0)
    published_by = aging.split(f"{home_page.title}", 1)[1].split("</tr>")[0]
    assert re.search(r"<td[^>]*>\s*–\s*</td>", published_by), published_by
    for url in [f"/admin/pages/{home_page.pk}/", f"/admin/pages/{home_page.pk}/edit/"]:
        html = client.get(url).content.decode()
        assert not ENGLISH.search(html), (url, ENGLISH.search(html).group(0))


def test_the_page_editor_offers_moderation_in_dutch(client, editor, home_page):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()
    assert "Moderators approval" not in html
    assert "Stuur door naar Nalezen en goedkeuren" in html
