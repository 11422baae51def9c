"""Forms of the open data area: uploads checked by content, reuse and dataset request forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads
from ogp_portal.directory.models import Administration

from .models import Dataset, DatasetRequest, Resource, Reuse

MAX_RESOURCE_SIZE = 50 * 1024 * 1024
MAX_IMAGE_SIZE = 2 * 1024 * 1024

# The portal's upload policy (ogp_portal.core.uploads): kinds read from the content.
RESOURCE_POLICY = uploads.UploadPolicy(
    app="opendata",
    kinds=("csv", "txt", "json", "geojson", "xml", "xlsx", "ods", "pdf", "zip", "shp"),
    max_bytes=MAX_RESOURCE_SIZE,
    messages={
        "too_large": _("The file is too large (50 MB at most)."),
        "bad_extension": _(
            "This file's content is not a format the portal accepts (CSV, JSON, XML, XLSX, ODS, PDF, ZIP, shapefile)."
        ),
        "bad_content": _(
            "This file's content is not a format the portal accepts (CSV, JSON, XML, XLSX, ODS, PDF, ZIP, shapefile)."
        ),
    },
)
IMAGE_POLICY = uploads.UploadPolicy(
    app="opendata",
    kinds=("png", "jpeg", "webp"),
    max_bytes=MAX_IMAGE_SIZE,
    messages={
        "too_large": _("The image is too large (2 MB at most)."),
        "bad_extension": _("Upload a PNG, JPEG or WebP image."),
        "bad_content": _("Upload a PNG, JPEG or WebP image."),
    },
)
# Kind of content -> the format recorded on the resource.
FORMATS = {
    "csv": "CSV",
    "txt": "TXT",
    "json": "JSON",
    "geojson": "GEOJSON",
    "xml": "XML",
    "xlsx": "XLSX",
    "ods": "ODS",
    "pdf": "PDF",
    "zip": "ZIP",
    "shp": "SHP",
}


def detect_format(upload) -> str | None:
    """The format of an uploaded file judged by its content (never by its name alone)."""
    return FORMATS.get(uploads.sniff(upload) or "")


def _random_name(upload, folder: str) -> None:
    """Stored under a random name (the field's upload_to keeps the folder)."""
    upload.name = uploads.storage_name("opendata", upload.name, folder=folder).rsplit("/", 1)[-1]


def check_reuse_image(image):
    """A new reuse image checked by content (PNG, JPEG or WebP, 2 MB) and given a random name;
    an image already stored is kept as it is."""
    if image and hasattr(image, "content_type"):
        uploads.validate(image, IMAGE_POLICY)
        _random_name(image, "reuses")
    return image


def validate_resource_file(upload) -> str:
    return FORMATS[uploads.validate(upload, RESOURCE_POLICY).kind.key]


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["title", "kind", "url", "file", "format", "description", "last_modified"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        url = cleaned.get("url")
        if not upload and not url:
            raise ValidationError(_("Give a link or upload a file."))
        if upload and hasattr(upload, "content_type"):  # a new upload
            fmt = validate_resource_file(upload)
            cleaned["format"] = fmt
            self.instance.size = upload.size
            _random_name(upload, "resources")
        if cleaned.get("format"):
            cleaned["format"] = cleaned["format"].strip().upper().lstrip(".")
        return cleaned


class ReuseForm(forms.ModelForm):
    datasets = forms.ModelMultipleChoiceField(
        label=_("Datasets used"),
        queryset=Dataset.objects.published(),
        to_field_name="slug",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Reuse
        fields = ["type", "title", "description", "url", "image", "datasets"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_image(self):
        return check_reuse_image(self.cleaned_data.get("image"))


class ReuseAdminForm(forms.ModelForm):
    """The moderators' form: an image they replace is checked as the public form checks it.
    (The admin gives the form its fields.)"""

    class Meta:
        model = Reuse
        fields = ["image"]

    def clean_image(self):
        return check_reuse_image(self.cleaned_data.get("image"))


class DatasetRequestForm(forms.ModelForm):
    publisher = forms.ModelChoiceField(
        label=_("Administration asked"),
        queryset=Administration.objects.active(),
        to_field_name="slug",
    )

    class Meta:
        model = DatasetRequest
        fields = ["title", "description", "publisher"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
