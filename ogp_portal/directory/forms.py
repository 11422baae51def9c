from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .imports import MAX_UPLOAD_BYTES, CsvFileError, decode_csv_bytes


class AdministrationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 (with or without byte-order mark), at most 2 MB. Columns: slug, kind, name_ar, "
            "name_fr, name_en, acronym, parent_slug, region_code, province_code, commune_code, "
            "website, address (province_code and commune_code are census codes and may be left "
            "out: a file without them keeps the province and commune already set)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
                code="too_large",
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."), code="not_csv")
        data = upload.read()
        try:
            self.cleaned_data["text"] = decode_csv_bytes(data)
        except CsvFileError as exc:
            raise forms.ValidationError(str(exc), code="not_utf8_csv") from exc
        return upload
