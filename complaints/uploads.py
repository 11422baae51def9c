"""Attachments of complaints: images and PDF, checked by their content (magic bytes), ≤ 10 MB.

The portal's upload policy (ogp_portal.core.uploads) for complaints.
"""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5

POLICY = uploads.UploadPolicy(
    app="complaints",
    kinds=("pdf", "png", "jpeg", "gif", "webp"),
    max_bytes=MAX_ATTACHMENT_BYTES,
    max_files=MAX_ATTACHMENTS,
    messages={
        "too_large": _("“%(name)s” is larger than 10 MB."),
        "bad_extension": _(
            "“%(name)s” is not an accepted file: an image (PNG, JPEG, GIF, WebP) or a PDF."
        ),
        "bad_content": _(
            "“%(name)s” is not an accepted file: an image (PNG, JPEG, GIF, WebP) or a PDF."
        ),
    },
)


def validate_attachment(upload) -> str:
    """The content type of an acceptable upload; ValidationError otherwise."""
    return uploads.validate(upload, POLICY).content_type


def storage_name(filename: str, content_type: str = "") -> str:
    return uploads.storage_name(POLICY.app, filename, content_type=content_type)
