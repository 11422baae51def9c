"""Evidence files of assessments: PDF, PNG or JPEG recognised by their content, at most 5 MB.

The content check is transparency.ati.uploads.validate_attachment (magic bytes, not the
name); co-evaluation accepts a narrower set and a smaller size, since anyone may upload.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from transparency.ati.uploads import validate_attachment

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
MAX_LINKS = 5
ACCEPTED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}


def validate_evidence_file(upload) -> str:
    """The content type of an acceptable file; ValidationError (in the user's language) otherwise."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 5 MB.") % {"name": upload.name}, code="too_large"
        )
    try:
        content_type = validate_attachment(upload)
    except ValidationError:
        content_type = None
    if content_type not in ACCEPTED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not accepted: send a PDF, PNG or JPEG file.") % {"name": upload.name},
            code="bad_type",
        )
    return content_type
