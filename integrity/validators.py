"""Uploads are checked by what they contain, not by their name or the browser's content type:
the portal's upload policy (ogp_portal.core.uploads) for initiative documents."""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

POLICY = uploads.UploadPolicy(
    app="integrity",
    kinds=("pdf", "png", "jpeg", "docx", "xlsx", "pptx", "odt", "ods", "odp"),
    max_bytes=MAX_DOCUMENT_BYTES,
    size_in_mb=True,
    messages={
        "too_large": _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
        "bad_extension": _(
            "Only PDF, office documents (Word, Excel, OpenDocument) and PNG or JPEG images are accepted."
        ),
        "bad_content": _(
            "Only PDF, office documents (Word, Excel, OpenDocument) and PNG or JPEG images are accepted."
        ),
    },
)
ALLOWED_KINDS = POLICY.kinds


def validate_document(file) -> None:
    # Files already stored (an unchanged inline on re-save) were checked on their way in.
    if not uploads.is_new_upload(file):
        return
    uploads.validate(file, POLICY)


def storage_name(filename: str, folder: str) -> str:
    return uploads.storage_name(POLICY.app, filename, folder=folder)
