"""Template helpers of the action plan pages ({% load plan %})."""

from django import template

register = template.Library()


@register.filter
def public_initials(user) -> str:
    """A participant's initials (letters only, e.g. "SB"): never a name or an email."""
    name = getattr(user, "full_name", "") or ""
    return "".join(part[0] for part in name.split() if part[:1].isalpha())[:3].upper()
