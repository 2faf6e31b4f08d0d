"""The editors' dashboard: one panel, every queue a line with its count and link."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail import hooks

from experiences import services
from experiences.factories import ExperienceFactory
from network.factories import MembershipApplicationFactory
from network.models import MembershipApplication
from portal.dashboard import WorkLine
from portal.factories import (
    GuideIndexPageFactory,
    GuidePageFactory,
    ToolkitDocumentFactory,
)
from portal.models import ContactSubmission
from tests.helpers import work_line as line

pytestmark = pytest.mark.django_db


def panel(client):
    html = client.get("/admin/").content.decode()
    heading = 'aria-labelledby="portal-work-heading"'
    return html.split(heading, 1)[1].split("</section>")[0]


def test_one_panel_shows_every_queue_with_its_count_age_and_link(
    client, editor, home_page, hasselt, member
):
    application = MembershipApplicationFactory(municipality=hasselt)
    MembershipApplication.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3, hours=2)
    )
    services.save_experience(ExperienceFactory(author=member), member, submit=True)
    ContactSubmission.objects.create(
        page=home_page, form_data={"naam": "An", "onderwerp": "Pers"}
    )
    index = GuideIndexPageFactory(parent=home_page)
    GuidePageFactory(parent=index, last_reviewed=datetime.date(2020, 1, 1))
    GuidePageFactory(parent=index)
    ToolkitDocumentFactory(last_reviewed=None)

    client.force_login(editor)
    html = panel(client)

    assert "Wat wacht op de redactie" in html
    assert line(html, "aansluiting") == (
        1,
        "/admin/snippets/network/membershipapplication/?status=ingediend",
        "oudste wacht 3 dagen",
    )
    count, href, _detail = line(html, "moderatie")
    assert count == 1 and href.endswith("?status=wacht")
    assert line(html, "verborgen")[0] == 0
    assert line(html, "meldingen")[0] == 0
    assert line(html, "contactbericht")[:2] == (
        1,
        "/admin/contact_messages/?status=nieuw",
    )
    assert line(html, "nagekeken")[:2] == (2, "/admin/nakijken/")
    # The lines follow the order the apps gave them, whatever their import order.
    labels = re.findall(r'portal-work__label">([^<]+)<', html)
    assert labels.index(
        "aanvraag tot aansluiting wacht op een beslissing"
    ) < labels.index("ervaring wacht op moderatie")


def test_the_review_queue_lists_what_is_past_its_review_date(client, editor, home_page):
    index = GuideIndexPageFactory(parent=home_page)
    GuidePageFactory(
        parent=index, title="Oude gids", last_reviewed=datetime.date(2020, 1, 1)
    )
    GuidePageFactory(parent=index, title="Verse gids")
    client.force_login(editor)
    html = client.get("/admin/nakijken/").content.decode()
    assert "Oude gids" in html and "Verse gids" not in html


def test_another_app_adds_a_line_through_the_hook(client, editor):
    def extra(request):
        return [WorkLine(count=4, label="testregels", url="/admin/test/", order=1)]

    client.force_login(editor)
    with hooks.register_temporarily("portal_dashboard_lines", extra):
        html = panel(client)
    assert line(html, "testregels") == (4, "/admin/test/", "")
    assert html.index("testregels") < html.index("aansluiting")


def test_an_editor_without_a_queue_sees_no_line_for_it(client, home_page):
    from django.contrib.auth.models import Permission

    from portal.factories import UserFactory

    user = UserFactory(email="lezer@mechelen.example")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "aansluiting" not in html and "contactbericht" not in html
