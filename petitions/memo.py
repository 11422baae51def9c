"""What the signing path reads on every request, kept a few seconds in each process.

- `signing_record(reference)`: the few fields of a petition that signing needs (no joins).
  Kept RECORD_TTL seconds, like the site-wide pause switch (petitions.pauses): a status or
  pause change reaches every web process within that time, the process that saved it at once
  (post_save below). The database remains the guard: the signature's foreign key, and the
  counting task counts only open petitions.
- `territories()`: regions and provinces (reference data, loaded by a command) for the
  signing form's choices and its "province in region" check, without a query. Only the
  provinces and prefectures with a council (not the préfectures d'arrondissements). Dropped when a
  region or province is saved or deleted in this process, and after TERRITORIES_TTL anyway.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

RECORD_TTL = 5.0
TERRITORIES_TTL = 300.0
MAX_RECORDS = 1000  # petitions remembered per process (a reference that does not exist too)


@dataclass(frozen=True)
class SigningRecord:
    """A petition as the signing view sees it (what `Petition` offers there, without joins)."""

    pk: int
    reference: str
    title: str
    status: str
    kind: str
    region_id: int | None
    province_id: int | None
    signing_paused: bool
    collection_ends_on: datetime.date | None = None

    @property
    def collection_over(self) -> bool:
        from .models import collection_over

        return collection_over(self.collection_ends_on)

    @property
    def is_signable(self) -> bool:
        from .models import Petition

        return (
            self.status in Petition.SIGNABLE_STATUSES
            and not self.signing_paused
            and not self.collection_over
        )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("petitions:detail", kwargs={"reference": self.reference})


_records: dict[str, tuple[float, SigningRecord | None]] = {}


def signing_record(reference: str) -> SigningRecord | None:
    now = time.monotonic()
    hit = _records.get(reference)
    if hit is not None and now < hit[0]:
        return hit[1]
    from .models import Petition

    row = (
        Petition.objects.filter(reference=reference)
        .values_list(
            "pk",
            "reference",
            "title",
            "status",
            "kind",
            "region_id",
            "province_id",
            "signing_paused",
            "collection_ends_on",
        )  # fmt: skip
        .first()
    )
    record = SigningRecord(*row) if row else None
    if len(_records) >= MAX_RECORDS:
        _records.clear()
    _records[reference] = (now + RECORD_TTL, record)
    return record


@dataclass(frozen=True)
class Territories:
    region_of: dict[int, int]  # province id -> region id
    names: dict[str, tuple[list[tuple[int, str]], list[tuple[int, str]]]]  # per language


_territories: dict = {"until": 0.0, "value": None}


def territories() -> Territories:
    now = time.monotonic()
    if _territories["value"] is not None and now < _territories["until"]:
        return _territories["value"]
    from ogp_portal.directory.models import Province, Region

    with_council = Province.objects.with_council()
    provinces = list(with_council.values_list("pk", "region_id"))
    names = {}
    for lang, column in (("ar", "name_ar"), ("fr", "name_fr")):
        # The database's order, as TerritoryQuerySet.ordered_by_name gives it.
        names[lang] = (
            list(Region.objects.order_by(column).values_list("pk", column)),
            list(with_council.order_by(column).values_list("pk", column)),
        )
    value = Territories(region_of=dict(provinces), names=names)
    _territories.update(until=now + TERRITORIES_TTL, value=value)
    return value


def territory_choices(language: str | None):
    """(regions, provinces) as (id, name) in the language's order (Arabic names for Arabic,
    French names otherwise, as Territory.name)."""
    lang = "ar" if (language or "ar").startswith("ar") else "fr"
    return territories().names[lang]


def forget(reference: str | None = None) -> None:
    """Drop this process's copies: one petition's record, or everything (between tests)."""
    if reference is not None:
        _records.pop(reference, None)
        return
    _records.clear()
    _territories.update(until=0.0, value=None)


@receiver(post_save, sender="petitions.Petition", dispatch_uid="petitions-memo-petition")
@receiver(post_delete, sender="petitions.Petition", dispatch_uid="petitions-memo-petition-del")
def _petition_changed(sender, instance, **kwargs):
    forget(instance.reference)


@receiver(post_save, sender="directory.Region", dispatch_uid="petitions-memo-region")
@receiver(post_delete, sender="directory.Region", dispatch_uid="petitions-memo-region-del")
@receiver(post_save, sender="directory.Province", dispatch_uid="petitions-memo-province")
@receiver(post_delete, sender="directory.Province", dispatch_uid="petitions-memo-province-del")
def _territory_changed(sender, **kwargs):
    _territories.update(until=0.0, value=None)
