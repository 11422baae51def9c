"""Template filters of the ATI part: {% load ati %}."""

from django import template

from transparency.ati.presenters import event_label, status_label

register = template.Library()

STATUS_BADGES = {
    "submitted": "text-bg-secondary",
    "acknowledged": "text-bg-info",
    "clarification_requested": "text-bg-warning",
    "in_progress": "text-bg-info",
    "extended": "text-bg-warning",
    "answered": "text-bg-success",
    "partially_answered": "text-bg-success",
    "refused": "text-bg-danger",
    "not_held": "text-bg-secondary",
    "transferred": "text-bg-info",
    "implicitly_refused": "text-bg-danger",
    "appeal_head": "text-bg-warning",
    "appeal_cdai": "text-bg-warning",
    "closed": "text-bg-dark",
}


@register.filter
def ati_status(value) -> str:
    return status_label(value)


@register.filter
def ati_event(value) -> str:
    return event_label(value)


@register.filter
def ati_badge(value) -> str:
    return STATUS_BADGES.get(value, "text-bg-secondary")
