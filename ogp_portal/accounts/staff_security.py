"""Staff sessions: two-factor authentication before the admin, idle and absolute expiry.

OWASP ASVS level 2 asks that administrative interfaces require a second factor and that
their sessions end after inactivity and after a maximum lifetime. Citizens' sessions are
not touched: only users with `is_staff`.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN = "staff_last_seen"
# Touching the session on every request would write it on every request: once a minute.
LAST_SEEN_GRANULARITY = 60


def record_sign_in(sender, request, user, **kwargs):
    """user_logged_in receiver: when the session started."""
    if getattr(request, "session", None) is not None:
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _is_admin(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.app_name == "admin")


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.is_staff):
            return None
        now = int(time.time())
        session = request.session
        signed_in_at = session.get(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        idle = now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
        too_old = now - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS
        if idle or too_old:
            logout(request)
            messages.info(request, _("Your staff session has expired. Please sign in again."))
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        if SIGNED_IN_AT not in session:
            session[SIGNED_IN_AT] = now
        if now - last_seen >= LAST_SEEN_GRANULARITY or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        if settings.STAFF_MFA_REQUIRED and _is_admin(request) and not has_second_factor(user):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an "
                    "authenticator app to continue to the administration."
                ),
            )
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        return None
