"""The one filter contract of every list: practices, experiences, the directory,
the toolkit, site search and the agenda.

A list's filter is a GET form: `SomeFilter(request.GET).filter(queryset)`. A
value it cannot use is left out with a note for the visitor (`notes`), never an
error, so an old or mistyped link still shows a list. The list, its feed and its
exports read the same filter, so they always agree. Each field `name` narrows
the queryset through the filter's `filter_<name>(queryset, value)`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.search import clean_query

NOTE_VALUE_LENGTH = 40
EMPTY_VALUES = (None, "", [])


class ValuesField(forms.MultipleChoiceField):
    """Several values whose choices only the data knows (such as themes in use);
    the filter checks them itself."""

    def valid_value(self, value):
        return True


def _attributes(attrs):
    """As Django's `django/forms/widgets/attrs.html` writes them."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """A `Select` that writes the very markup of Django's templates, without a
    template include per option: a filter's list of themes or municipalities
    has dozens to hundreds of them, a few milliseconds per list page. Choices
    other than text (numbers, which a template would localise) take Django's
    way."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            f'<select name="{conditional_escape(widget["name"])}"'
            f"{_attributes(widget['attrs'])}>"
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                label = option["label"]
                if not isinstance(label, str | Promise):
                    return super().render(name, value, attrs, renderer)
                parts.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"'
                    f"{_attributes(option['attrs'])}>"
                    f"{conditional_escape(str(label))}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


class ListFilter(forms.Form):
    # The field that holds a search query, cleaned for every search backend.
    search_field = "q"
    # Fields that change the order or the view but do not narrow the list.
    not_narrowing: tuple = ()
    ignored_note = _(
        "‘%(value)s’ is geen geldige keuze voor %(field)s; we negeerden het."
    )
    # A note of its own for a field, e.g. {"van": _("… geen geldig jaartal …")}.
    ignored_notes: dict = {}

    def __init__(self, data=None, **kwargs):
        # Always bound: a list without a query string is a list without filters.
        super().__init__(data if data is not None else QueryDict(), **kwargs)

    def full_clean(self):
        """Keep every valid value and drop the others with a note; never an error."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.notes = []
        for name, bound in self._bound_items():
            field = bound.field
            if isinstance(field, forms.MultipleChoiceField):
                value = []
                for item in bound.data or []:
                    try:
                        cleaned = field.clean([item])
                    except ValidationError:
                        self.ignore(name, item)
                        continue
                    value += [each for each in cleaned if each not in value]
            else:
                try:
                    value = field.clean(bound.data)
                except ValidationError:
                    self.ignore(name, bound.data)
                    value = field.clean(None)
            self.cleaned_data[name] = value
            if name == self.search_field:
                self.cleaned_data[name], notes = clean_query(value)
                self.notes += notes
            if hasattr(self, f"clean_{name}"):
                self.cleaned_data[name] = getattr(self, f"clean_{name}")()
        self.clean()

    def ignore(self, name, value):
        """Leave `value` out, and tell the visitor why."""
        note = self.ignored_notes.get(name, self.ignored_note)
        self.notes.append(
            note
            % {
                "value": str(value)[:NOTE_VALUE_LENGTH],
                "field": str(self.fields[name].label).lower(),
            }
        )

    @property
    def values(self):
        """The usable values by field name, empty where nothing usable was sent."""
        if self._errors is None:
            self.full_clean()
        return self.cleaned_data

    def filter(self, queryset):
        """The queryset narrowed by every field that holds a usable value."""
        for name, value in self.values.items():
            narrow = getattr(self, f"filter_{name}", None)
            if narrow is not None and value not in EMPTY_VALUES:
                queryset = narrow(queryset, value)
        return queryset

    def active_count(self):
        """How many values narrow the list (each chosen option counts)."""
        return sum(
            len(value) if isinstance(value, list) else 1
            for name, value in self.values.items()
            if name not in self.not_narrowing and value not in EMPTY_VALUES
        )

    def state(self):
        """The usable values as a query string's data, without a page number."""
        state = QueryDict(mutable=True)
        for name, value in self.values.items():
            if value in EMPTY_VALUES or value == self.fields[name].initial:
                continue
            prepare = self.fields[name].prepare_value
            values = value if isinstance(value, list) else [value]
            state.setlist(name, [str(prepare(each)) for each in values])
        return state

    def querystring(self, without=None, value=None):
        """The usable values as a query string; `without` a field (or only one of
        its values) for a link that removes that filter."""
        state = self.state()
        if without is not None and value is None:
            state.pop(without, None)
        elif without is not None:
            state.setlist(without, [v for v in state.getlist(without) if v != value])
        return state.urlencode()
