import unicodedata

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def normalize_email(email):
    """The one form of an address the portal stores, looks up and locks on.

    NFKC folds look-alike compatibility characters (the long s `ſ` becomes `s`),
    casefold() then lowers case beyond ASCII. Lookups compare this form exactly,
    never with the database's own case rules, which differ per database.
    """
    return unicodedata.normalize("NFKC", (email or "").strip()).casefold()


def validate_ascii_local_part(email):
    """New addresses keep to plain letters before the @: no look-alikes."""
    local_part = (email or "").rpartition("@")[0]
    if not local_part.isascii():
        raise ValidationError(
            _(
                "Gebruik voor het deel voor de @ alleen gewone letters (a-z), cijfers "
                "en tekens zoals . - _ , zonder accenten of andere schriften."
            ),
            code="non_ascii_local_part",
        )


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username))


class User(AbstractUser):
    """A person with an account: a Mechelen editor or a network member."""

    username = None
    email = models.EmailField(
        _("e-mailadres"), unique=True, validators=[validate_ascii_local_part]
    )

    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Een account van de demo; `manage.py remove_demo` verwijdert het."),
    )

    # Retention: set when an inactive account was warned; a login clears it.
    inactivity_warned_at = models.DateTimeField(
        _("gewaarschuwd voor inactiviteit op"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="portal_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)
