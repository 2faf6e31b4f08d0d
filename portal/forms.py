"""Forms of the portal app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm

from portal.filters import ListFilter
from portal.uploads import allowed_extensions


class ToolkitDocumentForm(BaseDocumentForm):
    """The admin's document form, telling editors in Dutch what they may upload.

    Wagtail checks the size in the file field (WAGTAILDOCS_MAX_UPLOAD_SIZE) and the
    type in the model's `clean()`; this replaces the size messages with ones that
    say what to do instead. Used through WAGTAILDOCS_DOCUMENT_FORM_BASE, so the
    multiple upload gets it too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        limit = field.max_upload_size_text
        # Wagtail fills in file_size and max_filesize when it raises this one.
        field.error_messages["file_too_large"] = _(
            "Dit bestand is te groot (%(file_size)s). Een document mag hoogstens "
            "%(max_filesize)s zijn: maak het kleiner of verdeel het over meerdere "
            "bestanden."
        )
        field.error_messages["file_too_large_unknown_size"] = _(
            "Dit bestand is te groot. Een document mag hoogstens %(max)s zijn."
        ) % {"max": limit}
        field.help_text = _("Hoogstens %(max)s. Toegelaten: %(allowed)s.") % {
            "max": limit,
            "allowed": ", ".join(allowed_extensions()),
        }
        field.widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in allowed_extensions()
        )


class ToolkitFilter(ListFilter):
    """The toolkit's filters; an unknown value shows every document, with a note."""

    soort = forms.ChoiceField(label=_("Soort document"), required=False)
    fase = forms.ModelChoiceField(
        label=_("Fase"), queryset=None, required=False, to_field_name="slug"
    )

    def __init__(self, *args, **kwargs):
        from portal.models import Phase, ToolkitDocument

        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [
            ("", _("Alle soorten")),
            *ToolkitDocument.DocumentType.choices,
        ]
        self.fields["fase"].queryset = Phase.objects.in_order()
        self.fields["fase"].empty_label = _("Alle fasen")

    def filter_soort(self, documents, document_type):
        return documents.filter(document_type=document_type)

    def filter_fase(self, documents, phase):
        return documents.filter(phase=phase)


class SiteSearchFilter(ListFilter):
    """The site search: what to look for and, if the visitor chose, which kind of
    result (`portal.search.search_kinds`)."""

    q = forms.CharField(label=_("Waar ben je naar op zoek?"), required=False)
    soort = forms.ChoiceField(label=_("Soort resultaat"), required=False)
    not_narrowing = ("q",)

    def __init__(self, *args, **kwargs):
        from portal.search import search_kinds

        super().__init__(*args, **kwargs)
        self.kinds = {kind.slug: kind for kind in search_kinds()}
        self.fields["soort"].choices = [
            ("", _("Alles")),
            *((kind.slug, kind.plural) for kind in self.kinds.values()),
        ]

    @property
    def kind(self):
        """The chosen kind of result, or None for every kind."""
        return self.kinds.get(self.values["soort"])


class AdminLoginForm(LoginForm):
    """Wagtail's login form; its password field has no label of its own, so
    Django made one from the field name, in English ("Password")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")
