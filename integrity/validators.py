"""Uploads are checked by what they contain, not by their name or the browser's content type."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Signature -> kind. Office files are zip archives, checked further below.
_SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"PK\x03\x04", "zip"),
]
ALLOWED_KINDS = ("pdf", "png", "jpeg", "office")


def _office_document(file) -> bool:
    """A DOCX/XLSX/PPTX ([Content_Types].xml) or OpenDocument (mimetype) archive."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names or "mimetype" in names


def sniff(file) -> str | None:
    """The kind of document the file's bytes say it is, or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            if kind == "zip":
                return "office" if _office_document(file) else None
            return kind
    return None


def validate_document(file) -> None:
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": round(file.size / 1024 / 1024, 1),
                "limit": MAX_DOCUMENT_BYTES // 1024 // 1024,
            },
        )
    if sniff(file) is None:
        raise ValidationError(
            _(
                "Only PDF, office documents (Word, Excel, OpenDocument) and PNG or JPEG images are accepted."
            ),
            code="bad_type",
        )
