"""Who may do what in the co-evaluation, beside the scoped querysets they mirror."""

from ogp_portal.accounts.permissions import has_role, is_unscoped
from ogp_portal.accounts.roles import CIVIL_SERVANT
from transparency.models import (
    AssessmentReply,
    Commitment,
    Organisation,
    OrganisationMembership,
)


def can_assess(user) -> bool:
    """Any signed-in, active person (civil servants too: they are citizens as well)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_request_organisation(user) -> bool:
    return can_assess(user)


def can_verify_organisations(user) -> bool:
    return is_unscoped(user)


def can_manage_windows(user) -> bool:
    return is_unscoped(user)


def organisations_spoken_for(user):
    """The organisations a person may assess for: their verified memberships only."""
    if not can_assess(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=OrganisationMembership.Status.VERIFIED
    ).distinct()


def can_speak_for(user, organisation) -> bool:
    return (
        organisation is not None
        and organisations_spoken_for(user).filter(pk=organisation.pk).exists()
    )


def commitments_repliable_by(user):
    """Commitments whose assessments the user may answer: OGP staff all, a civil servant
    of the lead administration theirs, nobody else any."""
    qs = Commitment.objects.all()
    if is_unscoped(user):
        return qs
    if not (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and has_role(user, CIVIL_SERVANT)
        and user.administration_id
    ):
        return qs.none()
    return qs.filter(lead_administration_id=user.administration_id)


def replies_visible_to(user):
    """Replies in the admin: scoped like the commitments."""
    return AssessmentReply.objects.filter(commitment__in=commitments_repliable_by(user))


def can_reply(user, commitment) -> bool:
    if is_unscoped(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and has_role(user, CIVIL_SERVANT)
        and user.administration_id
        and user.administration_id == commitment.lead_administration_id
    )
