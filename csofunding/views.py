"""Public pages of the funding area: calls, awards explorer, associations, funders, alerts.

Nothing personal is shown: associations are organisations, and subscribers' addresses
never leave the alerts tables.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
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
from django.views.decorators.http import require_http_methods

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import export_response
from ogp_portal.core.registry import areas
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration, Region

from . import explorer, giving360, services
from .filters import AwardFilter, CallFilter
from .forms import AlertSubscriptionForm
from .models import AlertSubscription, Association, Award, Call, CallDocument, Programme, Sector

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
    """Calls still accepting applications first, the nearest deadline first; then the rest."""
    today = timezone.localdate()
    accepting = Q(opens_on__lte=today, deadline__gte=today, awarded_on__isnull=True)
    upcoming = Q(opens_on__gt=today, awarded_on__isnull=True)
    return queryset.annotate(
        open_rank=Case(
            When(accepting, then=Value(0)),
            When(upcoming, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("open_rank", "deadline", "pk")


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


@anonymous_page_cache
def call_list(request):
    filterset = CallFilter(request.GET or None, queryset=public_calls())
    calls = calls_in_reading_order(filterset.qs)
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "csofunding/call_list.html",
        {
            "filter": filterset,
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


def _export_awards(request, queryset, fmt):
    stamp = timezone.localdate().isoformat()
    if fmt == "json":  # the filtered awards as a 360Giving package
        response = JsonResponse(
            giving360.package(queryset), json_dumps_params={"ensure_ascii": False}
        )
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


@anonymous_page_cache
def award_list(request):
    base = Award.objects.published()
    data = request.GET.copy()
    filterset = AwardFilter(data or None, queryset=base)
    awards = filterset.qs
    fmt = request.GET.get("format")
    if fmt:
        return _export_awards(request, awards, fmt)
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
    response = JsonResponse(giving360.package(), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="ogpma-360giving.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- alerts ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def alerts_subscribe(request):
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        form = AlertSubscriptionForm(request.POST, user=user)
        if form.is_valid():
            services.subscribe(
                email=form.cleaned_data.get("email", ""),
                sectors=form.cleaned_data["sectors"],
                regions=form.cleaned_data["regions"],
                language=get_language() or "ar",
                user=user,
            )
            return redirect("csofunding:alerts_done")
    else:
        form = AlertSubscriptionForm(user=user)
    my_alerts = (
        AlertSubscription.objects.filter(user=user).prefetch_related("sectors", "regions")
        if user
        else []
    )
    return render(
        request, "csofunding/alerts_subscribe.html", {"form": form, "my_alerts": my_alerts}
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
    services.confirm_subscription(sub)
    return render(request, "csofunding/alerts_confirmed.html", {"subscription": sub})


@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request, token):
    sub = _subscription(token)
    if request.method == "POST":
        services.unsubscribe(sub)
        messages.success(request, _("You will receive no more alerts at this address."))
        return redirect("csofunding:index")
    return render(request, "csofunding/alerts_unsubscribe.html", {"subscription": sub})
