"""Totals, facet counts and distributions of the awards explorer.

Every figure is computed on the filtered awards (one row per award, however many
regions it benefits). An award's amount is shared equally between its beneficiary
regions on the map, so the regions add up to the national total.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from ogp_portal.directory.models import Administration, Region

from .filters import AwardFilter
from .models import AMOUNT_BANDS, Award, Sector, band_q

ZERO = Decimal("0")


def _unique(queryset):
    """The same awards without the row repetition a many-to-many filter may cause."""
    return Award.objects.filter(pk__in=queryset.values("pk"))


unique = _unique


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
            award_id__in=queryset.order_by().values("pk")
        ).values_list("award_id", "region__code", "award__amount")
    )
    shares = defaultdict(int)
    for award_id, _code, _amount in pairs:
        shares[award_id] += 1
    totals_by_region: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for award_id, code, amount in pairs:
        n = shares[award_id]
        totals_by_region[code] += amount if n == 1 else amount / n
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


FACETS = ("funder", "sector", "region", "year", "band")


def _band_sql():
    """CASE over the amount (column `a.amount`) giving the band key, and its parameters."""
    whens, params = [], []
    for key, _label, low, high in AMOUNT_BANDS:
        tests = []
        if low is not None:
            tests.append("a.amount >= %s")
            params.append(low)
        if high is not None:
            tests.append("a.amount < %s")
            params.append(high)
        whens.append(f"WHEN {' AND '.join(tests) or '1 = 1'} THEN %s")
        params.append(key)
    return f"CASE {' '.join(whens)} ELSE '' END", params


def _decimal(value, scale=100) -> Decimal:
    if value is None:
        return ZERO
    if not isinstance(value, Decimal):
        value = Decimal(round(value))
    return value / scale


CUBE_VERSION_KEY = "csofunding:explorer-cube-version"
# Bulk inserts and queryset updates send no signal: a cached cube lives 5 minutes at most.
CUBE_TTL = 300


def bump_cube_version(**_kwargs) -> None:
    """Forget the cached cubes (connected to Award saves, deletions and region changes)."""

    def bump():
        try:
            cache.incr(CUBE_VERSION_KEY)
        except ValueError:
            cache.set(CUBE_VERSION_KEY, 1, None)

    bump()
    # Again after the commit: a request reading the database before it cached the old data.
    transaction.on_commit(bump)


def _prepare(cubes):
    """The cube folded twice, so that a request only walks small lists:
    `flat`, over the regions (amounts weighted by 1/n: each award counted once), and
    `regional`, over the numbers of regions (each award whole in each of its regions, with
    its weighted share of amount for the map). Rows are (region, funder, sector, year, band,
    count, amount, in-kind[, shared amount]).

    A third list, `pairs`, carries the map when a region is chosen: for awards of several
    regions, (region, other region, funder, sector, year, band, share of the amount that
    goes to the other region)."""
    cube, pair_rows = cubes
    flat: dict = defaultdict(lambda: [ZERO, ZERO, ZERO])
    regional: dict = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    for region, n, funder, sector, year, band, count, amount, in_kind in cube:
        item = flat[(None, funder, sector, year, band)]
        item[0] += Decimal(count) / n
        item[1] += amount / n
        item[2] += in_kind / n
        if region is not None:
            item = regional[(region, funder, sector, year, band)]
            item[0] += count
            item[1] += amount
            item[2] += in_kind
            item[3] += amount / n
    pairs: dict = defaultdict(lambda: ZERO)
    for region, other, n, funder, sector, year, band, amount in pair_rows:
        pairs[(region, other, funder, sector, year, band)] += amount / n
    return (
        [(*key, *values) for key, values in flat.items()],
        [(*key, *values) for key, values in regional.items()],
        [(*key, value) for key, value in pairs.items()],
    )


def _cached_cube(data, base_queryset, cache_key):
    """The cube of `base_queryset` (the published awards), cached when no filter other than
    the five facets applies (the facets are applied in Python, so one cube serves them all)."""
    others = {k: v for k, v in data.items() if k not in FACETS and k not in ("page", "format")}
    if not cache_key or any(others.values()):
        return _prepare(_cube(data, base_queryset))
    version = cache.get(CUBE_VERSION_KEY, 0)
    key = f"csofunding:explorer-cube2:{connection.settings_dict['NAME']}:{cache_key}:{version}"
    cube = cache.get(key)
    if cube is None:
        cube = _prepare(_cube(data, base_queryset))
        cache.set(key, cube, CUBE_TTL)
    return cube


def _cube(data, base_queryset):
    """One grouped query: (region, number of regions, funder, sector, year, band) -> count,
    amount, in-kind, over the awards matching every filter except the five facets.

    An award benefiting n regions gives n rows, each weighing 1/n; an award without a region
    gives one row (region None, weight 1). Raw SQL, because the number of regions of each
    award comes from a grouped derived table (a correlated subquery per row is slow).
    """
    others = {k: v for k, v in data.items() if k not in FACETS and k not in ("page", "format")}
    awards = base_queryset
    if any(others.values()):
        awards = _unique(AwardFilter(others, queryset=base_queryset).qs)
    inner_sql, inner_params = (
        awards.order_by()
        .values("id", "funder_id", "sector_id", "awarded_on", "amount", "in_kind_value")
        .query.sql_with_params()
    )
    through = Award.beneficiary_regions.through._meta.db_table
    if connection.vendor == "postgresql":
        year = "EXTRACT(YEAR FROM a.awarded_on)"
    else:
        year = "substr(a.awarded_on, 1, 4)"
    band, band_params = _band_sql()
    # Table names come from the models, values are parameters.
    sql = f"""
        SELECT t.region_id, COALESCE(c.n, 1), a.funder_id, a.sector_id, {year}, {band},
               COUNT(*), SUM(a.amount * 100), SUM(a.in_kind_value * 100)
        FROM ({inner_sql}) a
        LEFT JOIN {through} t ON t.award_id = a.id
        LEFT JOIN (
            SELECT award_id, COUNT(*) AS n FROM {through} GROUP BY award_id HAVING COUNT(*) > 1
        ) c ON c.award_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6
    """  # noqa: S608
    # Awards of several regions, once per (region, other region): what the map shows
    # outside a chosen region.
    pairs_sql = f"""
        SELECT t.region_id, o.region_id, c.n, a.funder_id, a.sector_id, {year}, {band},
               SUM(a.amount * 100)
        FROM ({inner_sql}) a
        JOIN (
            SELECT award_id, COUNT(*) AS n FROM {through} GROUP BY award_id HAVING COUNT(*) > 1
        ) c ON c.award_id = a.id
        JOIN {through} t ON t.award_id = a.id
        JOIN {through} o ON o.award_id = a.id AND o.region_id <> t.region_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*band_params, *inner_params])
        rows = cursor.fetchall()
        cursor.execute(pairs_sql, [*band_params, *inner_params])
        pair_rows = cursor.fetchall()
    pairs = [
        (region, other, int(n), funder, sector, int(year), band_key, _decimal(amount))
        for region, other, n, funder, sector, year, band_key, amount in pair_rows
    ]
    return [
        (
            region,
            max(int(n), 1),
            funder,
            sector,
            int(year),
            band_key,
            count,
            _decimal(amount),
            _decimal(in_kind),
        )
        for region, n, funder, sector, year, band_key, count, amount, in_kind in rows
    ], pairs


