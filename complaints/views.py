"""Public pages: the statistics dashboard, the form, the private tracking page, "my complaints".

A complaint is only ever shown to its complainant (through the private tracking link or
their account) and to the staff who handle it. Public pages show aggregates only.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ogp_portal.core.exports import export_response
from ogp_portal.core.registry import areas
from ogp_portal.core.search import search
from ogp_portal.core.timeline import events_for
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration, Commune

from . import analytics, services
from .forms import ComplaintForm, MessageForm, RateForm, ReopenForm
from .models import Category, Complaint, ComplaintPolicy
from .permissions import can_see_attachment

Dim = analytics.Dim


def _area():
    return next(a for a in areas() if a.key == "complaints")


def _chart(rows, value="received", limit=None):
    data = [(row.label, getattr(row, value)) for row in analytics.shown(rows)]
    return data[:limit] if limit else data


def _dashboard_context(snapshot) -> dict:
    by = analytics.rows_by_dimension(snapshot, analytics.PUBLIC_DIMENSIONS)
    overall = by[Dim.OVERALL][0] if by[Dim.OVERALL] else None
    regions = analytics.shown(by[Dim.REGION])
    months = sorted(analytics.shown(by[Dim.MONTH]), key=lambda r: r.key)[-12:]
    administrations = analytics.shown(by[Dim.ADMINISTRATION])
    return {
        "snapshot": snapshot,
        "overall": overall if overall and overall.received >= analytics.MIN_CELL else None,
        "by_administration": _chart(administrations, limit=10),
        "by_channel": _chart(by[Dim.CHANNEL]),
        "by_kind": _chart(by[Dim.KIND]),
        "by_month": [(row.key, row.received) for row in months],
        "per_100k": {row.key: row.per_100k for row in regions},
        "administration_rows": administrations[:20],
        "topics": analytics.topics_of(snapshot, public=True),
        "min_cell": analytics.MIN_CELL,
    }


DASHBOARD_CACHE_SECONDS = 24 * 3600


def _dashboard(request, snapshot) -> str:
    """The statistics part of the page: the same for everyone, so rendered once per snapshot
    and language and kept in the cache (a new snapshot has a new key)."""
    key = f"complaints:dashboard:{snapshot.pk if snapshot else 0}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("complaints/_dashboard.html", _dashboard_context(snapshot))
        cache.set(key, html, DASHBOARD_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output)


def index(request):
    area = _area()
    snapshot = analytics.latest_snapshot()
    return render(
        request,
        "complaints/index.html",
        {
            "area": area,
            "figures": area.figures(),
            "snapshot": snapshot,
            "dashboard": _dashboard(request, snapshot),
            "min_cell": analytics.MIN_CELL,
        },
    )


def statistics_export(request, fmt):
    headers, rows = analytics.export_rows()
    stamp = timezone.localdate().isoformat()
    extra = {"rtl": get_language_bidi()} if fmt == "xlsx" else {}
    return export_response(fmt, f"complaints-aggregates-{stamp}.{fmt}", headers, rows, **extra)


RATE_LIMITED_STATUS = 429


def _over_the_rate_limit(request) -> bool:
    """Filing attempts per IP address (django-ratelimit's counters in the default cache)."""
    from django_ratelimit.core import is_ratelimited

    limited = False
    for rate in (
        getattr(settings, "COMPLAINTS_FILE_RATE", "5/m"),
        getattr(settings, "COMPLAINTS_FILE_RATE_HOURLY", "30/h"),
    ):
        # Every rate is counted, even once one is exceeded, so the hourly count stays true.
        if rate and is_ratelimited(
            request, group="complaints:file", key="ip", rate=rate, method="POST", increment=True
        ):
            limited = True
    return limited


def file_complaint(request):
    if request.method == "POST" and _over_the_rate_limit(request):
        # Re-render what was typed (attachments cannot be kept by a browser), politely.
        form = ComplaintForm(request.POST, request.FILES, user=request.user)
        return render(
            request,
            "complaints/file.html",
            {"form": form, "rate_limited": True},
            status=RATE_LIMITED_STATUS,
        )
    if request.method == "POST" and request.POST.get("show_categories"):
        # Without JavaScript: the categories of the chosen administration, nothing filed yet
        # and no error shown; what was typed comes back as it was.
        typed = {
            key: value
            for key, value in request.POST.items()
            if key not in ("csrfmiddlewaretoken", "show_categories", "attachments")
        }
        form = ComplaintForm(user=request.user, initial=typed)
        return render(request, "complaints/file.html", {"form": form, "categories_shown": True})
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            signed_in = request.user.is_authenticated
            try:
                complaint = services.file_complaint(
                    actor=request.user if signed_in else None,
                    complainant=request.user if signed_in else None,
                    kind=data["kind"],
                    channel=Complaint.Channel.WEB,
                    administration=data["administration"],
                    category=data["category"],
                    subject=data["subject"],
                    description=data["description"],
                    province=data["province"],
                    commune=data["commune"],
                    contact_name=data.get("contact_name", ""),
                    contact_email=data.get("contact_email", ""),
                    contact_phone=data.get("contact_phone", ""),
                    contact_preference=data["contact_preference"],
                    language=get_language(),
                    attachments=data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("complaints:filed", token=complaint.tracking_token)
    else:
        initial = {}
        if (
            request.GET.get("administration", "").isdigit()
            and len(request.GET["administration"]) < 19
        ):
            initial["administration"] = request.GET["administration"]
        form = ComplaintForm(user=request.user, initial=initial)
    return render(request, "complaints/file.html", {"form": form})


def filed(request, token):
    complaint = get_object_or_404(Complaint, tracking_token=token)
    return render(request, "complaints/filed.html", {"complaint": complaint})


def _events(complaint):
    labels = services.event_labels()
    statuses = dict(Complaint.Status.choices)
    events = list(events_for(complaint, public_only=True))
    for event in events:
        event.kind_label = labels.get(event.kind, event.kind)
        event.from_label = statuses.get(event.from_status, event.from_status)
        event.to_label = statuses.get(event.to_status, event.to_status)
        # Notes of public events carry administration names or the reopen reason: fine for
        # the complainant, who is the only reader of this page.
    return events


def track(request, token):
    complaint = get_object_or_404(
        Complaint.objects.select_related("administration", "category"), tracking_token=token
    )
    policy = ComplaintPolicy.current()
    return render(
        request,
        "complaints/track.html",
        {
            "complaint": complaint,
            "events": _events(complaint),
            "thread": complaint.messages.all(),
            "attachments": complaint.attachments.all(),
            "rate_form": RateForm(
                initial={
                    "resolved": "yes" if complaint.resolved else None,
                    "rating": complaint.rating,
                }
            )
            if complaint.can_be_rated
            else None,
            "reopen_form": ReopenForm() if complaint.can_be_reopened(policy=policy) else None,
            "reopen_until": complaint.reopen_until(policy),
            "message_form": MessageForm()
            if complaint.status != Complaint.Status.REJECTED
            else None,
        },
    )


def _track_action(request, token, form_class, action, success):
    complaint = get_object_or_404(Complaint, tracking_token=token)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(complaint, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("complaints:track", token=token)


def _actor(request):
    return request.user if request.user.is_authenticated else None


@require_POST
def track_rate(request, token):
    return _track_action(
        request,
        token,
        RateForm,
        lambda c, d: services.rate(
            c,
            actor=_actor(request),
            resolved=d["resolved"],
            rating=d["rating"],
            comment=d["comment"],
        ),
        _("Thank you: your rating was recorded."),
    )


@require_POST
def track_reopen(request, token):
    return _track_action(
        request,
        token,
        ReopenForm,
        lambda c, d: services.reopen(c, actor=_actor(request), reason=d["reason"]),
        _("Your complaint was reopened and sent back to the administration."),
    )


@require_POST
def track_message(request, token):
    return _track_action(
        request,
        token,
        MessageForm,
        lambda c, d: services.post_message(
            c, actor=_actor(request), body=d["body"], from_complainant=True
        ),
        _("Your message was sent."),
    )


@login_required
def mine(request):
    complaints = Complaint.objects.of(request.user).select_related("administration")
    page = Paginator(complaints, 20).get_page(request.GET.get("page"))
    return render(request, "complaints/mine.html", {"page_obj": page})


def _serve(attachment):
    # A download with a neutral name: the original name may carry personal data.
    return attachment_response(
        attachment.file,
        download_name=f"attachment-{attachment.pk}",
        content_type=attachment.content_type,
        private=True,
    )


def tracked_attachment(request, token, pk):
    complaint = get_object_or_404(Complaint, tracking_token=token)
    return _serve(get_object_or_404(complaint.attachments, pk=pk))


@login_required
def staff_attachment(request, pk):
    from .models import Attachment

    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=pk)
    if not can_see_attachment(request.user, attachment.complaint):
        raise Http404
    return _serve(attachment)


# --- htmx fragments: <option> lists for the dependent selects ------------------------------


@require_GET
def category_options(request):
    administration = request.GET.get("administration", "")
    categories = (
        Category.objects.filter(administration_id=administration, is_active=True)
        if administration.isdigit()
        else Category.objects.none()
    )
    return render(request, "complaints/_category_options.html", {"categories": categories})


@require_GET
def administration_options(request):
    query = request.GET.get("q", "")[:100]
    administrations = Administration.objects.active()
    if query.strip():
        administrations = search(
            administrations, query, ["name_ar", "name_fr", "name_en", "acronym"]
        )
    administrations = administrations.order_by("name")[:100]
    return render(
        request,
        "complaints/_administration_options.html",
        {"administrations": administrations, "selected": request.GET.get("administration", "")},
    )


@require_GET
def commune_options(request):
    province = request.GET.get("province", "")
    communes = (
        Commune.objects.filter(province_id=province).ordered_by_name()
        if province.isdigit()
        else Commune.objects.none()
    )
    return render(request, "complaints/_commune_options.html", {"communes": communes})
