"""Who did something, in a timeline event of transparency, as the public may see it.

Services store a code in ``TimelineEvent.actor_role``, never text translated when the event
was recorded (which showed "requester" or "OGP staff" on Arabic pages); pages turn the code
into a label in the reader's language with ``label_roles(events)``:

    requester            the person who filed the information request
    citizen              a signed-in person (an idea, a dataset request made from a request)
    portal               the portal itself (reminders, deadlines)
    ogp_staff            OGP staff
    information_officer  an information officer
    moderator            a moderator (written by core.moderation)
    administration:<pk>  a civil servant of that administration: its name in the page's language

Older rows hold the label as it was translated when recorded (English for the demo, which is
seeded in English): ``role_label`` recognises those in every language of the portal, and
migration 0005 turned the stored values it recognised into codes.
"""

from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts import roles

REQUESTER = "requester"
CITIZEN = "citizen"
PORTAL = "portal"
OGP_STAFF = roles.OGP_STAFF
INFORMATION_OFFICER = roles.INFORMATION_OFFICER
MODERATOR = "moderator"
ADMINISTRATION_PREFIX = "administration:"

LABELS = {
    REQUESTER: _("requester"),
    CITIZEN: _("citizen"),
    PORTAL: _("the portal"),
    OGP_STAFF: roles.ROLES[roles.OGP_STAFF]["label"],
    INFORMATION_OFFICER: roles.ROLES[roles.INFORMATION_OFFICER]["label"],
    MODERATOR: _("moderator"),
}


def administration_code(administration_id) -> str:
    return f"{ADMINISTRATION_PREFIX}{administration_id}"


def role_of(user) -> str:
    """OGP staff, else the user's administration, else nothing (plan and co-evaluation)."""
    from ogp_portal.accounts.permissions import is_unscoped

    if is_unscoped(user):
        return OGP_STAFF
    if getattr(user, "administration_id", None):
        return administration_code(user.administration_id)
    return ""


@lru_cache(maxsize=1)
def _legacy_codes() -> dict[str, str]:
    """Every label as some language translated it (lower case) -> its code."""
    found: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in LABELS.items():
                found.setdefault(str(label).strip().lower(), code)
    return found


def code_of(value: str) -> str:
    """The code a stored value stands for: itself when it is a code, the code of a label
    translated in any language, else "" (an administration's name, free text)."""
    value = (value or "").strip()
    if value in LABELS or value.startswith(ADMINISTRATION_PREFIX):
        return value
    return _legacy_codes().get(value.lower(), "")


def _administration_id(code: str) -> int | None:
    if not code.startswith(ADMINISTRATION_PREFIX):
        return None
    value = code.removeprefix(ADMINISTRATION_PREFIX)
    return int(value) if value.isdigit() else None


def role_label(value: str, administrations: dict | None = None) -> str:
    """The label of a stored role in the active language (unknown text is shown as stored).

    administrations: {pk: Administration} for the administration codes (label_roles loads
    them in one query); without it an administration code is looked up on its own.
    """
    code = code_of(value)
    if not code:
        return value or ""
    if code in LABELS:
        return str(LABELS[code])
    pk = _administration_id(code)
    if administrations is None and pk is not None:
        from ogp_portal.directory.models import Administration

        administrations = {a.pk: a for a in Administration.objects.filter(pk=pk)}
    administration = (administrations or {}).get(pk)
    return str(administration) if administration is not None else ""


def label_roles(events):
    """Set each event's actor_role to its label in the active language, for
    core/_timeline.html (in memory only; one query when some are administrations)."""
    events = list(events)
    ids = {
        _administration_id(code_of(event.actor_role))
        for event in events
        if event.actor_role.startswith(ADMINISTRATION_PREFIX)
    } - {None}
    administrations = {}
    if ids:
        from ogp_portal.directory.models import Administration

        administrations = {a.pk: a for a in Administration.objects.filter(pk__in=ids)}
    for event in events:
        event.actor_role = role_label(event.actor_role, administrations)
    return events
