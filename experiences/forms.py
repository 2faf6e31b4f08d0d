"""Forms for experiences, reactions and reports."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from casestudies.models import CaseStudyPage
from experiences.filters import used_themes
from experiences.models import Experience
from experiences.photos import check_photo
from portal.formtokens import OneTimeTokenFormMixin

MAX_NEW_THEMES = 3
MAX_THEME_LENGTH = 40
# Titles named in the message when a typed title fits more than one practice.
AMBIGUOUS_SHOWN = 3


class ExperienceForm(OneTimeTokenFormMixin, forms.ModelForm):
    """What a member writes. Author, municipality and state are never fields here."""

    existing_themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_themes = forms.CharField(
        label=_("Nieuwe thema's"),
        required=False,
        max_length=200,
        help_text=_(
            "Staat je thema er niet bij? Typ het hier; scheid er meer met komma's."
        ),
    )
    photo_upload = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("JPEG, PNG of WebP, hoogstens 10 MB en 40 megapixel."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    remove_photo = forms.BooleanField(label=_("Verwijder de foto"), required=False)
    # A text field, not a select: there are thousands of practices. A small
    # script suggests titles as you type (practice_lookup); without it the
    # title or the address is resolved when the form is posted.
    case_study_url = forms.CharField(
        label=_("Praktijkvoorbeeld op deze website"),
        required=False,
        max_length=500,
        help_text=_(
            "Typ de titel van het praktijkvoorbeeld waarover dit gaat, of plak zijn "
            "adres."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-practice-lookup": ""}
        ),
    )

    class Meta:
        model = Experience
        fields = ["title", "kind", "summary", "body", "photo_alt", "show_author_name"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "title": _("Hoogstens 120 tekens."),
            "summary": _(
                "Twee of drie zinnen, hoogstens 300 tekens. Die staan in de lijst."
            ),
            "body": _(
                "Een lege regel begint een nieuwe alinea. Begin een regel met - of 1. "
                "voor een lijstje. **vet**, _schuin_ en [tekst](https://…) voor een "
                "link."
            ),
            "photo_alt": _(
                "Wat staat er op de foto? Voor wie hem niet kan zien. Verplicht bij "
                "een foto."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo_image = None
        self.case_study = self.instance.case_study
        own_themes = (
            [tag.pk for tag in self.instance.themes.all() if tag.pk]
            if self.instance.pk
            else []
        )
        self.fields["existing_themes"].queryset = used_themes(also=own_themes)
        if self.instance.pk:
            self.initial.setdefault("existing_themes", own_themes)
            if self.instance.case_study:
                self.initial.setdefault(
                    "case_study_url", self.instance.case_study.url or ""
                )
        if not self.instance.photo_id:
            del self.fields["remove_photo"]

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if upload:
            self.photo_image = check_photo(upload)
        return upload

    def clean_new_themes(self):
        names = [
            " ".join(name.split())
            for name in self.cleaned_data["new_themes"].split(",")
            if name.strip()
        ]
        if len(names) > MAX_NEW_THEMES:
            raise ValidationError(
                _("Voeg hoogstens %(n)s nieuwe thema's tegelijk toe.")
                % {"n": MAX_NEW_THEMES}
            )
        too_long = [name for name in names if len(name) > MAX_THEME_LENGTH]
        if too_long:
            raise ValidationError(
                _("Een thema is hoogstens %(n)s tekens lang: ‘%(name)s’ is te lang.")
                % {"n": MAX_THEME_LENGTH, "name": too_long[0]}
            )
        return names

    def clean_case_study_url(self):
        value = " ".join(self.cleaned_data["case_study_url"].split())
        if not value:
            self.case_study = None
            return ""
        if "/" in value and " " not in value:
            self.case_study = self._practice_at(value)
        else:
            self.case_study = self._practice_titled(value)
        return value

    def _practice_at(self, address):
        segments = [part for part in urlsplit(address).path.split("/") if part]
        page = (
            CaseStudyPage.objects.live().public().filter(slug=segments[-1]).first()
            if segments
            else None
        )
        if page is None:
            raise ValidationError(
                _(
                    "Dit adres hoort niet bij een praktijkvoorbeeld op deze website. "
                    "Open het praktijkvoorbeeld en kopieer het adres uit je browser."
                )
            )
        return page

    def _practice_titled(self, text):
        """The one practice with this title, or else the one whose title holds it."""
        practices = CaseStudyPage.objects.live().public()
        found = list(practices.filter(title__iexact=text)[:2])
        if not found:
            found = list(
                practices.filter(title__icontains=text).order_by("title")[
                    : AMBIGUOUS_SHOWN + 1
                ]
            )
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                _(
                    "We vinden geen praktijkvoorbeeld met ‘%(text)s’ in de titel. "
                    "Kijk de spelling na, of open het praktijkvoorbeeld en plak het "
                    "adres uit je browser."
                )
                % {"text": text}
            )
        raise ValidationError(
            _(
                "Meer dan één praktijkvoorbeeld past bij ‘%(text)s’, zoals "
                "%(titles)s. Typ de volledige titel, of plak het adres van het "
                "praktijkvoorbeeld."
            )
            % {
                "text": text,
                "titles": ", ".join(
                    f"‘{page.title}’" for page in found[:AMBIGUOUS_SHOWN]
                ),
            }
        )

    def clean(self):
        cleaned = super().clean()
        has_photo = self.photo_image is not None or (
            self.instance.photo_id and not cleaned.get("remove_photo")
        )
        if has_photo and not cleaned.get("photo_alt", "").strip():
            self.add_error(
                "photo_alt",
                _(
                    "Beschrijf kort wat er op de foto staat, voor wie hem niet "
                    "kan zien."
                ),
            )
        return cleaned

    def theme_tags(self):
        """The chosen themes plus the new ones, reusing a tag whatever its case."""
        tags = list(self.cleaned_data["existing_themes"])
        for name in self.cleaned_data["new_themes"]:
            existing = Tag.objects.filter(name__iexact=name).first()
            tags.append(existing or name)
        return tags

    def apply(self):
        """The instance with everything the member chose, not yet saved."""
        experience = self.instance
        experience.case_study = self.case_study
        if self.cleaned_data.get("remove_photo") and self.photo_image is None:
            experience.photo = None
            experience.photo_alt = ""
        experience.themes.set(self.theme_tags())
        return experience


class ReactionForm(forms.Form):
    body = forms.CharField(
        label=_("Je reactie"),
        max_length=2000,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Gewone tekst, hoogstens 2.000 tekens. Iedereen ziet ze meteen."),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom hoort dit hier niet?"),
        max_length=1000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De redactie leest je melding; de auteur ziet niet wie meldde."),
    )
