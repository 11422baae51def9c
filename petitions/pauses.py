"""Is signing or counting paused, site-wide or for one petition?

The site-wide switch is one admin-edited row (PetitionsSwitch). The signing form reads it on
every request, so each process keeps it for SWITCH_TTL seconds: a change made in the admin
reaches every web process within that time (the process that saved it at once).
`settings.PETITIONS_COUNTING_PAUSED` also pauses counting (an emergency switch for ops).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

SWITCH_TTL = 5.0


@dataclass(frozen=True)
class SiteSwitch:
    signing_paused: bool = False
    counting_paused: bool = False
    message: str = ""


_memo: dict = {"until": 0.0, "value": None}


def site_switch() -> SiteSwitch:
    now = time.monotonic()
    if _memo["value"] is not None and now < _memo["until"]:
        return _memo["value"]
    from .models import PetitionsSwitch

    row = PetitionsSwitch.objects.filter(pk=1).values(
        "signing_paused", "counting_paused", "message"
    )
    value = SiteSwitch(**row[0]) if row else SiteSwitch()
    _memo.update(until=now + SWITCH_TTL, value=value)
    return value


def forget() -> None:
    """Drop this process's copy of the switch (after a change, and between tests)."""
    _memo.update(until=0.0, value=None)


def site_counting_paused() -> bool:
    return bool(getattr(settings, "PETITIONS_COUNTING_PAUSED", False)) or (
        site_switch().counting_paused
    )


def signing_pause_message(petition=None) -> str:
    """Why signing is paused (empty when it is not): site-wide first, then this petition."""
    switch = site_switch()
    if switch.signing_paused:
        return switch.message or _(
            "Signing is paused on the whole portal for a short while. Please come back later."
        )
    if petition is not None and petition.signing_paused:
        return _(
            "Signing this petition is paused by the moderators for a short while. Please come "
            "back later."
        )
    return ""
