"""Filter values a list page could not read.

A django-filter FilterSet with an invalid value (an unknown sector, a year of letters) would
silently drop it and list everything; the API answers 400. List pages and their exports do
the same as the API instead: the page says which filters were not understood, in the user's
language, and lists nothing; an export answers 400 with a plain-text reason.

    errors = filter_errors(filterset)
    if errors and fmt: return invalid_filters_response(errors)
    context["filter_errors"], context["filter_retry_url"] = errors, retry_url(request, errors)

and `{% include "core/_filter_errors.html" %}` above the results.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def filter_errors(filterset) -> list[dict]:
    """[{"name", "label", "messages"}] for each filter the FilterSet refused; [] if none."""
    if not filterset.is_bound or filterset.is_valid():
        return []
    form = filterset.form
    errors = []
    for name, messages in form.errors.items():
        field = form.fields.get(name)
        errors.append(
            {
                "name": name,
                "label": str(field.label) if field is not None and field.label else name,
                "messages": [str(message) for message in messages],
            }
        )
    return errors


def retry_url(request, errors) -> str:
    """The same page without the refused filters (and back on the first page)."""
    query = request.GET.copy()
    for name in [e["name"] for e in errors] + ["page", "format"]:
        query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def invalid_filters_response(errors) -> HttpResponseBadRequest:
    """400, text/plain: which filter was refused and why, one per line."""
    lines = [_("The export was not made: these filters could not be read.")]
    lines += [f"{e['name']}: {' '.join(e['messages'])}" for e in errors]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
