import pytest

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.helpers import publish


@pytest.fixture
def practices(home_page):
    """The practice index, published, with two practices."""
    index = CaseStudyIndexPageFactory(parent=home_page)
    publish(index)
    first = CaseStudyPageFactory(parent=index, title="Soep op het plein")
    second = CaseStudyPageFactory(parent=index, title="Een bank voor iedereen")
    return index, first, second
