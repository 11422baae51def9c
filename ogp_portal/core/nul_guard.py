"""Refuse NUL characters in query strings with a 400, before any view runs.

PostgreSQL text cannot hold U+0000: a view that passes such a parameter to a query would fail
with a 500. Posted forms are left to Django's form fields, which refuse it with an error in
the re-rendered form (nothing typed is lost); this covers the views that read request.GET
directly (list filters, search boxes) and the API.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _parameters_with_nul(querydict) -> list[str]:
    return [
        key
        for key, values in querydict.lists()
        if "\x00" in key or any("\x00" in value for value in values)
    ]


class NulCharacterGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = _parameters_with_nul(request.GET)
        if refused:
            message = _("The request contains a character that is not allowed (NUL).")
            if request.path.startswith("/api/"):
                # The API's documented 400 shape (ValidationErrors): each parameter refused,
                # with its reasons; the key is shown without the NUL so clients can read it.
                body = {key.replace("\x00", "\ufffd"): [message] for key in refused}
                return JsonResponse(body, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
