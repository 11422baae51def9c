"""A dataset's quality score, after uData's (data.gouv.fr) criteria.

`assess(facts, today)` is a pure function: it takes plain facts about a dataset
and returns the score out of 100 with each criterion, passed or not, and what to
do to pass it. `assess_dataset(dataset)` gathers the facts from the database.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

# Formats anyone can read with free software, documented openly.
OPEN_FORMATS = frozenset(
    {
        "CSV",
        "JSON",
        "GEOJSON",
        "XML",
        "ODS",
        "RDF",
        "TTL",
        "JSONLD",
        "TXT",
        "SHP",
        "KML",
        "GPX",
        "API",
        "PARQUET",
        "ZIP",
    }
)
MIN_DESCRIPTION = 200  # characters, as uData
MIN_RESOURCE_DESCRIPTION = 20

# Days allowed between updates for each frequency (with a grace period).
_PERIOD_DAYS = {"P1D": 1, "P1W": 7, "P1M": 31, "P3M": 92, "P6M": 183, "P1Y": 366}
GRACE = 1.5


@dataclass(frozen=True)
class ResourceFacts:
    format: str = ""
    description: str = ""


@dataclass(frozen=True)
class DatasetFacts:
    description: str = ""
    licence_open: bool | None = None  # None: no licence
    resources: tuple[ResourceFacts, ...] = ()
    frequency: str = "unknown"
    last_update: date | None = None
    has_temporal_coverage: bool = False
    has_spatial_coverage: bool = False


@dataclass(frozen=True)
class Criterion:
    key: str
    label: object
    weight: int
    passed: bool
    hint: object  # what to do when it fails


@dataclass(frozen=True)
class Quality:
    score: int
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)

    @property
    def to_improve(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.passed]


def is_open_format(fmt: str) -> bool:
    return (fmt or "").strip().upper().lstrip(".") in OPEN_FORMATS


def updated_on_schedule(frequency: str, last_update: date | None, today: date) -> bool:
    if frequency in ("continuous", "irregular", "punctual"):
        return last_update is not None
    days = _PERIOD_DAYS.get(frequency)
    if days is None or last_update is None:
        return False
    return (today - last_update) <= timedelta(days=days * GRACE)


def assess(facts: DatasetFacts, today: date) -> Quality:
    resources = facts.resources
    checks = [
        (
            "licence",
            _("Open licence"),
            15,
            bool(facts.licence_open),
            _("Choose an open licence (Licence ouverte, CC BY, ODbL, CC0)."),
        ),
        (
            "description",
            _("Detailed description"),
            15,
            len((facts.description or "").strip()) >= MIN_DESCRIPTION,
            _(
                "Describe the data in at least 200 characters: what it contains, how it is produced."
            ),
        ),
        (
            "resources",
            _("Resources present"),
            15,
            bool(resources),
            _("Add at least one file or API."),
        ),
        (
            "open_formats",
            _("Open formats"),
            15,
            any(is_open_format(r.format) for r in resources),
            _("Publish at least one resource in an open, machine-readable format (CSV, JSON...)."),
        ),
        (
            "documented",
            _("Resources documented"),
            10,
            bool(resources)
            and all(
                len((r.description or "").strip()) >= MIN_RESOURCE_DESCRIPTION for r in resources
            ),
            _("Describe each resource: its columns, units and sources."),
        ),
        (
            "up_to_date",
            _("Updated on schedule"),
            14,
            updated_on_schedule(facts.frequency, facts.last_update, today),
            _("Set an update frequency and publish updates at that pace."),
        ),
        (
            "temporal",
            _("Temporal coverage"),
            8,
            facts.has_temporal_coverage,
            _("Say which period the data covers."),
        ),
        (
            "spatial",
            _("Spatial coverage"),
            8,
            facts.has_spatial_coverage,
            _("Say which territory the data covers (national or regions)."),
        ),
    ]
    criteria = tuple(Criterion(*check) for check in checks)
    return Quality(score=sum(c.weight for c in criteria if c.passed), criteria=criteria)


def facts_for(dataset) -> DatasetFacts:
    resources = tuple(ResourceFacts(r.format, r.description) for r in dataset.resources.all())
    dates = [r.last_modified for r in dataset.resources.all()] + [dataset.modified]
    dates = [d for d in dates if d]
    last = max(dates) if dates else None
    if isinstance(last, datetime):
        last = last.date()
    return DatasetFacts(
        # The best-documented language counts (each language is shown to its readers).
        description=max(
            (getattr(dataset, f"description_{lang}", "") or "" for lang in ("ar", "fr", "en")),
            key=len,
        ),
        licence_open=dataset.licence.is_open if dataset.licence_id else None,
        resources=resources,
        frequency=dataset.frequency,
        last_update=last,
        has_temporal_coverage=bool(dataset.temporal_start or dataset.temporal_end),
        has_spatial_coverage=bool(dataset.is_national or (dataset.pk and dataset.regions.exists())),
    )


def assess_dataset(dataset, today: date | None = None) -> Quality:
    from django.utils import timezone

    return assess(facts_for(dataset), today or timezone.localdate())
