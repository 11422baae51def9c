"""Statistics snapshots: what the dashboards, the CSV/XLSX and the home card read.

compute_snapshot() asks the database for the aggregates, one GROUP BY per dimension (overall,
administration, category, region, channel, kind, month, and per administration by month,
region and channel for the staff drill-down), and writes one AnalyticsSnapshot with a
SnapshotRow per group, then the topics (complaints.topics) as SnapshotTopic rows.

Medians and 90th percentiles are PostgreSQL's percentile_cont (linear interpolation between
ranks); on SQLite (make run, tests) the same query calls an aggregate of the same definition
registered on the connection, so both databases give the same figures. Groups under MIN_CELL
complaints are stored but never shown publicly (suppress()).
"""

import math
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Aggregate, Avg, Count, F, FloatField, Func, IntegerField, Max, Min, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone, translation

from ogp_portal.directory.models import Administration, Region

from .models import AnalyticsSnapshot, Category, Complaint, ComplaintPolicy, SnapshotRow

MIN_CELL = 5
LANGUAGES = ("ar", "fr", "en")
Dim = SnapshotRow.Dimension

# The staff drill-down dimensions (administration × something): not on the public page.
DRILL_DOWN = (Dim.ADMINISTRATION_MONTH, Dim.ADMINISTRATION_REGION, Dim.ADMINISTRATION_CHANNEL)

# dimension -> the grouped columns (annotations "month" included)
GROUPINGS = {
    Dim.OVERALL: (),
    Dim.ADMINISTRATION: ("administration_id",),
    Dim.CATEGORY: ("category_id",),
    Dim.REGION: ("region_id",),
    Dim.CHANNEL: ("channel",),
    Dim.KIND: ("kind",),
    Dim.MONTH: ("month",),
    Dim.ADMINISTRATION_MONTH: ("administration_id", "month"),
    Dim.ADMINISTRATION_REGION: ("administration_id", "region_id"),
    Dim.ADMINISTRATION_CHANNEL: ("administration_id", "channel"),
}


def _interpolate(ordered: list[float], fraction: float) -> float | None:
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (percentile_cont), rounded to 0.1."""
    value = _interpolate(sorted(values), fraction)
    return None if value is None else round(value, 1)


class _SqlitePercentileCont:
    """percentile_cont for SQLite: ogp_percentile_cont(value, fraction), NULLs ignored."""

    def __init__(self):
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction):
        if value is not None:
            # julianday() differences carry ~1e-9 day of float noise: round it away.
            self.values.append(round(value, 6))
            self.fraction = fraction

    def finalize(self):
        return _interpolate(sorted(self.values), self.fraction)


def _prepare_connection() -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_aggregate("ogp_percentile_cont", 2, _SqlitePercentileCont)


class PercentileCont(Aggregate):
    """percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="ogp_percentile_cont",
            template="%(function)s(%(expressions)s, %(fraction)s)",
            **extra_context,
        )


class DaysBetween(Func):
    """(end - start) in days, as a float; NULL when either is NULL."""

    output_field = FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        sql = f"(EXTRACT(EPOCH FROM ({end[0]} - {start[0]})) / 86400.0)::double precision"
        return sql, (*end[1], *start[1])

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        return f"(julianday({end[0]}) - julianday({start[0]}))", (*end[1], *start[1])


class DateDiff(Func):
    """end_date - start_date in whole days (two date expressions)."""

    output_field = IntegerField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        return f"({end[0]} - {start[0]})", (*end[1], *start[1])

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(e) for e in self.source_expressions)
        sql = f"CAST(julianday({end[0]}) - julianday({start[0]}) AS INTEGER)"
        return sql, (*end[1], *start[1])


def _aggregates(answer_days: int) -> dict:
    to_forward = DaysBetween(F("forwarded_at"), F("received_at"))
    to_answer = DaysBetween(F("first_answered_at"), F("received_at"))
    return {
        "received": Count("pk"),
        "forwarded": Count("forwarded_at"),
        "answered": Count("first_answered_at"),
        # First answer on or before the local date of receipt + answer_days.
        "answered_on_time": Count("pk", filter=Q(answer_delay__lte=answer_days)),
        "positive": Count("pk", filter=Q(answer_outcome="positive")),
        "rejected": Count("pk", filter=Q(status=Complaint.Status.REJECTED)),
        "reopened": Count("pk", filter=Q(reopened_count__gt=0)),
        "rated": Count("rating"),
        "resolved": Count("pk", filter=Q(rating__isnull=False, resolved=True)),
        "rating_avg": Avg("rating"),
        "days_to_forward_median": PercentileCont(to_forward, 0.5),
        "days_to_forward_p90": PercentileCont(to_forward, 0.9),
        "days_to_answer_median": PercentileCont(to_answer, 0.5),
        "days_to_answer_p90": PercentileCont(to_answer, 0.9),
    }


