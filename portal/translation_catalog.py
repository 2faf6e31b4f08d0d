"""One Dutch catalogue instead of nineteen.

Django (5.2) merges each app's translations into the top catalogue when their
plural function is the same, else puts them in a catalogue of their own in
front: `TranslationCatalog.update` compares the new plural function's code
with the top *function*, never equal, so every app with a catalogue (Django's,
each of Wagtail's) got one of its own. A lookup tries them in turn, and the
portal's Dutch text has no translation at all, so every `gettext` of it missed
in all nineteen, twice (Python's gettext tries the plural key too): 40 to 60
calls a string, a thousand on a guide. Here the code is compared with the top
function's code, as the comment beside it in Django says.
"""

from django.utils.translation import trans_real

_update = trans_real.TranslationCatalog.update


def _merging_update(self, trans):
    if trans.plural.__code__ == self._plurals[0].__code__:
        # Later translations win, as in front of the others.
        self._catalogs[0].update(trans._catalog)
    else:
        self._catalogs.insert(0, trans._catalog.copy())
        self._plurals.insert(0, trans.plural)


def install():
    if trans_real.TranslationCatalog.update is _update:
        trans_real.TranslationCatalog.update = _merging_update
        # Catalogues loaded before this (none, normally) are loaded again.
        trans_real._translations = {}
        trans_real._default = None
