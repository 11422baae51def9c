"""Who may do what with a petition, beside the querysets they mirror."""

from ogp_portal.accounts import roles
from ogp_portal.accounts.permissions import can_moderate, has_role, is_unscoped

from .models import Petition


def can_moderate_petitions(user) -> bool:
    """Moderators and OGP staff publish or reject submitted petitions."""
    return can_moderate(user)


def reviewable_petitions(user):
    """Petitions addressed to the reviewer's own administration (all for OGP staff)."""
    if is_unscoped(user):
        return Petition.objects.all()
    if has_role(user, roles.PETITION_REVIEWER) and getattr(user, "administration_id", None):
        return Petition.objects.filter(addressee_id=user.administration_id)
    return Petition.objects.none()


def can_review_petition(user, petition) -> bool:
    if is_unscoped(user):
        return True
    return (
        has_role(user, roles.PETITION_REVIEWER)
        and getattr(user, "administration_id", None) == petition.addressee_id
    )


def is_agent(user, petition) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and petition.author_id == user.pk


def can_edit_draft(user, petition) -> bool:
    return is_agent(user, petition) and petition.status in Petition.EDITABLE_STATUSES


def can_view_petition(user, petition) -> bool:
    """Public once published; drafts and moderation only for the committee and moderators."""
    if petition.is_public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if is_agent(user, petition) or can_moderate_petitions(user):
        return True
    return petition.committee.filter(user=user).exists()


def is_unscoped_staff(user) -> bool:
    return is_unscoped(user)
