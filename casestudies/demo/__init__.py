"""Demo practices: fictitious examples across Flanders, flagged `is_example`.

The site shows each with a "Voorbeeld" banner; the texts are in `practices.toml`.
Mechelen's own practice is true content (`casestudies.content`).
"""

from casestudies.content import add_practice
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from portal.demo.blocks import read_data

DATA = read_data(__file__, "practices.toml")


def load(loader):
    index = CaseStudyIndexPage.objects.get()
    # Hero images numbered after the true content's.
    for number, spec in enumerate(DATA["practices"], start=2):
        add_practice(loader, index, number, spec, is_example=True)


def remove(stdout):
    count, _by_model = CaseStudyPage.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} example practices and what hung on them")
