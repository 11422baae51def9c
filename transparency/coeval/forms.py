from django import forms
from django.utils.translation import gettext_lazy as _

from transparency.models import Assessment, IrmRating, Organisation

from .services import JUSTIFICATION_MAX, JUSTIFICATION_MIN, REPLY_MAX
from .uploads import MAX_FILES, MAX_LINKS


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (type by content, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"class": "form-control", "accept": ".pdf,.png,.jpg,.jpeg"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AssessmentForm(forms.Form):
    completion = LevelChoiceField(
        label=_("How far was the commitment carried out?"),
        queryset=IrmRating.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    early_results = LevelChoiceField(
        label=_("Did it open government?"),
        queryset=IrmRating.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    justification = forms.CharField(
        label=_("Why? Your justification"),
        min_length=JUSTIFICATION_MIN,
        max_length=JUSTIFICATION_MAX,
        help_text=_("Between 30 and 3,000 characters. It is published."),
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
    )
    links = forms.CharField(
        label=_("Links to evidence (optional)"),
        required=False,
        help_text=_("One web address per line, at most 5."),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "dir": "ltr"}),
    )
    files = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 5 MB each, 3 files per assessment."),
    )
    remove_files = forms.BooleanField(
        label=_("Remove the files already attached"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("You speak for"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name_display = forms.ChoiceField(
        label=_("Shown with your assessment"),
        choices=Assessment.NameDisplay.choices,
        initial=Assessment.NameDisplay.INITIALS,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, organisations=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completion"].queryset = IrmRating.objects.filter(
            scale=IrmRating.Scale.COMPLETION
        ).order_by("order")
        self.fields["early_results"].queryset = IrmRating.objects.filter(
            scale=IrmRating.Scale.EARLY_RESULTS
        ).order_by("order")
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        if not editing:
            del self.fields["remove_files"]

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(
                _("At most %(count)d links.") % {"count": MAX_LINKS}, code="too_many"
            )
        return lines

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files per assessment.") % {"count": MAX_FILES}
            )
        return files


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your administration's public reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
    )


class OrganisationRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the association or network"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=60,
        help_text=_("As on the association's registration receipt."),
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "ltr"}),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-control", "dir": "ltr"}),
    )
    role = forms.CharField(
        label=_("Your role in it"),
        max_length=120,
        help_text=_("For example president, secretary general, coordinator."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class WhoFilterForm(forms.Form):
    """Everyone, individuals only or organisations only (lists and aggregates)."""

    WHO = [
        ("", _("Everyone")),
        ("individuals", _("Individuals")),
        ("organisations", _("Organisations")),
    ]
    who = forms.ChoiceField(
        label=_("Show"),
        choices=WHO,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    window = forms.IntegerField(required=False, widget=forms.HiddenInput)
