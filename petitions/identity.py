"""CIN normalisation and hashing, and the signed tokens of emailed links."""

import hashlib
import hmac
import re

from django.conf import settings
from django.core import signing

from ogp_portal.core import emails as core_emails

# A Moroccan CIN: one or two letters, then digits (e.g. "AB123456", "K12345").
CIN_RE = re.compile(r"[A-Z]{1,2}[0-9]{1,7}")

INVITATION_SALT = "petitions.committee-invitation"
CONFIRMATION_SALT = "petitions.signature-confirmation"
# A signer's "stop emailing me about this petition" link: valid as long as the signature is.
UNSUBSCRIBE_SALT = "petitions.signer-unsubscribe"
INVITATION_MAX_AGE = 30 * 24 * 3600
CONFIRMATION_MAX_AGE = 7 * 24 * 3600


def normalise_cin(value: str) -> str:
    """Uppercase, without spaces, dashes or dots: " ab 123-456 " -> "AB123456"."""
    return re.sub(r"[\s\-.]", "", value or "").upper()


def is_valid_cin(normalised: str) -> bool:
    return bool(CIN_RE.fullmatch(normalised))


def cin_hash(value: str) -> str:
    key = settings.CIN_HASH_KEY
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, normalise_cin(value).encode(), hashlib.sha256).hexdigest()


def make_token(pk: int, salt: str) -> str:
    return signing.dumps(pk, salt=salt, compress=True)


def read_token(token: str, salt: str, max_age: int | None) -> int | None:
    try:
        return int(signing.loads(token, salt=salt, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError):
        return None


# One spelling per mailbox (Gmail dots and +tags, other providers' +tags): the shared rules.
normalise_email = core_emails.normalise_email
