import pytest

from experiences.factories import ExperienceFactory


@pytest.fixture
def published(experiences_page, member, editor):
    """A published experience by `member`, through the real workflow."""
    return ExperienceFactory(
        author=member,
        title="Soep op het plein",
        summary="Hoe een pot soep de buren samenbracht.",
        body="Het begon met **één pot** soep.",
        themes=["burendag"],
        publish=True,
        publish__by=editor,
    )
