"""Who may do what in the open data area, beside the scoped querysets they mirror."""

from ogp_portal.accounts import roles
from ogp_portal.accounts.permissions import can_moderate, has_role, is_unscoped


def can_moderate_reuses(user) -> bool:
    """Moderators and OGP staff (mirrors Reuse admin access)."""
    return can_moderate(user)


def can_answer_request(user, dataset_request) -> bool:
    """OGP staff, or a civil servant of the administration asked (DatasetRequest.objects.visible_to)."""
    if is_unscoped(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and has_role(user, roles.CIVIL_SERVANT)
        and user.administration_id == dataset_request.publisher_id
    )


def can_edit_dataset(user, dataset) -> bool:
    """OGP staff, or a civil servant of the publisher (Dataset.objects.visible_to)."""
    if is_unscoped(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and has_role(user, roles.CIVIL_SERVANT)
        and user.administration_id == dataset.publisher_id
    )
