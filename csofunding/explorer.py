"""Totals, facet counts and distributions of the awards explorer.

Every figure is computed on the filtered awards (one row per award, however many
regions it benefits). An award's amount is shared equally between its beneficiary
regions on the map, so the regions add up to the national total.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from ogp_portal.directory.models import Administration, Region

from .filters import AwardFilter
from .models import AMOUNT_BANDS, Award, Sector, band_q

ZERO = Decimal("0")


def _unique(queryset):
    """The same awards without the row repetition a many-to-many filter may cause."""
    return Award.objects.filter(pk__in=queryset.values("pk"))


def totals(queryset) -> dict:
    awards = _unique(queryset)
    figures = awards.aggregate(
        amount=Sum("amount"), in_kind=Sum("in_kind_value"), count=Count("pk")
    )
    return {
        "amount": figures["amount"] or ZERO,
        "in_kind": figures["in_kind"] or ZERO,
        "count": figures["count"],
        "associations": awards.values("association").distinct().count(),
    }


def _without(data, name):
    data = data.copy()
    data.pop(name, None)
    data.pop("page", None)
    return data


def facets(data, base_queryset) -> dict:
    """For each facet, the values with how many awards match the *other* filters and that value."""

    def others(name):
        return _unique(AwardFilter(_without(data, name), queryset=base_queryset).qs)

    result = {}
    counts = dict(
        others("funder").order_by().values_list("funder").annotate(n=Count("pk", distinct=True))
    )
    funders = Administration.objects.filter(pk__in=counts).only("pk", "slug", "name")
    result["funder"] = sorted(
        ({"value": f.slug, "label": f.name, "count": counts[f.pk]} for f in funders),
        key=lambda item: -item["count"],
    )
    counts = dict(others("sector").order_by().values_list("sector").annotate(n=Count("pk")))
    result["sector"] = [
        {"value": s.code, "label": s.name, "count": counts[s.pk]}
        for s in Sector.objects.filter(pk__in=counts)
    ]
    counts = dict(
        others("region")
        .order_by()
        .values_list("beneficiary_regions")
        .annotate(n=Count("pk", distinct=True))
    )
    result["region"] = [
        {"value": r.code, "label": r.name, "count": counts[r.pk]}
        for r in Region.objects.filter(pk__in=[k for k in counts if k])
    ]
    counts = dict(others("year").order_by().values_list("awarded_on__year").annotate(n=Count("pk")))
    result["year"] = [
        {"value": str(year), "label": str(year), "count": counts[year]}
        for year in sorted(counts, reverse=True)
    ]
    band_base = others("band")
    result["band"] = []
    for key, label, _low, _high in AMOUNT_BANDS:
        n = band_base.filter(band_q(key)).count()
        if n:
            result["band"].append({"value": key, "label": label, "count": n})
    return result


def amount_by_region(queryset) -> dict[str, Decimal]:
    """Region code -> MAD, each award shared equally between its beneficiary regions."""
    pairs = list(
        Award.beneficiary_regions.through.objects.filter(
            award_id__in=_unique(queryset).values("pk")
        ).values_list("award_id", "region__code", "award__amount")
    )
    shares = defaultdict(int)
    for award_id, _code, _amount in pairs:
        shares[award_id] += 1
    totals_by_region: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for award_id, code, amount in pairs:
        totals_by_region[code] += amount / shares[award_id]
    return {code: value.quantize(Decimal("0.01")) for code, value in totals_by_region.items()}


def per_inhabitant(amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    """MAD per inhabitant (2024 census) of each region with a population."""
    result = {}
    for code, population in Region.objects.values_list("code", "population_2024"):
        if population:
            result[code] = (amounts.get(code, ZERO) / population).quantize(Decimal("0.01"))
    return result


def by_sector(queryset):
    rows = _unique(queryset).order_by().values("sector").annotate(total=Sum("amount"))
    names = {s.pk: s.name for s in Sector.objects.all()}
    data = [(names.get(r["sector"], "?"), r["total"]) for r in rows]
    return sorted(data, key=lambda pair: -pair[1])


def by_funder(queryset, limit: int = 10):
    rows = list(
        _unique(queryset)
        .order_by()
        .values("funder")
        .annotate(total=Sum("amount"))
        .order_by("-total")
    )
    names = {
        a.pk: a.name for a in Administration.objects.filter(pk__in=[r["funder"] for r in rows])
    }
    return [(names[r["funder"]], r["total"]) for r in rows[:limit]]


def by_funder_kind(queryset):
    rows = _unique(queryset).order_by().values("funder__kind").annotate(total=Sum("amount"))
    labels = dict(Administration.Kind.choices)
    return sorted(
        (
            (str(labels.get(r["funder__kind"], r["funder__kind"])).capitalize(), r["total"])
            for r in rows
        ),
        key=lambda pair: -pair[1],
    )


def by_year(queryset):
    rows = _unique(queryset).order_by().values("awarded_on__year").annotate(total=Sum("amount"))
    return sorted((str(r["awarded_on__year"]), r["total"]) for r in rows)


FACET_TITLES = {
    "funder": _("Funder"),
    "sector": _("Sector"),
    "region": _("Region"),
    "year": _("Year"),
    "band": _("Amount"),
}
