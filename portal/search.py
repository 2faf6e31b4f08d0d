"""Turning what a visitor typed into something every search backend accepts."""

import re

from django.utils.translation import gettext as _

MAX_QUERY_LENGTH = 200
# Words and the characters that occur inside Dutch words; everything else, such
# as quotes, asterisks and brackets, would be query syntax to some backend.
_UNSAFE = re.compile(r"[^\w\s'’-]+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}


def clean_query(raw):
    """Return (query, notes): a safe query string and messages for the visitor."""
    notes = []
    query = (raw or "").replace("\x00", "")
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notes.append(
            _("Je zoekopdracht was erg lang. We zochten op de eerste %(n)s tekens.")
            % {"n": MAX_QUERY_LENGTH}
        )
    words = [
        word.strip("'’-")
        for word in _UNSAFE.sub(" ", query).split()
        if word.lower() not in _OPERATORS
    ]
    return " ".join(word for word in words if word), notes
