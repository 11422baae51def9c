"""Badges and money formatting of the funding pages: ``{% load funding %}``."""

from django import template
from django.utils.translation import gettext as _

from ogp_portal.core.templatetags.charts import format_number

from ..models import Call

register = template.Library()

STATUS_CLASSES = {
    Call.Status.UPCOMING: "text-bg-info",
    Call.Status.OPEN: "text-bg-success",
    Call.Status.CLOSING_SOON: "text-bg-warning",
    Call.Status.CLOSED: "text-bg-secondary",
    Call.Status.AWARDED: "text-bg-primary",
}


@register.inclusion_tag("csofunding/_status_badge.html")
def call_status(call):
    status = call.status
    return {
        "status": status,
        "label": Call.Status(status).label,
        "css": STATUS_CLASSES[status],
        "days_left": call.days_left,
        "closing_soon": status == Call.Status.CLOSING_SOON,
    }


@register.filter
def mad(value):
    """An amount in MAD, grouped in the active language's format, without decimals."""
    if value is None or value == "":
        return "—"
    return _("%(amount)s MAD") % {"amount": format_number(round(value), 0)}


@register.filter
def number(value, decimals=0):
    return format_number(value, int(decimals))
