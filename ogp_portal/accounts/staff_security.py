"""Staff sessions: two-factor authentication for everything they open, idle and absolute expiry.

OWASP ASVS level 2 asks that administrative interfaces require a second factor and that
their sessions end after inactivity and after a maximum lifetime. Staff work in the admin and
also in staff pages outside it (the complaints statistics per administration, attachments,
turning a topic into an idea, replies to assessments…), so a staff session without a second
factor opens nothing but what it needs to set one up or to leave: the account and MFA pages
of allauth, the language switch, the JavaScript catalogue and /healthz. Citizens' sessions
are not touched: only users with `is_staff`.
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


# What a staff session without a second factor may still open: allauth's account pages (sign
# out, email, password) and MFA pages (set one up), and the technical endpoints.
OPEN_WITHOUT_SECOND_FACTOR_PREFIXES = ("account_", "mfa_")
OPEN_WITHOUT_SECOND_FACTOR = {"set_language", "javascript-catalog", "healthz"}


def _needs_second_factor(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    name = match.url_name or ""
    return not (
        name.startswith(OPEN_WITHOUT_SECOND_FACTOR_PREFIXES) or name in OPEN_WITHOUT_SECOND_FACTOR
    )


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
        if (
            settings.STAFF_MFA_REQUIRED
            and _needs_second_factor(request)
            and not has_second_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an "
                    "authenticator app to continue."
                ),
            )
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        return None
