"""Statistics snapshots: what the public dashboard, the CSV/XLSX and the home card read.

compute_snapshot() reads every complaint once (only the columns it needs) and writes one
AnalyticsSnapshot with a SnapshotRow per group (overall, administration, category, region,
channel, kind, month). Percentiles interpolate linearly between ranks, like PostgreSQL's
percentile_cont, so the computation can move into the database for large volumes.
Groups under MIN_CELL complaints are stored but never shown (suppress()).
"""

import datetime
import math
import time
from collections import defaultdict

from django.db import transaction
from django.utils import timezone, translation

from ogp_portal.directory.models import Administration, Region

from .models import AnalyticsSnapshot, Category, Complaint, ComplaintPolicy, SnapshotRow

MIN_CELL = 5
LANGUAGES = ("ar", "fr", "en")
Dim = SnapshotRow.Dimension


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return round(value, 1)


class _Group:
    __slots__ = (
        "received",
        "forwarded",
        "answered",
        "on_time",
        "positive",
        "rejected",
        "reopened",
        "ratings",
        "resolved",
        "to_forward",
        "to_answer",
    )

    def __init__(self):
        self.received = self.forwarded = self.answered = self.on_time = 0
        self.positive = self.rejected = self.reopened = self.resolved = 0
        self.ratings: list[int] = []
        self.to_forward: list[float] = []
        self.to_answer: list[float] = []

    def add(self, c: dict, answer_days: int) -> None:
        self.received += 1
        received = c["received_at"]
        if c["forwarded_at"]:
            self.forwarded += 1
            self.to_forward.append((c["forwarded_at"] - received).total_seconds() / 86400)
        if c["first_answered_at"]:
            self.answered += 1
            self.to_answer.append((c["first_answered_at"] - received).total_seconds() / 86400)
            due = timezone.localdate(received) + datetime.timedelta(days=answer_days)
            if timezone.localdate(c["first_answered_at"]) <= due:
                self.on_time += 1
        if c["answer_outcome"] == "positive":
            self.positive += 1
        if c["status"] == Complaint.Status.REJECTED:
            self.rejected += 1
        if c["reopened_count"]:
            self.reopened += 1
        if c["rating"]:
            self.ratings.append(c["rating"])
            if c["resolved"]:
                self.resolved += 1

    def row(self, snapshot, dimension, key, labels, population=None) -> SnapshotRow:
        return SnapshotRow(
            snapshot=snapshot,
            dimension=dimension,
            key=str(key),
            label_ar=labels.get("ar", "")[:255],
            label_fr=labels.get("fr", "")[:255],
            label_en=labels.get("en", "")[:255],
            received=self.received,
            forwarded=self.forwarded,
            answered=self.answered,
            answered_on_time=self.on_time,
            positive=self.positive,
            rejected=self.rejected,
            reopened=self.reopened,
            rated=len(self.ratings),
            resolved=self.resolved,
            rating_avg=round(sum(self.ratings) / len(self.ratings), 2) if self.ratings else None,
            days_to_forward_median=percentile(self.to_forward, 0.5),
            days_to_forward_p90=percentile(self.to_forward, 0.9),
            days_to_answer_median=percentile(self.to_answer, 0.5),
            days_to_answer_p90=percentile(self.to_answer, 0.9),
            per_100k=round(self.received * 100_000 / population, 2) if population else None,
        )


def _choice_labels(choices) -> dict:
    labels = {}
    for value, label in choices:
        labels[value] = {}
        for language in LANGUAGES:
            with translation.override(language):
                labels[value][language] = str(label)
    return labels


FIELDS = (
    "administration_id",
    "category_id",
    "region_id",
    "channel",
    "kind",
    "status",
    "received_at",
    "forwarded_at",
    "first_answered_at",
    "answer_outcome",
    "rating",
    "resolved",
    "reopened_count",
)


def compute_snapshot(queryset=None) -> AnalyticsSnapshot:
    started = time.monotonic()
    policy = ComplaintPolicy.current()
    queryset = queryset if queryset is not None else Complaint.objects.all()
    groups: dict[tuple[str, object], _Group] = defaultdict(_Group)
    first = last = None
    for c in queryset.order_by().values(*FIELDS).iterator(chunk_size=5000):
        month = timezone.localtime(c["received_at"]).strftime("%Y-%m")
        keys = [
            (Dim.OVERALL, "all"),
            (Dim.CHANNEL, c["channel"]),
            (Dim.KIND, c["kind"]),
            (Dim.MONTH, month),
        ]
        if c["administration_id"]:
            keys.append((Dim.ADMINISTRATION, c["administration_id"]))
        if c["category_id"]:
            keys.append((Dim.CATEGORY, c["category_id"]))
        if c["region_id"]:
            keys.append((Dim.REGION, c["region_id"]))
        for key in keys:
            groups[key].add(c, policy.answer_days)
        day = timezone.localdate(c["received_at"])
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last

    administrations = {
        a.pk: a
        for a in Administration.objects.filter(
            pk__in=[k for d, k in groups if d == Dim.ADMINISTRATION]
        )
    }
    categories = {
        c.pk: c for c in Category.objects.filter(pk__in=[k for d, k in groups if d == Dim.CATEGORY])
    }
    regions = {r.pk: r for r in Region.objects.all()}
    channels = _choice_labels(Complaint.Channel.choices)
    kinds = _choice_labels(Complaint.Kind.choices)
    overall = _choice_labels([("all", SnapshotRow.Dimension.OVERALL.label)])

    with transaction.atomic():
        snapshot = AnalyticsSnapshot.objects.create(
            period_start=first, period_end=last, total=groups[(Dim.OVERALL, "all")].received
        )
        rows = []
        for (dimension, key), group in groups.items():
            population = None
            if dimension == Dim.ADMINISTRATION:
                a = administrations[key]
                stored_key = a.slug
                labels = {lang: getattr(a, f"name_{lang}", "") or a.name for lang in LANGUAGES}
            elif dimension == Dim.CATEGORY:
                cat = categories[key]
                stored_key = cat.code
                labels = {lang: getattr(cat, f"name_{lang}", "") or cat.name for lang in LANGUAGES}
            elif dimension == Dim.REGION:
                region = regions[key]
                stored_key = region.code
                labels = {"ar": region.name_ar, "fr": region.name_fr, "en": region.name_fr}
                population = region.population_2024
            elif dimension == Dim.CHANNEL:
                stored_key, labels = key, channels.get(key, {})
            elif dimension == Dim.KIND:
                stored_key, labels = key, kinds.get(key, {})
            elif dimension == Dim.MONTH:
                stored_key, labels = key, dict.fromkeys(LANGUAGES, key)
            else:
                stored_key, labels = key, overall["all"]
            rows.append(group.row(snapshot, dimension, stored_key, labels, population))
        SnapshotRow.objects.bulk_create(rows, batch_size=1000)
        snapshot.duration_ms = int((time.monotonic() - started) * 1000)
        snapshot.save(update_fields=["duration_ms"])
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


def export_rows(snapshot=None) -> tuple[list, list]:
    """(headers, rows) of the latest snapshot, small cells suppressed: public, nothing personal."""
    snapshot = snapshot or latest_snapshot()
    if snapshot is None:
        return EXPORT_HEADERS, []
    rows = []
    for row in snapshot.rows.all().order_by("dimension", "-received", "key"):
        if row.received < MIN_CELL:
            continue
        rows.append(
            [
                row.dimension,
                row.key,
                row.label,
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
        )
    return EXPORT_HEADERS, rows
