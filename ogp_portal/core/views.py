from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ogp_portal.core.caching import anonymous_page_cache

from . import health, moderation
from .forms import ReportForm
from .moderation import is_moderatable
from .registry import areas


@anonymous_page_cache
def home(request):
    cards = [
        {"area": area, "figures": area.figures(), "latest": area.latest(3)} for area in areas()
    ]
    return render(request, "core/home.html", {"cards": cards})


def privacy(request):
    return render(request, "core/privacy.html")


@never_cache
def healthz(request):
    """For load balancers, compose healthchecks and monitoring: the database, the cache and
    the Celery queue's lag, as states only (see core.health)."""
    body, status = health.report()
    return JsonResponse(body, status=status)


@login_required
@require_POST
def report_content(request, app_label, model_name, object_id):
    """Report a piece of user content (any Moderatable model) to the moderators."""
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    if model is None or not is_moderatable(model):
        raise Http404
    manager = getattr(model, "objects", model._default_manager)
    obj = get_object_or_404(manager.filter(is_hidden=False), pk=object_id)
    form = ReportForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if form.is_valid():
        try:
            moderation.report(
                obj,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you. The moderators will review this content."))
        return redirect(next_url)
    return render(
        request,
        "core/report_form.html",
        {"form": form, "object": obj, "next": next_url},
        status=400,
    )


# Machine interfaces answer errors in JSON, like the API's own errors, even when no URL
# pattern matched (a malformed reference) or the server failed.
JSON_ERROR_PREFIXES = ("/api/",)


def page_not_found(request, exception):
    if request.path.startswith(JSON_ERROR_PREFIXES):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(JSON_ERROR_PREFIXES):
        return JsonResponse({"detail": _("Server error: the team has been told.")}, status=500)
    return defaults.server_error(request)
