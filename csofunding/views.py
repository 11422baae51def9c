"""Public pages of the funding area: calls, awards explorer, associations, funders, alerts.

Nothing personal is shown: associations are organisations, and subscribers' addresses
never leave the alerts tables.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
)
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ogp_portal.core.altcha import challenge_response
from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.emails import normalise_email
from ogp_portal.core.exports import export_response
from ogp_portal.core.filtering import filter_errors, invalid_filters_response, retry_url
from ogp_portal.core.registry import areas
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration, Region

from . import explorer, giving360, services
from .filters import AwardFilter, CallFilter
from .forms import AlertSubscriptionForm
from .models import (
    AlertSubscription,
    Association,
    Award,
    Call,
    CallDocument,
    Programme,
    Sector,
    funder_org_id,
)

PAGE_SIZE = 25


def _area():
    return next(a for a in areas() if a.key == "csofunding")


def public_calls():
    return (
        Call.objects.published()
        .select_related("programme__funder")
        .prefetch_related("sectors", "regions")
    )


def calls_in_reading_order(queryset):
    """Calls still accepting applications first, the nearest deadline first; then those opening
    soon, the nearest deadline first; then the closed and awarded ones, the latest deadline
    first (the most recent results at the top, not those of years ago)."""
    today = timezone.localdate()
    accepting = Q(opens_on__lte=today, deadline__gte=today, awarded_on__isnull=True)
    upcoming = Q(opens_on__gt=today, awarded_on__isnull=True)
    return queryset.annotate(
        open_rank=Case(
            When(accepting, then=Value(0)),
            When(upcoming, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        deadline_ahead=Case(
            When(accepting | upcoming, then=F("deadline")), default=None, output_field=DateField()
        ),
        deadline_past=Case(
            When(accepting | upcoming, then=None), default=F("deadline"), output_field=DateField()
        ),
    ).order_by(
        "open_rank",
        F("deadline_ahead").asc(nulls_last=True),
        F("deadline_past").desc(nulls_last=True),
        "pk",
    )


@anonymous_page_cache
def index(request):
    area = _area()
    calls = calls_in_reading_order(public_calls().open())[:6]
    awards = Award.objects.published()
    return render(
        request,
        "csofunding/index.html",
        {
            "area": area,
            "figures": area.figures(),
            "open_calls": calls,
            "totals": explorer.totals(awards),
            "by_sector": explorer.by_sector(awards),
        },
    )


CALL_EXPORT_HEADERS = [
    "reference",
    "title",
    "status",
    "funder",
    "funder_id",
    "programme",
    "sectors",
    "regions",
    "budget_mad",
    "grant_min_mad",
    "grant_max_mad",
    "opens_on",
    "deadline",
    "applications_received",
    "results_published_on",
    "url",
]


def _amount(value):
    return None if value is None else float(value)


def _call_record(call) -> dict:
    funder = call.programme.funder
    return {
        "reference": call.reference,
        "title": call.title,
        "status": call.status,
        "funder": funder.name,
        "funder_id": funder_org_id(funder),
        "programme": call.programme.code,
        "sectors": [s.code for s in call.sectors.all()],
        # Empty: a national call, open to associations of every region.
        "regions": [r.iso_code for r in call.regions.all()],
        "budget_mad": _amount(call.budget),
        "grant_min_mad": _amount(call.grant_min),
        "grant_max_mad": _amount(call.grant_max),
        "opens_on": call.opens_on.isoformat(),
        "deadline": call.deadline.isoformat(),
        "applications_received": call.applications_received,
        "results_published_on": call.awarded_on.isoformat() if call.awarded_on else None,
        "url": f"{settings.SITE_URL}{call.get_absolute_url()}",
    }


def _export_calls(calls, fmt):
    """The filtered calls, in the page's order, as CSV, XLSX or JSON."""
    stamp = timezone.localdate().isoformat()
    records = [_call_record(call) for call in calls.select_related("programme__funder")]
    if fmt == "json":
        response = JsonResponse(
            {"count": len(records), "results": records}, json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Disposition"] = f'attachment; filename="calls-{stamp}.json"'
        return response
    rows = (
        [
            ";".join(value) if isinstance(value, list) else value
            for value in (record[key] for key in CALL_EXPORT_HEADERS)
        ]
        for record in records
    )
    try:
        return export_response(
            fmt,
            f"calls-{stamp}.{fmt}",
            CALL_EXPORT_HEADERS,
            rows,
            **({"rtl": get_language_bidi(), "sheet_title": "calls"} if fmt == "xlsx" else {}),
        )
    except ValueError:
        return HttpResponseBadRequest(_("Unknown export format."))


@anonymous_page_cache
def call_list(request):
    filterset = CallFilter(request.GET or None, queryset=public_calls())
    errors = filter_errors(filterset)
    fmt = request.GET.get("format")
    if fmt:
        if errors:
            return invalid_filters_response(errors)
        return _export_calls(calls_in_reading_order(filterset.qs), fmt)
    calls = calls_in_reading_order(filterset.qs) if not errors else Call.objects.none()
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "csofunding/call_list.html",
        {
            "filter": filterset,
            "filter_errors": errors,
            "filter_retry_url": retry_url(request, errors),
            "page_obj": page,
            "statuses": Call.Status.choices,
            "sectors": Sector.objects.all(),
            "regions": Region.objects.ordered_by_name(),
            "funders": Administration.objects.filter(
                funding_programmes__calls__is_published=True
            ).distinct(),
        },
    )