COUNTS = (
    "received",
    "forwarded",
    "answered",
    "answered_on_time",
    "positive",
    "rejected",
    "reopened",
    "rated",
    "resolved",
)
DAYS = (
    "days_to_forward_median",
    "days_to_forward_p90",
    "days_to_answer_median",
    "days_to_answer_p90",
)


def _per_row(queryset):
    """The per-complaint expressions both paths group: local month, delays in days."""
    return queryset.order_by().annotate(
        month=TruncMonth("received_at"),
        answer_delay=DateDiff(TruncDate("first_answered_at"), TruncDate("received_at")),
    )


def aggregate(queryset, dimension: str, answer_days: int) -> list[dict]:
    """One GROUP BY: a dict per group with the grouped columns and the figures (any database)."""
    fields = GROUPINGS[dimension]
    queryset = _per_row(queryset)
    aggregates = _aggregates(answer_days)
    if not fields:
        result = queryset.aggregate(**aggregates, first=Min("received_at"), last=Max("received_at"))
        return [result] if result["received"] else []
    groups = queryset.filter(**{f"{f}__isnull": False for f in fields if f.endswith("_id")})
    return list(groups.values(*fields).annotate(**aggregates).order_by())


GROUP_COLUMNS = ("administration_id", "category_id", "region_id", "channel", "kind", "month")

GROUPING_SETS_SQL = """
SELECT GROUPING({columns}) AS grouping_mask, {columns},
       count(*) AS received,
       count(forwarded_at) AS forwarded,
       count(first_answered_at) AS answered,
       count(*) FILTER (WHERE answer_delay <= %s) AS answered_on_time,
       count(*) FILTER (WHERE answer_outcome = 'positive') AS positive,
       count(*) FILTER (WHERE status = 'rejected') AS rejected,
       count(*) FILTER (WHERE reopened_count > 0) AS reopened,
       count(rating) AS rated,
       count(*) FILTER (WHERE rating IS NOT NULL AND resolved) AS resolved,
       avg(rating) AS rating_avg,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY to_forward) AS days_to_forward_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY to_forward) AS days_to_forward_p90,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY to_answer) AS days_to_answer_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY to_answer) AS days_to_answer_p90,
       min(received_at) AS first,
       max(received_at) AS last
FROM ({inner}) AS c
GROUP BY GROUPING SETS ({sets})
"""


