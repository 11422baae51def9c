"""Attachments of answers: the portal's upload policy (ogp_portal.core.uploads) for ATI.

PDF, images, office documents and CSV, recognised by their content (not their name), ≤ 10 MB.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

POLICY = uploads.UploadPolicy(
    app="transparency",
    kinds=(
        "pdf",
        "png",
        "jpeg",
        "gif",
        "ole",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "csv",
    ),
    max_bytes=MAX_ATTACHMENT_BYTES,
    max_files=10,
    messages={
        "too_large": _("“%(name)s” is larger than 10 MB."),
        "bad_extension": _(
            "“%(name)s” is not an accepted file: PDF, image (PNG, JPEG, GIF), "
            "office document or CSV."
        ),
        "bad_content": _(
            "“%(name)s” is not an accepted file: PDF, image (PNG, JPEG, GIF), "
            "office document or CSV."
        ),
    },
)


def validate_attachment(upload) -> str:
    """The content type of an acceptable upload; ValidationError otherwise."""
    return uploads.validate(upload, POLICY).content_type


def storage_name(filename: str, content_type: str = "") -> str:
    return uploads.storage_name(
        POLICY.app, filename, content_type=content_type, folder=f"ati/{timezone.now():%Y/%m}"
    )
