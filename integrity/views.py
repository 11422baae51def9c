"""Public pages of the integrity initiatives bank: faceted list, initiative page and its
documents (downloads), statistics."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import export_response
from ogp_portal.core.filtering import filter_errors, invalid_filters_response, retry_url
from ogp_portal.core.registry import areas
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration, Region

from .exports import COLUMNS, export_rows, json_rows
from .filters import SORT_CHOICES, InitiativeFilter
from .models import ChallengeType, Initiative, InitiativeDocument, Sector, Theme

PAGE_SIZE = 20
EXPORT_FORMATS = ("csv", "xlsx", "json")


def _public():
    return Initiative.objects.public()


def _list_queryset():
    return _public().select_related("lead_administration", "sector", "theme", "challenge_type")


# --- facets ---------------------------------------------------------------


def _facet_specs():
    """name -> (path of the counted value, [(value, label)] in display order)."""
    return {
        "sector": ("sector__slug", [(s.slug, s.name) for s in Sector.objects.all()]),
        "theme": ("theme__slug", [(t.slug, t.name) for t in Theme.objects.all()]),
        "challenge": (
            "challenge_type__slug",
            [(c.slug, c.name) for c in ChallengeType.objects.all()],
        ),
        "status": ("status", list(Initiative.Status.choices)),
        "scope": ("scope", list(Initiative.Scope.choices)),
        "region": ("regions__code", [(r.code, r.name) for r in Region.objects.order_by("code")]),
    }


def _url_with(data, name: str, value) -> str:
    """The list's query string with one facet set (or cleared), back on the first page."""
    query = data.copy()
    for key in ("page", "format"):
        query.pop(key, None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = value
    return f"?{query.urlencode()}"


def facet_counts(data) -> list[dict]:
    """For each facet, how many public initiatives each value would give, the other filters kept.

    Values with no initiative are left out, except the selected one.
    """
    facets = []
    for name, (path, choices) in _facet_specs().items():
        others = data.copy()
        for key in (name, "page", "sort", "format"):
            others.pop(key, None)
        matching = InitiativeFilter(others, queryset=_public()).qs
        counts = dict(
            Initiative.objects.filter(pk__in=matching.values("pk"))
            .order_by()
            .values_list(path)
            .annotate(n=Count("pk", distinct=True))
            .values_list(path, "n")
        )
        selected = data.get(name, "")
        values = [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "selected": value == selected,
                "url": _url_with(data, name, value),
            }
            for value, label in choices
            if counts.get(value) or value == selected
        ]
        facets.append(
            {
                "name": name,
                "label": InitiativeFilter.base_filters[name].label,
                "values": values,
                "selected": selected,
                "clear_url": _url_with(data, name, None),
            }
        )
    return facets


# --- pages ------------------------------------------------------------------


@anonymous_page_cache
def index(request):
    filterset = InitiativeFilter(request.GET or None, queryset=_list_queryset())
    errors = filter_errors(filterset)

    fmt = request.GET.get("format")
    if fmt:
        if fmt not in EXPORT_FORMATS:
            return HttpResponseBadRequest(_("Unknown format: use csv, xlsx or json."))
        if errors:
            return invalid_filters_response(errors)
        return export(filterset.qs, fmt)

    if errors:
        # Nothing listed rather than everything: the page says which filters to correct.
        initiatives, facets = Initiative.objects.none(), []
    else:
        initiatives, facets = filterset.qs, facet_counts(request.GET)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    active_filters = [
        {"label": option["label"], "clear_url": facet["clear_url"]}
        for facet in facets
        for option in facet["values"]
        if option["selected"]
    ]
    return render(
        request,
        "integrity/index.html",
        {
            "filter": filterset,
            "filter_errors": errors,
            "filter_retry_url": retry_url(request, errors),
            "page_obj": page,
            "facets": facets,
            "active_filters": active_filters,
            "query": request.GET.get("q", ""),
            "sort": request.GET.get("sort", ""),
            "sort_choices": SORT_CHOICES,
            "total": _public().count(),
            "area": next(a for a in areas() if a.key == "integrity"),
        },
    )


