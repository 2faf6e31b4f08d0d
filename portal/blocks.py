"""StreamField blocks shared by every page type of the portal."""

import copy

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.utils import ErrorList
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
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


def validate_link(value):
    """A path on this site ("/netwerk/aansluiten/") or a full web address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one clear button to a page or an address."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False, max_length=400)
    button_label = blocks.CharBlock(label=_("Knoptekst"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.CharBlock(
        label=_("Of een webadres"),
        required=False,
        max_length=300,
        validators=[validate_link],
        help_text=_(
            "Een pad op deze site, zoals /netwerk/aansluiten/, of een volledig "
            "webadres."
        ),
    )

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


def specific_pages(ids):
    """{id: page} of the pages `ids`, in their specific form without their
    StreamFields: one query per page type. The type of a page the request's
    frame (menu, service pages) already read is known; the others cost one
    query more to learn theirs."""
    from collections import defaultdict

    from wagtail.models import Page

    from portal.models.pages import frame_pages
    from portal.request_memo import current_request

    known = {}
    if current_request() is not None:
        frame = frame_pages()
        known = {page.pk: page for page in [*frame.menu, *frame.services]}
    by_model = defaultdict(list)
    unknown = []
    for pk in set(ids):
        page = known.get(pk)
        if page is not None and page.specific_class is not None:
            by_model[page.specific_class].append(pk)
        else:
            unknown.append(pk)
    found = {}
    if unknown:
        pages = Page.objects.filter(pk__in=unknown).defer_streamfields().specific()
        found.update((page.pk, page) for page in pages)
    for model, pks in by_model.items():
        found.update(model.objects.defer_streamfields().in_bulk(pks))
    return found


class CardPageChooserBlock(blocks.PageChooserBlock):
    """A page shown on a card: read in its specific form (title, intro), with
    every other card of the stream at once."""

    def bulk_to_python(self, values):
        pages = specific_pages([pk for pk in values if pk is not None])
        result, seen = [], set()
        for pk in values:
            page = pages.get(pk)
            # The same page twice: two instances, as Wagtail's own chooser gives.
            result.append(copy.copy(page) if page is not None and pk in seen else page)
            seen.add(pk)
        return result

    def deconstruct(self):
        # Stored as Wagtail's page chooser stores it: no migration for a read.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs


class PageCardsBlock(blocks.StructBlock):
    """A row of cards linking to pages, each showing the page's title and intro."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    pages = blocks.ListBlock(CardPageChooserBlock(), label=_("Pagina's"), min_num=1)

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


# Blocks of the guides, the toolkit and the FAQ.


class DocumentListBlock(blocks.StructBlock):
    """A list of toolkit documents to download, each with its type and size."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    documents = blocks.ListBlock(
        DocumentChooserBlock(), label=_("Documenten"), min_num=1
    )

    class Meta:
        icon = "doc-full"
        label = _("Documenten")
        template = "blocks/document_list_block.html"

    def clean(self, value):
        value = super().clean(value)
        ids = [document.pk for document in value["documents"] if document]
        if len(ids) != len(set(ids)):
            message = _("Elk document mag maar één keer in de lijst staan.")
            raise blocks.StructBlockValidationError(
                block_errors={"documents": ErrorList([ValidationError(message)])}
            )
        return value


class StepBlock(blocks.StructBlock):
    """One step of a guide: what to do, and the documents that help with it."""

    title = blocks.CharBlock(label=_("Titel van de stap"), max_length=160)
    text = ParagraphBlock(label=_("Uitleg"))
    documents = blocks.ListBlock(
        DocumentChooserBlock(),
        label=_("Documenten bij deze stap"),
        default=[],
        min_num=0,
    )

    class Meta:
        icon = "order"
        label = _("Stap")


class StepsBlock(blocks.StructBlock):
    """Numbered steps, in the order a city takes them."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Stappen"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Stappenplan")
        template = "blocks/steps_block.html"
        preview_value = {
            "title": "Zo begin je",
            "steps": [
                {"title": "Praat met de huisvestingsmaatschappij", "text": "<p>…</p>"},
                {"title": "Kies de wijken", "text": "<p>…</p>"},
            ],
        }


class ChecklistBlock(blocks.StructBlock):
    """Points to tick off, also on paper."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Punt"), max_length=300),
        label=_("Punten"),
        min_num=1,
    )

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist_block.html"
        preview_value = {
            "title": "Klaar om te starten?",
            "items": ["De woningen zijn gekozen", "De huurbijdrage is afgesproken"],
        }


class FaqItemBlock(blocks.StructBlock):
    """A question with its answer, folded open on demand."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=200)
    answer = ParagraphBlock(label=_("Antwoord"))

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")
        template = "blocks/faq_item_block.html"
        preview_value = {
            "question": "Wie kan pleinmaker worden?",
            "answer": "<p>Een bewoner die graag mensen samenbrengt.</p>",
        }


class FaqThemeBlock(blocks.StructBlock):
    """The questions about one theme, under a heading of their own."""

    theme = blocks.CharBlock(label=_("Thema"), max_length=120)
    questions = blocks.ListBlock(FaqItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Thema met vragen")
        template = "blocks/faq_theme_block.html"


class GuideStreamBlock(BaseStreamBlock):
    """What a guide offers on top of every content page's blocks."""

    steps = StepsBlock()
    checklist = ChecklistBlock()
    documents = DocumentListBlock()
    faq_item = FaqItemBlock()
