"""Dutch lookups go through few catalogues (issue #17): the portal's own Dutch
text has no translation, so each lookup tried every catalogue in turn."""

from django.utils.translation import gettext, ngettext, override, trans_real


def test_the_apps_dutch_translations_share_few_catalogues():
    catalog = trans_real.translation("nl")._catalog
    # Nineteen, one per app with a catalogue, before they were merged.
    assert len(catalog._catalogs) <= 3


def test_merged_translations_still_translate():
    with override("nl"):
        # Django's, Wagtail's, a plural.
        assert gettext("This field is required.") == "Dit is een verplicht veld."
        assert gettext("Save") == "Opslaan"
        assert ngettext("%(num)d minute", "%(num)d minutes", 2) == "%(num)d minuten"
        assert ngettext("%(num)d minute", "%(num)d minutes", 1) == "%(num)d minuut"
        # The portal's own text is Dutch already.
        assert gettext("Kruimelpad") == "Kruimelpad"
