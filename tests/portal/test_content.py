"""True content apart from example content: `load_content` puts in only what is
true, `load_demo` adds examples flagged `is_example`, `remove_demo` takes them out
again and leaves the rest untouched. Nothing invented is stated as fact."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Collection, Page

from casestudies.forms import content_errors, label_errors
from casestudies.models import CaseStudyPage
from events.models import EventPage
from experiences.models import Experience
from network.models import MembershipApplication, MembershipStatus, Municipality
from portal.models import User
from trajectories.models import Trajectory

pytestmark = pytest.mark.django_db

# Stated on the site before, none of which FACTS.md holds (issue #12).
INVENTED = [
    "1 januari 2022",
    "sinds 2022",
    "4 pleinmakers",
    "4 woningen",
    "zorgt voor de selectie",
    "is vrijwillig",
    "Redacteurs kunnen deze tekst",
    "Redacteurs vervangen",
    "sinds jaren",
    "onze perscontact",
    "in het netwerk sinds",
    "Woonpunt Mechelen stelt",
]
EXAMPLE_MODELS = [CaseStudyPage, EventPage, Experience, MembershipApplication, User]


def load(command):
    call_command(command, stdout=io.StringIO())


def true_content():
    pages = sorted(
        Page.objects.values_list("url_path", "title", "live", "latest_revision_id")
    )
    members = sorted(
        Municipality.objects.exclude(
            membership_status=MembershipStatus.NONE
        ).values_list("name", "membership_status", "member_since", "description")
    )
    return pages, members


def public_html(client):
    """Every live page, and the municipality pages of the network, as HTML."""
    urls = {page.url for page in Page.objects.live().public().specific() if page.url}
    urls |= {m.get_absolute_url() for m in Municipality.objects.members()}
    return {url: client.get(url).content.decode() for url in sorted(urls)}


def test_load_content_holds_only_true_content(client):
    load("load_content")
    assert Municipality.objects.count() == 285
    assert list(Municipality.objects.members().values_list("name", flat=True)) == [
        "Mechelen"
    ]
    for model in EXAMPLE_MODELS:
        assert not model.objects.filter(is_example=True).exists(), model
    assert not User.objects.exists()
    assert not Experience.objects.exists()
    assert list(CaseStudyPage.objects.values_list("municipality__name", flat=True)) == [
        "Mechelen"
    ]
    for url in ["/", "/lerend-netwerk/", "/veelgestelde-vragen/", "/gidsen/"]:
        assert client.get(url).status_code == 200, url


def library():
    """The image and document library: each item's id and stored file name."""
    return (
        sorted(get_image_model().objects.values_list("pk", "file")),
        sorted(get_document_model().objects.values_list("pk", "file")),
        sorted(Collection.objects.values_list("pk", "name")),
    )


def test_remove_demo_takes_out_every_example_and_keeps_the_rest(
    client, editor, django_capture_on_commit_callbacks
):
    load("load_content")
    before = true_content()
    library_before = library()
    load("load_demo")
    assert CaseStudyPage.objects.filter(is_example=True).count() >= 5
    assert Experience.objects.filter(is_example=True).exists()
    assert Municipality.objects.filter(is_example=True).count() >= 3
    assert Trajectory.objects.filter(is_example=True).exists()
    # Every practice loaded, true or example, meets the rule for going live and
    # names its author truthfully (‘Gedeeld door een lid’ only for a member's).
    for practice in CaseStudyPage.objects.live():
        assert not content_errors(practice), practice.title
        assert not label_errors(practice), practice.title
    examples = CaseStudyPage.objects.filter(is_example=True)
    example_images = list(
        get_image_model().objects.filter(pk__in=examples.values("hero_image"))
    )
    assert len(example_images) == examples.count()
    renditions = [image.get_rendition("fill-400x225") for image in example_images]
    storage = example_images[0].file.storage

    with django_capture_on_commit_callbacks(execute=True):
        load("remove_demo")
    for model in [*EXAMPLE_MODELS, Municipality, Trajectory]:
        assert not model.objects.filter(is_example=True).exists(), model
    assert true_content() == before
    # The example practices' images, their renditions and files are gone too.
    assert library() == library_before
    assert not Rendition.objects.filter(image__in=example_images).exists()
    for item in [*example_images, *renditions]:
        assert not storage.exists(item.file.name), item.file.name
    mechelen = CaseStudyPage.objects.get()
    assert storage.exists(mechelen.hero_image.file.name)
    assert User.objects.get() == editor  # a real account stays
    assert client.get("/praktijkvoorbeelden/").status_code == 200


def test_nothing_invented_is_stated_and_no_editor_notes(client):
    load("load_demo")
    pages = public_html(client)
    for url, html in pages.items():
        for claim in INVENTED:
            assert claim not in html, (url, claim)
    practice = pages["/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/"]
    assert "Startjaar" not in practice
    assert "Woningen ter beschikking" not in practice
    # Mechelen wrote it, and the page says so.
    assert "Gevalideerd door Mechelen" in practice
    assert "Gedeeld door een lid" not in practice
    about = pages["/over-pleinmakers/"]
    assert "ontvangt en aanvaardt coaching" in about
    assert "is sterk in het organiseren" in about
    # No page per neighbourhood with a made-up story.
    assert not Page.objects.filter(slug="oud-oefenplein").exists()


def test_the_dutch_reads_right(client):
    load("load_content")
    home = client.get("/").content.decode()
    (title,) = re.findall(r"<title>(.*?)</title>", home, re.S)
    assert title.strip() == "Lerend netwerk pleinmakers"
    mechelen = client.get("/netwerk/mechelen/").content.decode()
    assert "86.921 inwoners (2020)" in mechelen
    contact = client.get("/contact/").content.decode()
    assert "ons perscontact" in contact
    form = client.get("/netwerk/aansluiten/").content.decode()
    assert "jullie" not in form.lower()
