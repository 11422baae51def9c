"""Upload checks for call documents and conventions: size, and type read from the content."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Extension -> how the content must start (office formats are ZIP containers).
_SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "odt": b"PK\x03\x04",
    "ods": b"PK\x03\x04",
}
ALLOWED_EXTENSIONS = tuple(_SIGNATURES)


def sniff(head: bytes, extension: str) -> bool:
    signature = _SIGNATURES.get(extension)
    return bool(signature) and head.startswith(signature)


def validate_document(upload) -> None:
    # Files already stored (an unchanged field on re-save) were checked on their way in.
    if getattr(upload, "_committed", False) and not hasattr(upload, "content_type"):
        return
    size = getattr(upload, "size", 0) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_DOCUMENT_BYTES)},
            code="too_large",
        )
    name = (getattr(upload, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in _SIGNATURES:
        raise ValidationError(
            _("Accepted formats: %(formats)s.") % {"formats": ", ".join(ALLOWED_EXTENSIONS)},
            code="bad_extension",
        )
    upload.seek(0)
    head = upload.read(8)
    ok = sniff(head, extension)
    if ok and head.startswith(b"PK"):
        upload.seek(0)
        try:
            ok = zipfile.is_zipfile(upload)
        except Exception:  # noqa: BLE001 - anything unreadable is refused
            ok = False
    upload.seek(0)
    if not ok:
        raise ValidationError(
            _("The content of the file is not a %(format)s document.")
            % {"format": extension.upper()},
            code="bad_content",
        )
