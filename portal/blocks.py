"""StreamField blocks shared by every page type of the portal."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text stays simple so content reads the same everywhere; headings come from
# HeadingBlock so they can feed a table of contents.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading with a stable anchor for in-page links."""

    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tussentitel")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Wat doet een pleinmaker?", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class ParagraphBlock(blocks.RichTextBlock):
    """Running text: paragraphs, emphasis, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>Een pleinmaker woont in de buurt en brengt mensen samen.</p>"
        )


class ImageBlock(blocks.StructBlock):
    """A content image; the alternative text is required for screen readers."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Beschrijf wat er op de afbeelding te zien is, voor wie ze niet ziet."
        ),
    )
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person who said it."""

    quote = blocks.TextBlock(label=_("Citaat"), max_length=600)
    attribution = blocks.CharBlock(
        label=_("Wie zei het"), required=False, max_length=120
    )
    role = blocks.CharBlock(
        label=_("Rol of organisatie"), required=False, max_length=120
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Sinds er een pleinmaker is, kennen de buren elkaar bij naam.",
            "attribution": "Bewoner van Otterbeek",
        }


class CalloutBlock(blocks.StructBlock):
    """A highlighted tip, note or warning."""

    kind = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[
            ("tip", _("Tip")),
            ("info", _("Goed om te weten")),
            ("warning", _("Let op")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    text = ParagraphBlock(label=_("Tekst"))

    class Meta:
        icon = "help"
        label = _("Kader")
        template = "blocks/callout_block.html"
        preview_value = {"kind": "tip", "title": "Tip", "text": "<p>Begin klein.</p>"}


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one clear button to a page or an address."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False, max_length=400)
    button_label = blocks.CharBlock(label=_("Knoptekst"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Kies een pagina of vul een webadres in, niet allebei.")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value


class PageCardsBlock(blocks.StructBlock):
    """A row of cards linking to pages, each showing the page's title and intro."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pagina's"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Kaarten naar pagina's")
        template = "blocks/page_cards_block.html"


class FactBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Getal"), max_length=20)
    label = blocks.CharBlock(label=_("Omschrijving"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A few numbers that tell the story at a glance."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    figures = blocks.ListBlock(FactBlock(), label=_("Cijfers"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Kerncijfers")
        template = "blocks/key_figures_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every content page offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    call_to_action = CallToActionBlock()
    page_cards = PageCardsBlock()
    key_figures = KeyFiguresBlock()
