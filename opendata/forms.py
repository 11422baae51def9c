"""Forms of the open data area: uploads checked by content, reuse and dataset request forms."""

import csv
import io
import json
import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ogp_portal.directory.models import Administration

from .models import Dataset, DatasetRequest, Resource, Reuse

MAX_RESOURCE_SIZE = 50 * 1024 * 1024
MAX_IMAGE_SIZE = 2 * 1024 * 1024


def _head(upload, n=4096) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def detect_format(upload) -> str | None:
    """The format of an uploaded file judged by its content (never by its name alone)."""
    head = _head(upload)
    name = (getattr(upload, "name", "") or "").lower()
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "XLSX"
        if "mimetype" in names and "content.xml" in names:
            return "ODS"
        if any(n.lower().endswith(".shp") for n in names):
            return "SHP"
        return "ZIP"
    if b"\x00" in head:
        return None  # some other binary
    upload.seek(0)
    raw = upload.read(MAX_RESOURCE_SIZE + 1)
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except ValueError:
            return None
        if isinstance(data, dict) and data.get("type") in ("FeatureCollection", "Feature"):
            return "GEOJSON"
        return "JSON"
    if stripped.startswith("<"):
        return "XML"
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        rows = list(csv.reader(io.StringIO(text[:4096]), dialect))
        if rows and len(rows[0]) > 1:
            return "CSV"
    except csv.Error:
        pass
    return "TXT" if name.endswith(".txt") else None


def validate_resource_file(upload) -> str:
    if upload.size > MAX_RESOURCE_SIZE:
        raise ValidationError(_("The file is too large (50 MB at most)."), code="too_large")
    fmt = detect_format(upload)
    if fmt is None:
        raise ValidationError(
            _(
                "This file's content is not a format the portal accepts (CSV, JSON, XML, XLSX, ODS, PDF, ZIP, shapefile)."
            ),
            code="bad_type",
        )
    return fmt


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
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            if image.size > MAX_IMAGE_SIZE:
                raise ValidationError(_("The image is too large (2 MB at most)."))
            head = _head(image, 16)
            if not (
                head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8") or head[8:12] == b"WEBP"
            ):
                raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
        return image


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
