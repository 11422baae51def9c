"""Who may build and download progress reports: OGP staff and superusers."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from ogp_portal.accounts.permissions import is_unscoped


def can_build_reports(user) -> bool:
    return is_unscoped(user)


def reports_staff_required(view):
    """Anonymous: to the sign-in page. Signed in but not OGP staff: 404 (the page is not there)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_build_reports(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
