"""Display helpers shared by the public pages, the admin and the notifications."""

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


def label_events(events):
    """Timeline events with kind_label / from_label / to_label for core/_timeline.html."""
    events = list(events)
    for event in events:
        event.kind_label = event_label(event.kind)
        event.from_label = status_label(event.from_status) if event.from_status else ""
        event.to_label = status_label(event.to_status) if event.to_status else ""
    return events
