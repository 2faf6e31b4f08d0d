from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class DutchMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule, with the messages Django 5.2's Dutch catalogue lacks."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %d tekens bevatten.",
            self.min_length,
        ) % (self.min_length,)

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken bevatten.",
            "Je wachtwoord moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
