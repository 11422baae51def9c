"""Evidence files of assessments: PDF, PNG or JPEG recognised by their content, at most 5 MB.

The portal's upload policy (ogp_portal.core.uploads); co-evaluation accepts a narrower set and a
smaller size than answers to information requests, since anyone may upload.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core import uploads

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
MAX_LINKS = 5
ACCEPTED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}

POLICY = uploads.UploadPolicy(
    app="transparency",
    kinds=("pdf", "png", "jpeg"),
    max_bytes=MAX_EVIDENCE_BYTES,
    max_files=MAX_FILES,
    messages={
        "too_large": _("“%(name)s” is larger than 5 MB."),
        "bad_extension": _("“%(name)s” is not accepted: send a PDF, PNG or JPEG file."),
        "bad_content": _("“%(name)s” is not accepted: send a PDF, PNG or JPEG file."),
    },
)


def validate_evidence_file(upload) -> str:
    """The content type of an acceptable file; ValidationError (in the user's language) otherwise."""
    return uploads.validate(upload, POLICY).content_type


def storage_name(filename: str, content_type: str = "") -> str:
    return uploads.storage_name(
        POLICY.app, filename, content_type=content_type, folder=f"coeval/{timezone.now():%Y}"
    )
