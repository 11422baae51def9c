"""Uploads of the petitions area (attachments, paper scans, the official response document):
the portal's one upload policy (ogp_portal.core.uploads), types read from the content."""

import dataclasses

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

# PDF, PNG or JPEG, recognised by their content, at most PETITIONS_MAX_UPLOAD_BYTES each.
UPLOAD_POLICY = uploads.UploadPolicy(
    app="petitions",
    kinds=("pdf", "png", "jpeg"),
    max_bytes=5 * 1024 * 1024,
    messages={
        "too_large": _("The file is too large: %(max)d MB at most."),
        "bad_extension": _("Only PDF, PNG and JPEG files are accepted."),
        "bad_content": _("Only PDF, PNG and JPEG files are accepted."),
    },
)


def max_upload_bytes() -> int:
    return getattr(settings, "PETITIONS_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)


def check_upload(upload):
    policy = dataclasses.replace(UPLOAD_POLICY, max_bytes=max_upload_bytes())
    upload.sniffed_content_type = uploads.validate(upload, policy).content_type
    return upload


def validate_response_document(upload) -> None:
    """The response document a reviewer uploads in the admin."""
    # A file already stored (an unchanged field on re-save) was checked on its way in.
    if not uploads.is_new_upload(upload):
        return
    check_upload(upload)


def response_document_path(instance, filename: str) -> str:
    # A random name: the original name may carry personal data.
    return uploads.storage_name(
        UPLOAD_POLICY.app, filename, folder=f"responses/{timezone.now():%Y}"
    )
