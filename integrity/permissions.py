"""Who may do what with an initiative, beside the querysets they mirror."""

from ogp_portal.accounts.permissions import can_moderate, has_role, is_unscoped
from ogp_portal.accounts.roles import CIVIL_SERVANT

from .models import Initiative


def initiatives_visible_to(user):
    """Every initiative for moderators and OGP staff; their administration's for a civil servant."""
    qs = Initiative.objects.all()
    if can_moderate(user):
        return qs
    administration_id = getattr(user, "administration_id", None)
    if getattr(user, "is_authenticated", False) and administration_id:
        return qs.filter(lead_administration_id=administration_id)
    return qs.none()


def can_submit_initiative(user, initiative) -> bool:
    if not initiative.is_editable_by_submitter:
        return False
    if is_unscoped(user):
        return True
    return bool(
        has_role(user, CIVIL_SERVANT)
        and getattr(user, "administration_id", None) == initiative.lead_administration_id
    )


def can_edit_initiative(user, initiative) -> bool:
    """Civil servants edit drafts and returned initiatives; moderators edit at any time."""
    if can_moderate(user):
        return True
    return can_submit_initiative(user, initiative)


def can_review_initiative(user, initiative=None) -> bool:
    return can_moderate(user)
