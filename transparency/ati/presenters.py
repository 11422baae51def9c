"""Display helpers shared by the public pages, the admin and the notifications."""

from functools import lru_cache

from django.conf import settings
from django.utils import translation

from transparency.actors import label_roles
from transparency.models import InformationRequest


def status_label(value: str) -> str:
    try:
        return str(InformationRequest.Status(value).label)
    except ValueError:
        return value


def event_label(kind: str) -> str:
    from .services import Event

    try:
        return str(Event(kind).label)
    except ValueError:
        return kind


@lru_cache(maxsize=1)
def _channels_by_label() -> dict[str, str]:
    """Channel labels as each language translated them (lower case) -> channel code: a
    "recorded by staff" event used to store the channel's label, translated at the time."""
    found: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in InformationRequest.Channel.choices:
                found.setdefault(str(label).strip().lower(), code)
    return found


def channel_label(note: str) -> str:
    """The channel a "recorded" event's note names, in the active language."""
    value = (note or "").strip()
    code = value if value in InformationRequest.Channel.values else None
    code = code or _channels_by_label().get(value.lower())
    return str(InformationRequest.Channel(code).label) if code else note


def label_events(events):
    """Timeline events with kind_label / from_label / to_label for core/_timeline.html, and
    the actor's role and a recorded request's channel in the active language."""
    from .services import Event

    events = label_roles(events)
    for event in events:
        event.kind_label = event_label(event.kind)
        event.from_label = status_label(event.from_status) if event.from_status else ""
        event.to_label = status_label(event.to_status) if event.to_status else ""
        if event.kind == Event.RECORDED and event.note:
            event.note = channel_label(event.note)
    return events
