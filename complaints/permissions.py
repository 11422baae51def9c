"""Who may do what with complaints, beside Complaint.objects.visible_to(user)."""

from ogp_portal.accounts import roles
from ogp_portal.accounts.permissions import has_role, is_unscoped


def can_triage(user) -> bool:
    """Central triage: OGP staff and superusers (every administration)."""
    return is_unscoped(user)


def can_handle(user, complaint) -> bool:
    """Answer, message, note, transfer: the administration's complaints officers (and triage)."""
    if is_unscoped(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and has_role(user, roles.COMPLAINTS_OFFICER)
        and complaint.administration_id
        and user.administration_id == complaint.administration_id
    )


def can_file_for_caller(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff) and (
        is_unscoped(user)
        or has_role(user, roles.CALL_CENTRE_AGENT)
        or has_role(user, roles.COMPLAINTS_OFFICER)
    )


def can_see_attachment(user, complaint) -> bool:
    if getattr(user, "is_authenticated", False) and complaint.complainant_id == user.pk:
        return True
    return can_handle(user, complaint)


def can_see_statistics_dashboard(user) -> bool:
    """The staff dashboard: OGP staff (everything) and complaints officers (their administration)."""
    if not getattr(user, "is_authenticated", False) or not user.is_staff:
        return False
    if is_unscoped(user):
        return True
    return bool(user.administration_id and has_role(user, roles.COMPLAINTS_OFFICER))


def can_see_administration_statistics(user, administration) -> bool:
    """An administration's drill-down: OGP staff, or the administration's own officers."""
    if not can_see_statistics_dashboard(user):
        return False
    return is_unscoped(user) or user.administration_id == administration.pk
