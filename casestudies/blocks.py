"""StreamField blocks that only case studies use: how it was done and what it gave."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.blocks import BaseStreamBlock, FactBlock, ParagraphBlock, QuoteBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Stap"), max_length=120)
    text = blocks.TextBlock(label=_("Uitleg"), required=False, max_length=800)


class ApproachBlock(blocks.StructBlock):
    """The approach as numbered steps, so another city can follow it in order."""

    title = blocks.CharBlock(
        label=_("Titel"), required=False, max_length=120, default="Aanpak"
    )
    steps = blocks.ListBlock(StepBlock(), label=_("Stappen"), min_num=1, max_num=15)

    class Meta:
        icon = "list-ol"
        label = _("Aanpak in stappen")
        template = "blocks/approach_block.html"
        preview_value = {
            "title": "Aanpak",
            "steps": [
                {"title": "Kies de wijken", "text": "Samen met de huisvester."},
                {"title": "Zoek de pleinmakers", "text": "Via een open oproep."},
            ],
        }


class ResultsBlock(blocks.StructBlock):
    """What the practice achieved, as key figures with a short comment."""

    title = blocks.CharBlock(
        label=_("Titel"), required=False, max_length=120, default="Resultaten"
    )
    figures = blocks.ListBlock(FactBlock(), label=_("Cijfers"), min_num=1, max_num=6)
    text = ParagraphBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "table"
        label = _("Resultaten")
        template = "blocks/results_block.html"
        preview_value = {
            "title": "Resultaten",
            "figures": [{"number": "12", "label": "buurtacties per jaar"}],
        }


class LessonsBlock(blocks.StructBlock):
    """What did not work and what the team would do differently next time."""

    title = blocks.CharBlock(
        label=_("Titel"), required=False, max_length=120, default="Wat werkte niet"
    )
    lessons = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("problem", blocks.CharBlock(label=_("Wat liep mis"), max_length=200)),
                (
                    "lesson",
                    blocks.TextBlock(
                        label=_("Wat we nu anders doen"), required=False, max_length=600
                    ),
                ),
            ]
        ),
        label=_("Lessen"),
        min_num=1,
        max_num=10,
    )

    class Meta:
        icon = "warning"
        label = _("Wat werkte niet")
        template = "blocks/lessons_block.html"
        preview_value = {
            "title": "Wat werkte niet",
            "lessons": [
                {
                    "problem": "Te veel activiteiten in het eerste jaar",
                    "lesson": "Begin met één actie en bouw op.",
                }
            ],
        }


class CaseStudyStreamBlock(BaseStreamBlock):
    """The shared blocks plus the blocks that make a practice transferable."""

    approach = ApproachBlock()
    results = ResultsBlock()
    lessons = LessonsBlock()
    quote = QuoteBlock()


class ExportColumnBlock(blocks.StructBlock):
    """One column of the open-data export, as explained in the data dictionary."""

    name = blocks.CharBlock(label=_("Kolomnaam"), max_length=60)
    type = blocks.CharBlock(label=_("Type"), max_length=60)
    description = blocks.TextBlock(label=_("Betekenis"), max_length=600)

    class Meta:
        icon = "table"
        label = _("Kolom")
        template = "blocks/export_column_block.html"