def call_detail(request, reference):
    call = get_object_or_404(public_calls(), reference=reference)
    awards = (
        call.awards.published().select_related("association").order_by("-amount")
        if call.awarded_on
        else Award.objects.none()
    )
    return render(
        request,
        "csofunding/call_detail.html",
        {"call": call, "documents": call.documents.all(), "awards": awards},
    )


def call_document(request, reference, pk):
    document = get_object_or_404(
        CallDocument.objects.filter(call__is_published=True), call__reference=reference, pk=pk
    )
    return attachment_response(document.file, download_name=document.title)


def _no_grants_response():
    """A 360Giving package holds at least one grant (the schema's minItems): none is a 404 that
    says why, in JSON."""
    return JsonResponse(
        {
            "detail": _(
                "No published award matches: a 360Giving package must hold at least one grant."
            ),
            "grants": 0,
        },
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


def _export_awards(request, queryset, fmt):
    stamp = timezone.localdate().isoformat()
    if fmt == "json":  # the filtered awards as a 360Giving package
        package = giving360.package(queryset)
        if not package["grants"]:
            return _no_grants_response()
        response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="awards-{stamp}.json"'
        return response
    try:
        return export_response(
            fmt,
            f"awards-{stamp}.{fmt}",
            giving360.FLAT_HEADERS,
            giving360.flat_rows(queryset),
            **({"rtl": get_language_bidi()} if fmt == "xlsx" else {}),
        )
    except ValueError:
        return HttpResponseBadRequest(_("Unknown export format."))


def _awards_not_filtered(request, filterset, errors):
    """The explorer when a filter could not be read: the errors, and nothing listed."""
    zero = Decimal("0")
    return render(
        request,
        "csofunding/award_list.html",
        {
            "filter": filterset,
            "filter_errors": errors,
            "filter_retry_url": retry_url(request, errors),
            "page_obj": Paginator(Award.objects.none(), PAGE_SIZE).get_page(1),
            "totals": {"amount": zero, "in_kind": zero, "count": 0, "associations": 0},
            "facets": [],
            "active": {},
            "amount_by_region": {},
            "per_inhabitant": {},
            "by_sector": [],
            "by_funder": [],
            "by_funder_kind": [],
            "by_year": [],
            "query": request.GET.get("q", ""),
        },
    )


@anonymous_page_cache
def award_list(request):
    base = Award.objects.published()
    data = request.GET.copy()
    filterset = AwardFilter(data or None, queryset=base)
    errors = filter_errors(filterset)
    fmt = request.GET.get("format")
    if fmt:
        if errors:
            return invalid_filters_response(errors)
        return _export_awards(request, filterset.qs, fmt)
    if errors:
        return _awards_not_filtered(request, filterset, errors)
    awards = filterset.qs
    summary = explorer.summary(data, base, cache_key="published")
    amounts = summary["amount_by_region"]
    # pk__in rather than the region filter's DISTINCT, which sorts every matching row.
    listed = explorer.unique(awards) if awards.query.distinct else awards
    ordered = listed.select_related("association", "funder", "sector").order_by(
        "-awarded_on", "-pk"
    )
    paginator = Paginator(ordered, PAGE_SIZE)
    # The total is known already: spares the paginator its COUNT over every award.
    paginator.count = summary["totals"]["count"]
    page = paginator.get_page(request.GET.get("page"))
    facets = summary["facets"]
    for name, items in facets.items():
        for item in items:
            item["selected"] = data.get(name) == item["value"]
            link = data.copy()
            link.pop("page", None)
            link.pop("format", None)
            if item["selected"]:
                link.pop(name, None)
            else:
                link[name] = item["value"]
            item["href"] = f"?{link.urlencode()}" if link else request.path
    active = {
        name: data.get(name)
        for name in ("funder", "sector", "region", "year", "band")
        if data.get(name)
    }
    return render(
        request,
        "csofunding/award_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "totals": summary["totals"],
            "facets": [
                {"name": name, "title": explorer.FACET_TITLES[name], "items": items}
                for name, items in facets.items()
            ],
            "active": active,
            "amount_by_region": amounts,
            "per_inhabitant": explorer.per_inhabitant(amounts),
            "by_sector": summary["by_sector"],
            "by_funder": summary["by_funder"],
            "by_funder_kind": summary["by_funder_kind"],
            "by_year": summary["by_year"],
            "query": request.GET.get("q", ""),
        },
    )


