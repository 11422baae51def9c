"""Public pages of the directory: administrations and territories.

Contact email and phone of an administration are never shown or exported here
(Law 09-08 rule of the portal: public pages carry no personal contact data).
"""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, render

from ogp_portal.core.exports import csv_response
from ogp_portal.core.registry import administration_panels

from .filters import AdministrationFilter
from .imports import COLUMNS, export_rows
from .models import Administration, Region

PAGE_SIZE = 25
KIND_LABELS = dict(Administration.Kind.choices)


def _kind_order():
    return Case(
        *(When(kind=value, then=Value(i)) for i, value in enumerate(Administration.Kind.values)),
        default=Value(len(Administration.Kind.values)),
        output_field=IntegerField(),
    )


def _kind_counts(request) -> list[dict]:
    """How many administrations of each kind match the other filters (for the kind facets)."""
    data = request.GET.copy()
    data.pop("kind", None)
    data.pop("page", None)
    filterset = AdministrationFilter(data, queryset=Administration.objects.active())
    counts = dict(filterset.qs.order_by().values_list("kind").annotate(n=Count("id")))
    return [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in Administration.Kind.choices
        if counts.get(value)
    ]


def administration_list(request):
    filterset = AdministrationFilter(
        request.GET or None, queryset=Administration.objects.active().select_related("region")
    )
    administrations = filterset.qs.annotate(kind_order=_kind_order())
    ranked = "search_rank" in administrations.query.annotations
    administrations = administrations.order_by(
        "kind_order", *(["-search_rank"] if ranked else []), "name", "pk"
    )

    if request.GET.get("format") == "csv":
        return csv_response("administrations.csv", COLUMNS, export_rows(administrations))

    page = Paginator(administrations, PAGE_SIZE).get_page(request.GET.get("page"))
    groups = [
        {"kind": kind, "label": KIND_LABELS.get(kind, kind), "administrations": list(items)}
        for kind, items in groupby(page.object_list, key=lambda a: a.kind)
    ]
    return render(
        request,
        "directory/administration_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "groups": groups,
            "kind_counts": _kind_counts(request),
            "query": request.GET.get("q", ""),
            "kinds": Administration.Kind.choices,
            "regions": Region.objects.ordered_by_name(),
        },
    )


def administration_detail(request, slug):
    administration = get_object_or_404(
        Administration.objects.active().select_related("parent", "region", "province", "commune"),
        slug=slug,
    )
    parent = (
        administration.parent if administration.parent and administration.parent.is_active else None
    )
    children = administration.children.active().order_by("name")
    return render(
        request,
        "directory/administration_detail.html",
        {
            "administration": administration,
            "parent": parent,
            "children": children,
            # What each area says about this body (requests scorecard, ...), via the registry.
            "panels": administration_panels(administration),
        },
    )


def region_list(request):
    regions = Region.objects.annotate(
        provinces_count=Count("provinces", distinct=True),
        communes_count=Count("provinces__communes", distinct=True),
    ).order_by("code")
    population = {region.code: region.population_2024 for region in regions}
    return render(
        request, "directory/region_list.html", {"regions": regions, "population": population}
    )


def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    provinces = region.provinces.annotate(communes_count=Count("communes")).order_by("code")
    administrations = region.administrations.active().order_by("name")[:20]
    return render(
        request,
        "directory/region_detail.html",
        {
            "region": region,
            "provinces": provinces,
            "communes_total": sum(p.communes_count for p in provinces),
            "administrations": administrations,
        },
    )
