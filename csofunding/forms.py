from django import forms
from django.template.defaultfilters import filesizeformat
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.altcha import ChallengeField
from ogp_portal.directory.imports import CsvFileError, decode_csv_bytes
from ogp_portal.directory.models import Region

from .imports import COLUMNS, MAX_UPLOAD_BYTES, XlsxFileError, read_xlsx
from .models import Sector


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of ids: a number too large for the database is an invalid choice, not a 500
    (SQLite cannot bind it; Django only guards the single-value lookups)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                too_large = abs(int(str(pk).strip())) >= 2**63
            except ValueError:
                continue  # Django's own check says it is not a number
            if too_large:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class AwardImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "CSV in UTF-8 (with or without byte-order mark) or an XLSX workbook (first sheet), "
            "at most 2 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,text/csv,.xlsx,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
                code="too_large",
            )
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            try:
                self.cleaned_data["xlsx_rows"] = read_xlsx(upload.read())
            except XlsxFileError as exc:
                raise forms.ValidationError(
                    _("This file is not a readable XLSX spreadsheet. Save it as .xlsx or .csv."),
                    code="not_xlsx",
                ) from exc
            return upload
        if not name.endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."), code="not_csv")
        try:
            self.cleaned_data["text"] = decode_csv_bytes(upload.read())
        except CsvFileError as exc:
            raise forms.ValidationError(str(exc), code="not_utf8_csv") from exc
        return upload


IMPORT_COLUMNS = COLUMNS


class AlertSubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    sectors = IdsChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every sector."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every region. National calls always match."),
    )
    consent = forms.BooleanField(
        label=_("I have read the personal data notice (Law 09-08)."), required=True
    )
    altcha = ChallengeField(
        label=_("Anti-robot check"),
        challengeurl=reverse_lazy("csofunding:altcha_challenge"),
        noscript=_(
            "Subscribing without an account needs JavaScript: a small calculation in your "
            "browser checks that you are not a robot, without tracking you. Please enable "
            "JavaScript, or sign in to subscribe without it."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            # A signed-in user's address is verified and gets no confirmation email: neither
            # the address nor the anti-robot check is asked for.
            del self.fields["email"]
            del self.fields["altcha"]
        else:
            self.fields["email"].required = True
