"""Public pages of the directory: administrations and territories.

Contact email and phone of an administration are never shown or exported here
(Law 09-08 rule of the portal: public pages carry no personal contact data).
"""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, render

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import csv_response
from ogp_portal.core.registry import administration_panels

from . import comparison
from .filters import AdministrationFilter
from .imports import COLUMNS, export_rows
from .models import TERRITORIAL_KINDS, Administration, Region

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


@anonymous_page_cache
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


@anonymous_page_cache
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


COMPARE_PAGE_SIZE = 100


@anonymous_page_cache
def administration_compare(request):
    """Administrations of one kind side by side: one or two key figures of every app."""
    kind = request.GET.get("kind", "")
    if kind not in Administration.Kind.values:
        kind = Administration.Kind.MINISTRY
    region = request.GET.get("region", "")
    if region and not Region.objects.filter(code=region).exists():
        region = ""
    sort = request.GET.get("sort", comparison.NAME)
    descending = request.GET.get("dir", "") == "desc"
    table = comparison.compare(kind, region=region, sort=sort, descending=descending)

    if request.GET.get("format") == "csv":
        headers, rows = comparison.csv_table(table)
        return csv_response(f"administrations-{kind}-compared.csv", headers, rows)

    page = Paginator(table.rows, COMPARE_PAGE_SIZE).get_page(request.GET.get("page"))
    kind_counts = dict(
        Administration.objects.active().order_by().values_list("kind").annotate(n=Count("id"))
    )
    firsts = [
        i == 0 or table.columns[i - 1].panel is not column.panel
        for i, column in enumerate(table.columns)
    ]
    headers = [
        {
            "column": column,
            "first": first,
            "sorted": table.sort == column.id,
            # A figure is first sorted highest first; a second click reverses.
            "next_dir": "asc" if table.sort == column.id and table.descending else "desc",
        }
        for column, first in zip(table.columns, firsts, strict=True)
    ]
    units = [column.column.unit for column in table.columns]
    rows = [
        {
            "administration": row.administration,
            "cells": list(zip(row.values, units, firsts, strict=True)),
        }
        for row in page.object_list
    ]
    return render(
        request,
        "directory/administration_compare.html",
        {
            "table": table,
            "rows": rows,
            "page_obj": page,
            "headers": headers,
            "kind": kind,
            "kind_label": KIND_LABELS[kind],
            "territorial": kind in TERRITORIAL_KINDS,
            "kinds": [
                {"value": value, "label": label, "count": kind_counts[value]}
                for value, label in Administration.Kind.choices
                if kind_counts.get(value)
            ],
            "region": region,
            "regions": Region.objects.ordered_by_name(),
            "name_sorted": table.sort == comparison.NAME,
            "name_next_dir": "desc"
            if table.sort == comparison.NAME and not table.descending
            else "asc",
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
