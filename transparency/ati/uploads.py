"""Attachments of answers: checked by their content (magic bytes), not their name, ≤ 10 MB."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# (leading bytes, content type). Office documents (docx, xlsx, odt...) are ZIP containers.
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),  # .doc / .xls (OLE)
]
_OFFICE_ZIP = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_CSV_TYPES = {"csv": "text/csv"}


def _sniff(head: bytes, name: str) -> str | None:
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(b"PK\x03\x04") and extension in _OFFICE_ZIP:
        return _OFFICE_ZIP[extension]
    if extension in _CSV_TYPES and head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return _CSV_TYPES[extension]
    return None


def validate_attachment(upload) -> str:
    """The content type of an acceptable upload; ValidationError otherwise."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    content_type = _sniff(head, upload.name)
    if content_type is None:
        raise ValidationError(
            _(
                "“%(name)s” is not an accepted file: PDF, image (PNG, JPEG, GIF), "
                "office document or CSV."
            )
            % {"name": upload.name}
        )
    return content_type
