"""Upload checks for call documents and conventions: the portal's upload policy
(ogp_portal.core.uploads) — size, extension, and type read from the content."""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

POLICY = uploads.UploadPolicy(
    app="csofunding",
    kinds=("pdf", "docx", "xlsx", "odt", "ods"),
    max_bytes=MAX_DOCUMENT_BYTES,
    messages={
        "too_large": _("The file is %(size)s; the limit is %(limit)s."),
        "bad_extension": _("Accepted formats: %(formats)s."),
        "bad_content": _("The content of the file is not a %(format)s document."),
    },
)
ALLOWED_EXTENSIONS = POLICY.extensions


def validate_document(upload) -> None:
    # Files already stored (an unchanged field on re-save) were checked on their way in.
    if not uploads.is_new_upload(upload):
        return
    uploads.validate(upload, POLICY)


def storage_name(filename: str, folder: str) -> str:
    return uploads.storage_name(POLICY.app, filename, folder=folder)
