from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, DocumentQuerySet
from wagtail.models import Page
from wagtail.search import index

from portal.document_text import extract_text
from portal.uploads import allowed_extensions, extension_error

from .pages import BasePage


def closed_collection_ids(request):
    """Ids of the collections whose documents `request` may not open: each
    collection with a privacy setting the visitor does not meet, and every
    collection below it. Without a request (a feed, open data), every
    restricted collection is closed. Kept on the request: one or two queries.
    """
    from wagtail.models import Collection, CollectionViewRestriction

    cached = getattr(request, "_closed_collection_ids", None)
    if cached is not None:
        return cached
    closed_paths = [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related(
            "collection"
        )
        if request is None or not restriction.accept_request(request)
    ]
    ids = frozenset()
    if closed_paths:
        below_closed = models.Q()
        for path in closed_paths:
            below_closed |= models.Q(path__startswith=path)
        ids = frozenset(
            Collection.objects.filter(below_closed).values_list("pk", flat=True)
        )
    if request is not None:
        request._closed_collection_ids = ids
    return ids


def in_private_collection(path="collection__path"):
    """Whether the outer row's collection (at `path`) lies in a collection with
    a privacy setting, as a subquery: a list whose documents all say no needs
    no look-up of the restrictions (`openable_documents`)."""
    from django.db.models.lookups import StartsWith
    from wagtail.models import CollectionViewRestriction

    return models.Exists(
        CollectionViewRestriction.objects.filter(
            StartsWith(models.OuterRef(path), models.F("collection__path"))
        )
    )


def openable_documents(documents, request):
    """The documents of a list (a block's, a step's, an event's) that `request`
    may open, in their order; empty entries (a deleted document) dropped.

    Documents marked `in_private_collection = False` (annotated with
    `in_private_collection()`) are open to everyone: when all are, the
    restrictions are not read.
    """
    documents = [document for document in documents if document]
    if all(
        getattr(document, "in_private_collection", None) is False
        for document in documents
    ):
        return documents
    closed = closed_collection_ids(request)
    return [
        document
        for document in documents
        if document and getattr(document, "collection_id", None) not in closed
    ]


class ToolkitDocumentQuerySet(DocumentQuerySet):
    def review_due(self, before):
        """Documents never checked, or last checked before the date `before`."""
        return self.filter(
            models.Q(last_reviewed__isnull=True) | models.Q(last_reviewed__lt=before)
        )

    def for_listing(self, request):
        """Main documents `request` may open, with what a toolkit entry shows and
        their other formats (the editable DOCX or XLSX) fetched alongside."""
        other_formats = ToolkitDocument.objects.openable_by(request)
        return (
            self.openable_by(request)
            .filter(main_version__isnull=True)
            .select_related("phase")
            .prefetch_related(
                models.Prefetch(
                    "other_formats", queryset=other_formats.order_by("file", "pk")
                )
            )
            .order_by("title", "pk")
        )

    def openable_by(self, request):
        """Only documents `request` may open: none from a collection (or below
        one) whose privacy setting the visitor does not meet."""
        closed = closed_collection_ids(request)
        return self.exclude(collection_id__in=closed) if closed else self


class ToolkitDocument(AbstractDocument):
    """A reusable document of the toolkit: a template, checklist, report...

    Beyond Wagtail's document it says what kind of document it is, which phase of
    the journey it serves and when Mechelen last checked that it is still right.
    """

    class DocumentType(models.TextChoices):
        TEMPLATE = "sjabloon", _("Sjabloon")
        CHECKLIST = "checklist", _("Checklist")
        PRESENTATION = "presentatie", _("Presentatie")
        REPORT = "rapport", _("Rapport")
        AGREEMENT = "overeenkomst", _("Overeenkomst")

    document_type = models.CharField(
        _("soort document"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.TEMPLATE,
    )
    phase = models.ForeignKey(
        "portal.Phase",
        verbose_name=_("fase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    last_reviewed = models.DateField(
        _("laatst nagekeken op"),
        null=True,
        blank=True,
        help_text=_("Wanneer iemand van het team nagekeken heeft of dit nog klopt."),
    )
    description = models.TextField(
        _("korte omschrijving"),
        blank=True,
        max_length=400,
        help_text=_("Eén of twee zinnen: waarvoor dient dit document?"),
    )
    licence = models.CharField(
        _("licentie"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bv. 'Vrij te gebruiken en aan te passen, met vermelding van Stad "
            "Mechelen.'"
        ),
    )

    main_version = models.ForeignKey(
        "self",
        verbose_name=_("andere versie van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="other_formats",
        help_text=_(
            "Is dit een bewerkbare versie (DOCX, XLSX) van een ander document? Kies "
            "dat document: de toolkit toont ze samen."
        ),
    )
    # Filled from the file on save, so the site search finds what a document says.
    file_text = models.TextField(_("tekst uit het bestand"), blank=True, editable=False)

    objects = ToolkitDocumentQuerySet.as_manager()

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "document_type",
        "phase",
        "last_reviewed",
        "description",
        "licence",
        "main_version",
        "tags",
    )
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("file_text"),
        index.FilterField("document_type"),
        index.FilterField("phase"),
        index.FilterField("main_version"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        permissions = [("choose_document", "Can choose document")]

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        document._loaded_file_name = document.file.name if document.file else None
        return document

    def save(self, *args, **kwargs):
        if self.file and self.file.name != getattr(self, "_loaded_file_name", None):
            self.file_text = extract_text(self.file)
        super().save(*args, **kwargs)
        self._loaded_file_name = self.file.name if self.file else None

    def clean(self):
        # Wagtail's own check, with a message a Dutch-speaking editor understands.
        # Without a file the form has already said the field is required.
        if not self.file:
            return
        try:
            FileExtensionValidator(allowed_extensions())(self.file)
        except ValidationError as error:
            raise ValidationError({"file": extension_error(self.file.name)}) from error

    @property
    def format_label(self):
        """The file type as people name it: 'PDF', 'DOCX'."""
        return self.file_extension.upper() or _("bestand")

    @property
    def size_label(self):
        """The size in kB below one megabyte, else in MB: '120 kB', '2,4 MB'."""
        size = self.file_size
        if size is None:
            return ""
        if size < 1000 * 1000:
            return _("%(size)s kB") % {"size": max(1, round(size / 1000))}
        return _("%(size)s MB") % {
            "size": number_format(size / (1000 * 1000), decimal_pos=1)
        }

    @property
    def format_and_size(self):
        """'PDF, 120 kB', as the toolkit and document lists show it."""
        return ", ".join(part for part in (self.format_label, self.size_label) if part)


class ToolkitPage(BasePage):
    """Every toolkit document, filterable by type and phase with a plain GET form."""

    documents_per_page = 20
    url_everywhere = True  # the guides link to it (`frame_pages`)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "portal/toolkit_page.html"

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    def get_context(self, request, *args, **kwargs):
        from portal.forms import ToolkitFilter

        context = super().get_context(request, *args, **kwargs)
        form = ToolkitFilter(request.GET)
        documents = form.filter(ToolkitDocument.objects.for_listing(request))
        context["filter_form"] = form
        context["documents_page"] = Paginator(
            documents, self.documents_per_page
        ).get_page(request.GET.get("page"))
        return context
