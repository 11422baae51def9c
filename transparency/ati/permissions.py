"""Who may do what with an information request, beside the scoped querysets they mirror."""

from ogp_portal.accounts import roles
from ogp_portal.accounts.permissions import has_role, is_unscoped


def is_information_officer_of(user, administration_id) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and has_role(user, roles.INFORMATION_OFFICER)
        and user.administration_id == administration_id
    )


def can_handle_request(user, request_obj) -> bool:
    """Acknowledge, extend, answer, refuse, transfer, record the head's decision."""
    return is_unscoped(user) or is_information_officer_of(user, request_obj.administration_id)


def can_see_identity(user, request_obj) -> bool:
    """Name, address, email and CIN: the body's information officers and OGP staff only."""
    return can_handle_request(user, request_obj)


def can_record_cdai_decision(user, request_obj) -> bool:
    return is_unscoped(user)


def can_record_request_for_someone(user) -> bool:
    """Requests received by post, email or at the counter, typed in by staff."""
    return is_unscoped(user) or (
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and has_role(user, roles.INFORMATION_OFFICER)
    )


def is_requester(user, request_obj) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and request_obj.requester_id is not None
        and request_obj.requester_id == user.pk
    )


def can_read_request(user, request_obj) -> bool:
    return (
        not request_obj.is_private
        or is_requester(user, request_obj)
        or can_handle_request(user, request_obj)
        or (
            getattr(user, "is_authenticated", False)
            and user.is_staff
            and user.administration_id == request_obj.administration_id
        )
    )