def _selection(data, base_queryset) -> dict:
    """The valid facet values of `data` as keys of the cube (invalid values are ignored,
    as the filter set does)."""
    filterset = AwardFilter(data, queryset=base_queryset)
    filterset.is_valid()
    cleaned = getattr(filterset.form, "cleaned_data", {})
    chosen = {}
    for name in ("funder", "sector", "region"):
        if cleaned.get(name) is not None:
            chosen[name] = cleaned[name].pk
    if cleaned.get("year") is not None:
        chosen["year"] = int(cleaned["year"])
    if cleaned.get("band"):
        chosen["band"] = cleaned["band"]
    return chosen


KEY_INDEX = {"region": 0, "funder": 1, "sector": 2, "year": 3, "band": 4}


def summary(data, base_queryset, cache_key: str = "") -> dict:
    """Everything the explorer shows, from one grouped query and one distinct count:
    totals, facets (each counted on the *other* filters), the map's amounts by region
    (shared equally), and the charts by sector, funder, kind of funder and year.

    The same figures as totals(), facets(), amount_by_region(), by_sector(), by_funder(),
    by_funder_kind() and by_year() on AwardFilter(data).qs, much faster on many awards.
    With a `cache_key` naming `base_queryset` (the same key, the same awards), the grouped
    query is cached until an award changes (see bump_cube_version) or CUBE_TTL passes.
    """
    flat, regional, pairs = _cached_cube(data, base_queryset, cache_key)
    chosen = _selection(data, base_queryset)
    region = chosen.get("region")

    def matching(skip=None):
        """Rows matching the chosen facets except `skip` (region, funder, sector, year,
        band, count, amount, in-kind): each award once."""
        tests = [
            (KEY_INDEX[name], value)
            for name, value in chosen.items()
            if name not in (skip, "region")
        ]
        if region is not None and skip != "region":
            # Rows of the chosen region: each award once, whole.
            rows = (row for row in regional if row[0] == region)
        else:
            rows = flat
        for row in rows:
            if all(row[index] == value for index, value in tests):
                yield row

    def counted(skip, index):
        counts = defaultdict(Decimal)
        for row in matching(skip):
            counts[row[index]] += row[5]
        return {k: int(v.to_integral_value()) for k, v in counts.items() if v}

    totals_ = {"amount": ZERO, "in_kind": ZERO, "count": ZERO}
    sums = {name: defaultdict(Decimal) for name in ("sector", "funder", "year")}
    for row in matching():
        totals_["count"] += row[5]
        totals_["amount"] += row[6]
        totals_["in_kind"] += row[7]
        sums["funder"][row[1]] += row[6]
        sums["sector"][row[2]] += row[6]
        sums["year"][row[3]] += row[6]
    filtered = AwardFilter(data, queryset=base_queryset).qs
    # DISTINCT on the association: rows repeated by a region join do not matter.
    associations = filtered.order_by().values("association").distinct().count()
    totals_ = {
        "amount": _money(totals_["amount"]),
        "in_kind": _money(totals_["in_kind"]),
        "count": int(totals_["count"].to_integral_value()),
        "associations": associations,
    }

    # The map: every region's share of the awards matching all the filters but the region.
    by_region_pk: dict = defaultdict(Decimal)
    region_counts: dict = defaultdict(int)
    tests = [(KEY_INDEX[name], value) for name, value in chosen.items() if name != "region"]
    for row in regional:
        if all(row[index] == value for index, value in tests):
            by_region_pk[row[0]] += row[8]
            region_counts[row[0]] += row[5]
    regions = {r.pk: r for r in Region.objects.all()}
    if region is not None:
        # The awards of the chosen region: its own share of each, and the shares of the
        # other regions those awards also benefit.
        shares: dict = defaultdict(Decimal)
        for row in regional:
            if row[0] == region and all(row[index] == value for index, value in tests):
                shares[region] += row[8]
        for row in pairs:
            if row[0] == region and all(row[index + 1] == value for index, value in tests):
                shares[row[1]] += row[6]
        amounts = {regions[pk].code: _money(v) for pk, v in shares.items() if pk in regions and v}
    else:
        amounts = {
            regions[pk].code: _money(value) for pk, value in by_region_pk.items() if pk in regions
        }

    facet_counts = {
        "funder": counted("funder", 1),
        "sector": counted("sector", 2),
        "year": counted("year", 3),
        "band": counted("band", 4),
    }
    result_facets = {}
    funders = Administration.objects.filter(
        pk__in=set(facet_counts["funder"]) | set(sums["funder"])
    ).only("pk", "slug", "name", "name_ar", "name_fr", "name_en", "kind")
    funders = {f.pk: f for f in funders}
    result_facets["funder"] = sorted(
        (
            {"value": f.slug, "label": f.name, "count": facet_counts["funder"][f.pk]}
            for f in sorted(funders.values(), key=lambda f: (f.kind, f.name))
            if f.pk in facet_counts["funder"]
        ),
        key=lambda item: -item["count"],
    )
    sectors = list(Sector.objects.all())
    result_facets["sector"] = [
        {"value": s.code, "label": s.name, "count": facet_counts["sector"][s.pk]}
        for s in sectors
        if s.pk in facet_counts["sector"]
    ]
    result_facets["region"] = [
        {"value": r.code, "label": r.name, "count": region_counts[r.pk]}
        for r in sorted(regions.values(), key=lambda r: r.code)
        if region_counts.get(r.pk)
    ]
    result_facets["year"] = [
        {"value": str(y), "label": str(y), "count": facet_counts["year"][y]}
        for y in sorted(facet_counts["year"], reverse=True)
    ]
    result_facets["band"] = [
        {"value": key, "label": label, "count": facet_counts["band"][key]}
        for key, label, _low, _high in AMOUNT_BANDS
        if facet_counts["band"].get(key)
    ]
    sector_names = {s.pk: s.name for s in sectors}
    funder_rows = sorted(
        ((pk, _money(v)) for pk, v in sums["funder"].items() if v), key=lambda p: -p[1]
    )
    kind_labels = dict(Administration.Kind.choices)
    kinds: dict = defaultdict(Decimal)
    for pk, value in funder_rows:
        kinds[funders[pk].kind] += value
    return {
        "totals": totals_,
        "facets": result_facets,
        "amount_by_region": amounts,
        "by_sector": sorted(
            ((sector_names.get(pk, "?"), _money(v)) for pk, v in sums["sector"].items() if v),
            key=lambda pair: -pair[1],
        ),
        "by_funder": [(funders[pk].name, value) for pk, value in funder_rows[:10]],
        "by_funder_kind": sorted(
            (
                (str(kind_labels.get(kind, kind)).capitalize(), value)
                for kind, value in kinds.items()
            ),
            key=lambda pair: -pair[1],
        ),
        "by_year": sorted((str(y), _money(v)) for y, v in sums["year"].items() if v),
    }


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