def award_detail(request, reference):
    award = get_object_or_404(
        Award.objects.published().select_related(
            "association", "funder", "sector", "programme", "call"
        ),
        reference=reference,
    )
    disbursements = award.disbursements.all()
    disbursed = sum(d.amount for d in disbursements)
    return render(
        request,
        "csofunding/award_detail.html",
        {
            "award": award,
            "disbursements": disbursements,
            "disbursed": disbursed,
            "regions": award.beneficiary_regions.all(),
        },
    )


def award_convention(request, reference):
    """The convention document of a published award, as a download (404 for any other)."""
    award = get_object_or_404(Award.objects.published().exclude(convention=""), reference=reference)
    return attachment_response(
        award.convention,
        # Translators: the name of the downloaded convention document of an award.
        download_name=_("Convention %(reference)s") % {"reference": award.reference},
    )


@anonymous_page_cache
def association_list(request):
    associations = Association.objects.select_related("seat_region").annotate(
        awards_count=Count("awards", filter=Q(awards__is_published=True)),
        awards_total=Sum("awards__amount", filter=Q(awards__is_published=True)),
    )
    query = " ".join(request.GET.get("q", "").split())[:200]
    if query:
        for word in query.split():
            associations = associations.filter(
                Q(name_fr__icontains=word)
                | Q(name_ar__icontains=word)
                | Q(registration_number__icontains=word)
            )
    region = request.GET.get("region")
    if region:
        associations = associations.filter(seat_region__code=region)
    sector = request.GET.get("sector")
    if sector:
        associations = associations.filter(sectors__code=sector).distinct()
    name_field = "name_ar" if (get_language() or "ar").startswith("ar") else "name_fr"
    page = Paginator(associations.order_by(name_field, "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "csofunding/association_list.html",
        {
            "page_obj": page,
            "query": query,
            "region": region or "",
            "sector": sector or "",
            "regions": Region.objects.ordered_by_name(),
            "sectors": Sector.objects.all(),
        },
    )


@anonymous_page_cache
def association_detail(request, slug):
    association = get_object_or_404(
        Association.objects.select_related("seat_region", "seat_province"), slug=slug
    )
    awards = (
        association.awards.published()
        .select_related("funder", "sector", "call")
        .prefetch_related("disbursements")
        .order_by("-awarded_on")
    )
    return render(
        request,
        "csofunding/association_detail.html",
        {
            "association": association,
            "awards": awards,
            "totals": explorer.totals(awards),
            "sectors": association.sectors.all(),
        },
    )


@anonymous_page_cache
def funder_list(request):
    published = Q(funding_awards__is_published=True)
    funders = (
        Administration.objects.annotate(
            awards_count=Count("funding_awards", filter=published),
            awards_total=Sum("funding_awards__amount", filter=published),
            has_programmes=Exists(Programme.objects.filter(funder=OuterRef("pk"))),
        )
        .filter(Q(awards_count__gt=0) | Q(has_programmes=True))
        .order_by(F("awards_total").desc(nulls_last=True), "name")
    )
    return render(request, "csofunding/funder_list.html", {"funders": funders})


@anonymous_page_cache
def funder_detail(request, slug):
    funder = get_object_or_404(Administration, slug=slug)
    awards = Award.objects.published().filter(funder=funder)
    programmes = funder.funding_programmes.select_related("sector").prefetch_related(
        Prefetch("calls", queryset=Call.objects.published().order_by("-deadline"))
    )
    if not programmes and not awards.exists():
        raise Http404
    amounts = explorer.amount_by_region(awards)
    return render(
        request,
        "csofunding/funder_detail.html",
        {
            "funder": funder,
            "programmes": programmes,
            "totals": explorer.totals(awards),
            "by_sector": explorer.by_sector(awards),
            "amount_by_region": amounts,
            "latest_awards": awards.select_related("association", "sector")[:10],
        },
    )


def giving_package(request):
    package = giving360.package()
    if not package["grants"]:
        response = _no_grants_response()
        response["Access-Control-Allow-Origin"] = "*"
        return response
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="ogpma-360giving.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- alerts ----------------------------------------------------------------


RATE_LIMITED_STATUS = 429


def _over_the_alerts_rate_limit(request) -> bool:
    """Subscription requests per IP address (django-ratelimit's counters in the default cache,
    the address as ogp_portal.core.clientip reads it behind the trusted proxies)."""
    from django_ratelimit.core import is_ratelimited

    limited = False
    for rate in (
        getattr(settings, "CSOFUNDING_ALERTS_RATE", "5/m"),
        getattr(settings, "CSOFUNDING_ALERTS_RATE_HOURLY", "20/h"),
    ):
        # Every rate is counted, even once one is exceeded, so the hourly count stays true.
        if rate and is_ratelimited(
            request, group="csofunding:alerts", key="ip", rate=rate, method="POST", increment=True
        ):
            limited = True
    return limited


@never_cache
@require_GET
def altcha_challenge(request):
    """A fresh one-time ALTCHA challenge for the alerts form (never cached: each is single-use)."""
    return challenge_response(request)


@require_http_methods(["GET", "POST"])
def alerts_subscribe(request):
    user = request.user if request.user.is_authenticated else None
    subscription = (
        AlertSubscription.objects.filter(Q(user=user) | Q(email_key=normalise_email(user.email)))
        .prefetch_related("sectors", "regions")
        .first()
        if user
        else None
    )
    status = 200
    rate_limited = False
    if request.method == "POST":
        form = AlertSubscriptionForm(request.POST, user=user)
        if _over_the_alerts_rate_limit(request):
            # What was typed comes back, politely; nothing is checked or sent.
            rate_limited = True
            status = RATE_LIMITED_STATUS
        elif form.is_valid():
            services.subscribe(
                email=form.cleaned_data.get("email", ""),
                sectors=form.cleaned_data["sectors"],
                regions=form.cleaned_data["regions"],
                language=get_language() or "ar",
                user=user,
            )
            # The same answer whether the address was new, known or asked for an hour ago.
            return redirect("csofunding:alerts_done")
    else:
        initial = {}
        if subscription is not None:
            initial = {
                "sectors": list(subscription.sectors.all()),
                "regions": list(subscription.regions.all()),
            }
        form = AlertSubscriptionForm(user=user, initial=initial)
    return render(
        request,
        "csofunding/alerts_subscribe.html",
        {
            "form": form,
            "my_alerts": [subscription] if subscription else [],
            "rate_limited": rate_limited,
        },
        status=status,
    )


def alerts_done(request):
    return render(request, "csofunding/alerts_done.html")


def _subscription(token):
    try:
        return AlertSubscription.objects.get(token=uuid.UUID(token))
    except (AlertSubscription.DoesNotExist, ValueError):
        raise Http404 from None


def alerts_confirm(request, token):
    sub = _subscription(token)
    changed = services.confirm_subscription(sub, change=request.GET.get("change", ""))
    return render(
        request, "csofunding/alerts_confirmed.html", {"subscription": sub, "changed": changed}
    )


@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request, token):
    sub = _subscription(token)
    if request.method == "POST":
        services.unsubscribe(sub)
        messages.success(request, _("You will receive no more alerts at this address."))
        return redirect("csofunding:index")
    return render(request, "csofunding/alerts_unsubscribe.html", {"subscription": sub})
