"""One-time form tokens: a form posted twice is saved once.

A double click or a reload after a slow answer posts the same form again. Each
form carries a random token in a hidden field (`OneTimeTokenFormMixin`); the
work a valid post does runs inside `once()`, which records the token (unique
per scope) in the same transaction. A second post with that token saves
nothing and is sent to the first post's result page. A post without a token
gets a Dutch message and the form again, with a fresh token.
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIELD = "form_token"
# Long enough that nobody guesses another visitor's token, short enough to bound
# what a post can make us store.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
# A form left open longer than this may be posted again without being recognised.
KEEP_FOR = timedelta(days=2)
MISSING_MESSAGE = _(
    "We konden dit formulier niet veilig verwerken: het was onvolledig of te oud. "
    "Kijk je gegevens na en verstuur het opnieuw."
)


def new_token():
    return secrets.token_urlsafe(24)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def earlier_result(scope, token):
    """The result URL of the post that used `token`, or None if it is unused."""
    from portal.models import UsedFormToken

    return (
        UsedFormToken.objects.filter(scope=scope, digest=_digest(token))
        .values_list("result_url", flat=True)
        .first()
    )


def once(scope, token, work):
    """Run `work()` (which returns the result URL) once per token.

    Returns (result URL, whether this call did the work). The token is stored
    in the same transaction as the work, so a concurrent second post waits on
    the unique index and then finds the first post's result.
    """
    from portal.models import UsedFormToken

    try:
        with transaction.atomic():
            used = UsedFormToken.objects.create(scope=scope, digest=_digest(token))
            used.result_url = work()
            used.save(update_fields=["result_url"])
    except IntegrityError:
        earlier = earlier_result(scope, token)
        if earlier is None:  # the work itself failed
            raise
        return earlier, False
    UsedFormToken.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    return used.result_url, True


class OneTimeTokenFormMixin:
    """Adds the hidden one-time token to a form (render `{{ form.form_token }}`,
    or the form's hidden fields). Without a valid token the form is invalid and
    shows again with a fresh one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput, initial=new_token, required=False
        )
        self.token_missing = False
        if self.is_bound:
            posted = self.data.get(self.add_prefix(FIELD), "")
            if not TOKEN_PATTERN.fullmatch(posted):
                self.data = self.data.copy()
                self.data[self.add_prefix(FIELD)] = new_token()
                self.token_missing = True

    def clean(self):
        cleaned = super().clean()
        if self.token_missing:
            self.add_error(None, MISSING_MESSAGE)
        return cleaned

    @property
    def token(self):
        return self.cleaned_data[FIELD]