def aggregate_grouping_sets(queryset, answer_days: int) -> dict[str, list[dict]]:
    """PostgreSQL: every dimension in one scan (GROUP BY GROUPING SETS), same figures."""
    inner = _per_row(queryset).annotate(
        to_forward=DaysBetween(F("forwarded_at"), F("received_at")),
        to_answer=DaysBetween(F("first_answered_at"), F("received_at")),
    )
    inner = inner.values(
        *GROUP_COLUMNS,
        "to_forward",
        "to_answer",
        "answer_delay",
        "forwarded_at",
        "first_answered_at",
        "answer_outcome",
        "status",
        "reopened_count",
        "rating",
        "resolved",
        "received_at",
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    columns = ", ".join(GROUP_COLUMNS)
    sets = ", ".join(f"({', '.join(fields)})" for fields in GROUPINGS.values())
    sql = GROUPING_SETS_SQL.format(columns=columns, inner=inner_sql, sets=sets)
    # GROUPING() sets a bit per column left out of the set (first column = highest bit).
    masks = {}
    for dimension, fields in GROUPINGS.items():
        mask = 0
        for position, column in enumerate(GROUP_COLUMNS):
            if column not in fields:
                mask |= 1 << (len(GROUP_COLUMNS) - 1 - position)
        masks[mask] = dimension
    results: dict[str, list[dict]] = {d: [] for d in GROUPINGS}
    with connection.cursor() as cursor:
        cursor.execute(sql, [answer_days, *inner_params])
        names = [c.name for c in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            dimension = masks[row.pop("grouping_mask")]
            if any(row[f] is None for f in GROUPINGS[dimension] if f.endswith("_id")):
                continue  # complaints not yet sorted to an administration, no region...
            if dimension == Dim.OVERALL and not row["received"]:
                continue
            results[dimension].append(row)
    return results


def _choice_labels(choices) -> dict:
    labels = {}
    for value, label in choices:
        labels[value] = {}
        for language in LANGUAGES:
            with translation.override(language):
                labels[value][language] = str(label)
    return labels


class _Labels:
    """Keys and labels of grouped values (administrations, categories, regions...)."""

    def __init__(self, results: dict):
        ids = {"administration_id": set(), "category_id": set()}
        for rows in results.values():
            for row in rows:
                for field, found in ids.items():
                    if row.get(field):
                        found.add(row[field])
        self.administrations = Administration.objects.in_bulk(ids["administration_id"])
        self.categories = Category.objects.select_related("administration").in_bulk(
            ids["category_id"]
        )
        self.regions = Region.objects.in_bulk()
        self.channels = _choice_labels(Complaint.Channel.choices)
        self.kinds = _choice_labels(Complaint.Kind.choices)
        self.overall = _choice_labels([("all", Dim.OVERALL.label)])["all"]

    def of(self, field: str, value) -> tuple[str, dict, int | None]:
        """(stored key, labels per language, population or None)."""
        if field == "administration_id":
            a = self.administrations[value]
            return (
                a.slug,
                {lang: getattr(a, f"name_{lang}", "") or a.name for lang in LANGUAGES},
                None,
            )
        if field == "category_id":
            c = self.categories[value]
            labels = {lang: getattr(c, f"name_{lang}", "") or c.name for lang in LANGUAGES}
            return c.code, labels, None
        if field == "region_id":
            r = self.regions[value]
            return r.code, {"ar": r.name_ar, "fr": r.name_fr, "en": r.name_fr}, r.population_2024
        if field == "channel":
            return value, self.channels.get(value, {}), None
        if field == "kind":
            return value, self.kinds.get(value, {}), None
        if field == "month":
            month = _month_key(value)
            return month, dict.fromkeys(LANGUAGES, month), None
        raise ValueError(field)


def _month_key(value) -> str:
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime("%Y-%m")


def _row(snapshot, dimension, result: dict, labels: _Labels) -> SnapshotRow:
    fields = GROUPINGS[dimension]
    parent = ""
    population = None
    if not fields:
        key, names = "all", labels.overall
    elif len(fields) == 1:
        key, names, population = labels.of(fields[0], result[fields[0]])
        if dimension == Dim.CATEGORY:
            parent = labels.categories[result["category_id"]].administration.slug
    else:
        parent, _names, _population = labels.of(fields[0], result[fields[0]])
        value, names, population = labels.of(fields[1], result[fields[1]])
        key = f"{parent}/{value}"
    value = key.split("/", 1)[1] if "/" in key else key
    rated = result["rated"]
    received = result["received"]
    return SnapshotRow(
        snapshot=snapshot,
        dimension=dimension,
        key=key[:200],
        parent=parent,
        value=value[:120],
        label_ar=names.get("ar", "")[:255],
        label_fr=names.get("fr", "")[:255],
        label_en=names.get("en", "")[:255],
        **{name: result[name] or 0 for name in COUNTS},
        rating_avg=round(float(result["rating_avg"]), 2) if rated else None,
        **{name: None if result[name] is None else round(float(result[name]), 1) for name in DAYS},
        # A region's rate only: an administration's region says nothing of population.
        per_100k=round(received * 100_000 / population, 2)
        if population and dimension == Dim.REGION
        else None,
    )


def cursor_settings(conn) -> None:
    """PostgreSQL, this transaction only: sort in memory, no JIT (compiling costs more here)."""
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
            [getattr(settings, "COMPLAINTS_ANALYTICS_WORK_MEM", "256MB")],
        )


# Seconds per phase of the latest compute_snapshot() in this process (printed by the bench).
last_timings: dict[str, float] = {}


def compute_snapshot(queryset=None, *, topics: bool = True) -> AnalyticsSnapshot:
    started = time.monotonic()
    last_timings.clear()
    policy = ComplaintPolicy.current()
    queryset = queryset if queryset is not None else Complaint.objects.all()
    _prepare_connection()
    with transaction.atomic():
        t0 = time.monotonic()
        if connection.vendor == "postgresql":
            cursor_settings(connection)
            results = aggregate_grouping_sets(queryset, policy.answer_days)
        else:
            results = {d: aggregate(queryset, d, policy.answer_days) for d in GROUPINGS}
        last_timings["aggregates"] = time.monotonic() - t0
    overall = results[Dim.OVERALL][0] if results[Dim.OVERALL] else None
    labels = _Labels(results)
    with transaction.atomic():
        snapshot = AnalyticsSnapshot.objects.create(
            period_start=timezone.localdate(overall["first"]) if overall else None,
            period_end=timezone.localdate(overall["last"]) if overall else None,
            total=overall["received"] if overall else 0,
        )
        rows = [
            _row(snapshot, dimension, result, labels)
            for dimension, found in results.items()
            for result in found
        ]
        SnapshotRow.objects.bulk_create(rows, batch_size=1000)
        update = ["duration_ms"]
        if topics:
            from .topics import compute_topics

            t0 = time.monotonic()
            compute_topics(snapshot, queryset)
            last_timings["topics"] = time.monotonic() - t0
            update += ["topics_sample", "topics_month"]
        snapshot.duration_ms = int((time.monotonic() - started) * 1000)
        snapshot.save(update_fields=update)
    return snapshot


def latest_snapshot() -> AnalyticsSnapshot | None:
    return AnalyticsSnapshot.objects.order_by("-computed_at", "-pk").first()


def shown(rows):
    """Rows with enough complaints to be published (small cells suppressed)."""
    return [row for row in rows if row.received >= MIN_CELL]


def rows_of(snapshot, dimension) -> list[SnapshotRow]:
    if snapshot is None:
        return []
    return list(snapshot.rows.filter(dimension=dimension))


PUBLIC_DIMENSIONS = (
    Dim.OVERALL,
    Dim.ADMINISTRATION,
    Dim.CATEGORY,
    Dim.REGION,
    Dim.CHANNEL,
    Dim.KIND,
    Dim.MONTH,
)


def rows_by_dimension(snapshot, dimensions, **filters) -> dict[str, list[SnapshotRow]]:
    """{dimension: rows} in one query (rows in the model's order: most complaints first)."""
    by = {d: [] for d in dimensions}
    if snapshot is not None:
        for row in snapshot.rows.filter(dimension__in=dimensions, **filters):
            by[row.dimension].append(row)
    return by


def topics_of(snapshot, *, public: bool) -> dict[str, list]:
    """{script: topics}; publicly, only topics of at least MIN_CELL texts (always so stored)."""
    by = {}
    if snapshot is None:
        return by
    for topic in snapshot.topics.all():
        if public and topic.size < MIN_CELL:
            continue
        by.setdefault(topic.script, []).append(topic)
    return by


EXPORT_HEADERS = [
    "dimension",
    "key",
    "label",
    "received",
    "forwarded",
    "answered",
    "answered_on_time",
    "answered_on_time_percent",
    "positive",
    "rejected",
    "reopened",
    "reopen_rate_percent",
    "rated",
    "resolved",
    "rating_avg",
    "days_to_forward_median",
    "days_to_forward_p90",
    "days_to_answer_median",
    "days_to_answer_p90",
    "per_100k_inhabitants",
]


def _figures(row) -> list:
    return [
        row.received,
        row.forwarded,
        row.answered,
        row.answered_on_time,
        row.on_time_share,
        row.positive,
        row.rejected,
        row.reopened,
        row.reopen_rate,
        row.rated,
        row.resolved,
        row.rating_avg,
        row.days_to_forward_median,
        row.days_to_forward_p90,
        row.days_to_answer_median,
        row.days_to_answer_p90,
        row.per_100k,
    ]


def export_rows(snapshot=None) -> tuple[list, list]:
    """(headers, rows) of the latest snapshot, small cells suppressed: public, nothing personal."""
    snapshot = snapshot or latest_snapshot()
    if snapshot is None:
        return EXPORT_HEADERS, []
    rows = []
    queryset = snapshot.rows.filter(dimension__in=PUBLIC_DIMENSIONS, received__gte=MIN_CELL)
    for row in queryset.order_by("dimension", "-received", "key"):
        rows.append([row.dimension, row.key, row.label, *_figures(row)])
    return EXPORT_HEADERS, rows


STAFF_EXPORT_HEADERS = ["dimension", "administration", "value", *EXPORT_HEADERS[1:]]


def staff_export_rows(rows) -> tuple[list, list]:
    """(headers, rows) for the staff dashboard's download: every group, small ones included."""
    return STAFF_EXPORT_HEADERS, [
        [row.dimension, row.parent, row.value or row.key, row.key, row.label, *_figures(row)]
        for row in rows
    ]
