"""Demo practices: fictitious examples across Flanders, flagged `is_example`.

The site shows each with a "Voorbeeld" banner; the texts are in `practices.toml`.
Mechelen's own practice is true content (`casestudies.content`).
"""

from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from casestudies.content import add_practice
from casestudies.facet_counts import refresh_listing_facets
from casestudies.listed import sync_listed
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from portal.demo.blocks import read_data

DATA = read_data(__file__, "practices.toml")


def load(loader):
    index = CaseStudyIndexPage.objects.get()
    # Hero images numbered after the true content's.
    for number, spec in enumerate(DATA["practices"], start=2):
        add_practice(loader, index, number, spec, is_example=True)


def remove(stdout):
    examples = CaseStudyPage.objects.filter(is_example=True)
    image_ids = set(examples.values_list("hero_image_id", flat=True)) - {None}
    count, _by_model = examples.delete()
    stdout.write(f"  - {count} example practices and what hung on them")
    # Their drawn hero images go too, unless real content uses one.
    images = get_image_model().objects.filter(pk__in=image_ids)
    unused = [
        image.pk
        for image in images
        if not CaseStudyPage.objects.filter(hero_image=image).exists()
        and not ReferenceIndex.get_references_to(image).exists()
    ]
    # Deleting an image deletes its renditions, and both their files once committed.
    count, _by_model = images.filter(pk__in=unused).delete()
    stdout.write(f"  - {count} example images and their renditions")


def refresh():
    """What the practices list stores (its listed rows, the facet counts of
    the whole list), after practices were written in bulk."""
    sync_listed()
    refresh_listing_facets()
