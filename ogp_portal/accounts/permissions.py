"""Who may do what, as small predicates next to the scoped querysets they mirror."""

from .roles import MODERATOR, OGP_STAFF


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_cache = cache
    return role in cache


def is_unscoped(user) -> bool:
    """OGP staff and superusers see every administration's records."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or has_role(user, OGP_STAFF)
    )


def can_moderate(user) -> bool:
    return is_unscoped(user) or has_role(user, MODERATOR)


def can_manage_administration(user, administration) -> bool:
    if is_unscoped(user):
        return True
    return bool(
        user.is_authenticated and user.is_staff and user.administration_id == administration.pk
    )
