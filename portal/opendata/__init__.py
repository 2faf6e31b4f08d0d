"""Open data: the public content as datasets anyone may re-use.

Each app that has something to share offers it in its own `datasets.py`, with a
`datasets()` function returning `Dataset`s (as `load_demo` finds each app's
`demo.py`); portal never imports those apps itself. The CSV and JSON files, the
data dictionary and `datapackage.json` are all generated from the `Field`s, so
they cannot drift apart. A dataset holds no personal data: no names, e-mail
addresses or phone numbers of people, and no text written by members.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

# Field types of the Frictionless Table Schema, and how the dictionary names them.
TYPE_LABELS = {
    "string": _("tekst"),
    "integer": _("geheel getal"),
    "number": _("decimaal getal"),
    "date": _("datum (JJJJ-MM-DD)"),
    "datetime": _("datum en tijd (ISO 8601)"),
    "array": _("lijst van teksten (in CSV gescheiden door een puntkomma)"),
    "boolean": _("ja of nee"),
}
URI = "uri"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: Any
    format: str = ""

    @property
    def type_label(self):
        if self.format == URI:
            return _("webadres (URL)")
        return TYPE_LABELS[self.type]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    fields: tuple
    rows: Callable[[], Iterable[dict]]  # each row: {field name: JSON-ready value}


def datasets():
    """Every app's datasets, in INSTALLED_APPS order."""
    found = []
    for app_config in apps.get_app_configs():
        if Path(app_config.path).parent != Path(settings.BASE_DIR):
            continue
        if module_has_submodule(app_config.module, "datasets"):
            found += import_module(f"{app_config.name}.datasets").datasets()
    return found


def dataset(slug):
    return next((item for item in datasets() if item.slug == slug), None)


def absolute_url(path):
    """`path` on the default site's address, as a dataset row gives URLs."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.PORTAL_BASE_URL
    return f"{root}{path}"
