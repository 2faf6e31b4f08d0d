"""Rules for uploaded documents: which types, and what the editor is told.

The model's `clean()` and the admin's document form
(`portal.forms.ToolkitDocumentForm`) use these, so an upload of the wrong type is
refused with the same Dutch message whichever way it arrives.
"""

import os

from django.conf import settings
from django.utils.translation import gettext as _


def allowed_extensions():
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def extension_error(filename):
    extension = os.path.splitext(filename or "")[1].lstrip(".").lower()
    return _(
        "Dit soort bestand (%(extension)s) kun je hier niet opladen. Kies een pdf "
        "of een kantoorbestand: %(allowed)s."
    ) % {
        "extension": extension or _("zonder extensie"),
        "allowed": ", ".join(allowed_extensions()),
    }
