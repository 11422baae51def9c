"""Who may do what on the action plan, beside the scoped querysets they mirror."""

from ogp_portal.accounts.permissions import has_role, is_unscoped
from ogp_portal.accounts.roles import CIVIL_SERVANT
from transparency.models import Commitment, Milestone, ProgressUpdate


def commitments_editable_by(user):
    qs = Commitment.objects.all()
    if is_unscoped(user):
        return qs
    if not getattr(user, "is_authenticated", False) or not user.administration_id:
        return qs.none()
    return qs.filter(lead_administration_id=user.administration_id)


def milestones_editable_by(user):
    return Milestone.objects.filter(commitment__in=commitments_editable_by(user))


def updates_visible_to(user):
    return ProgressUpdate.objects.filter(commitment__in=commitments_editable_by(user))


def can_edit_commitment(user, commitment) -> bool:
    """OGP staff, or a civil servant of the commitment's lead administration."""
    if is_unscoped(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and has_role(user, CIVIL_SERVANT)
        and user.administration_id
        and user.administration_id == commitment.lead_administration_id
    )


def can_review_updates(user) -> bool:
    return is_unscoped(user)


def can_manage_plans(user) -> bool:
    return is_unscoped(user)


def can_participate(user) -> bool:
    """Comment, propose and support: any signed-in, active person."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_decide_idea(user, idea, merged_into=None) -> bool:
    """OGP staff, or the lead administration of the commitment the idea is (or is being) linked to."""
    if is_unscoped(user):
        return True
    commitment = merged_into or idea.merged_into
    return commitment is not None and can_edit_commitment(user, commitment)