def export(initiatives, fmt: str):
    stamp = timezone.localdate().isoformat()
    initiatives = initiatives.prefetch_related("regions", "partner_administrations", "indicators")
    if fmt == "json":
        response = JsonResponse(
            {"count": len(initiatives), "results": json_rows(initiatives)},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = (
            f'attachment; filename="integrity-initiatives-{stamp}.json"'
        )
        return response
    return export_response(
        fmt,
        f"integrity-initiatives-{stamp}.{fmt}",
        COLUMNS(),
        export_rows(initiatives),
        **({"rtl": get_language_bidi(), "sheet_title": "initiatives"} if fmt == "xlsx" else {}),
    )


@anonymous_page_cache
def initiative_detail(request, pk):
    initiative = get_object_or_404(
        _list_queryset().prefetch_related(
            "indicators",
            "documents",
            "links",
            "regions",
            Prefetch(
                "partner_administrations",
                queryset=Administration.objects.active().order_by("name"),
            ),
        ),
        pk=pk,
    )
    related = (
        Initiative.objects.related_to(initiative)
        .select_related("lead_administration", "sector", "challenge_type")
        .annotate(
            affinity=Count("pk", filter=Q(challenge_type_id=initiative.challenge_type_id))
            + Count("pk", filter=Q(sector_id=initiative.sector_id))
        )
        .order_by("-affinity", "-published_at")[:4]
    )
    return render(
        request,
        "integrity/initiative_detail.html",
        {"initiative": initiative, "related": related},
    )


def initiative_document(request, pk, document_pk):
    """A document of a published initiative, as a download (404 for any other)."""
    document = get_object_or_404(
        InitiativeDocument.objects.filter(initiative__in=_public()).exclude(file=""),
        initiative_id=pk,
        pk=document_pk,
    )
    return attachment_response(document.file, download_name=document.title)


def _counts(path: str, labels: dict) -> list[tuple[str, int]]:
    counts = (
        _public().order_by().values_list(path).annotate(n=Count("pk", distinct=True)).order_by("-n")
    )
    return [(labels[value], n) for value, n in counts if value in labels]


@anonymous_page_cache
def statistics(request):
    sectors = {s.pk: s.name for s in Sector.objects.all()}
    themes = {t.pk: t.name for t in Theme.objects.all()}
    challenges = {c.pk: c.name for c in ChallengeType.objects.all()}
    regions = {r.code: r.name for r in Region.objects.all()}
    by_region_code = dict(
        _public()
        .filter(scope=Initiative.Scope.REGIONAL)
        .order_by()
        .values_list("regions__code")
        .annotate(n=Count("pk", distinct=True))
    )
    by_region_code.pop(None, None)
    by_status = dict(_public().order_by().values_list("status").annotate(n=Count("pk")))
    return render(
        request,
        "integrity/statistics.html",
        {
            "total": _public().count(),
            "national": _public().filter(scope=Initiative.Scope.NATIONAL).count(),
            "by_sector": _counts("sector", sectors),
            "by_theme": _counts("theme", themes),
            "by_challenge": _counts("challenge_type", challenges),
            "by_status": [
                (capfirst(label), by_status.get(value, 0))
                for value, label in Initiative.Status.choices
            ],
            "by_region": sorted(
                ((regions.get(code, code), n) for code, n in by_region_code.items()),
                key=lambda row: -row[1],
            ),
            "region_values": {code: by_region_code.get(code, 0) for code in regions},
            "administrations": Administration.objects.filter(
                integrity_initiatives__state=Initiative.State.PUBLISHED
            )
            .annotate(
                n=Count(
                    "integrity_initiatives",
                    filter=Q(integrity_initiatives__state=Initiative.State.PUBLISHED),
                )
            )
            .order_by("-n", "name")[:10],
        },
    )
