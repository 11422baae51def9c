"""Counting that holds a surge.

Signing only inserts (or confirms) its own row. Every PETITIONS_COUNT_INTERVAL seconds the
beat runs `count_new_signatures`: for each open petition it adds the valid signatures
confirmed in (counted_until, now - interval] to the petition's, regions' and provinces'
counts, in one UPDATE of PetitionCount per petition. The window ends one interval in the
past so that a signature whose transaction commits late (confirmed_at is set before the
commit) is still ahead of the watermark when it becomes visible. A PostgreSQL advisory
lock keeps two runs from counting the same window. Crossing the threshold is detected here.

Verified paper signatures (PaperBatch) join the same counts when a reviewer verifies them
(`add_paper`, under the same row lock); the counts are electronic + paper, and
PetitionCount.paper says how many of them are paper.

Signatures of citizens living abroad (national petitions and motions) count in the total
and in PetitionCount.abroad, in no region or province.

When a petition leaves collection (expiry, filing) `final_count` counts its last window up
to now, under the same advisory lock, so the signatures confirmed in the interval before
are not left out. `recount_all` (nightly) recomputes every count up to each open petition's
watermark (for a petition no longer open for signature: every valid signature, and the
watermark moves to now), corrects it and logs the drift. Counting is paused site-wide by
the PetitionsSwitch row or the PETITIONS_COUNTING_PAUSED setting, per petition by
Petition.counting_paused.
"""

from __future__ import annotations

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from . import pauses, thresholds
from .models import (
    PaperBatchLine,
    Petition,
    PetitionCount,
    PetitionProvinceCount,
    PetitionRegionCount,
    Signature,
)

logger = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 0x5E7171  # "petitions counting"; any constant unique in the database


def interval_seconds() -> int:
    from .beat import COUNT_INTERVAL

    return int(getattr(settings, "PETITIONS_COUNT_INTERVAL", COUNT_INTERVAL))


@contextmanager
def advisory_lock(key: int = ADVISORY_LOCK_KEY):
    """Yield True if this process holds the lock (always True outside PostgreSQL)."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _add_rows(model, petition_id: int, column: str, deltas: dict[int, int]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE count = count + delta (PostgreSQL and SQLite)."""
    if not deltas:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    values = ", ".join(["(%s, %s, %s)"] * len(deltas))
    params = []
    for key, n in deltas.items():
        params += [petition_id, key, n]
    # Only quoted model table/column names are interpolated; values are parameters.
    sql = (
        f"INSERT INTO {table} (petition_id, {col}, confirmed) VALUES {values} "  # noqa: S608
        f"ON CONFLICT (petition_id, {col}) DO UPDATE SET confirmed = {table}.confirmed + excluded.confirmed"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def count_petition(petition_id: int, window_end: datetime.datetime) -> int:
    """Add the signatures confirmed in (watermark, window_end]; returns how many were added."""
    with transaction.atomic():
        counts, _created = PetitionCount.objects.select_for_update().get_or_create(
            petition_id=petition_id
        )
        start = counts.counted_until
        if start is not None and start >= window_end:
            return 0
        window = Signature.objects.filter(
            petition_id=petition_id, invalidated=False, confirmed_at__lte=window_end
        )
        if start is not None:
            window = window.filter(confirmed_at__gt=start)
        else:
            window = window.filter(confirmed_at__isnull=False)
        rows = list(
            window.order_by().values_list("region_id", "province_id").annotate(n=Count("pk"))
        )
        by_region, by_province, abroad = _split(rows)
        added = sum(by_region.values()) + abroad
        PetitionCount.objects.filter(pk=petition_id).update(
            confirmed=F("confirmed") + added,
            abroad=F("abroad") + abroad,
            counted_until=window_end,
            updated_at=timezone.now(),
        )
        _add_rows(PetitionRegionCount, petition_id, "region_id", by_region)
        _add_rows(PetitionProvinceCount, petition_id, "province_id", by_province)
    if added:
        _check_goal(petition_id)
    return added


def _split(rows) -> tuple[dict[int, int], dict[int, int], int]:
    """(region_id, province_id, n) rows -> by region, by province, and abroad (no region)."""
    by_region: dict[int, int] = {}
    by_province: dict[int, int] = {}
    abroad = 0
    for region_id, province_id, n in rows:
        if region_id is None:
            abroad += n
            continue
        by_region[region_id] = by_region.get(region_id, 0) + n
        by_province[province_id] = by_province.get(province_id, 0) + n
    return by_region, by_province, abroad


def hold_counting_lock() -> None:
    """Wait for the counting task's advisory lock and hold it to the end of the current
    transaction (pg_advisory_xact_lock; re-entrant): no beat or nightly run interleaves.
    Take it before any row lock (the beat takes it first too). Nothing outside PostgreSQL,
    where the PetitionCount row lock is all there is, as for the beat."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def final_count(petition_id: int, now: datetime.datetime | None = None) -> int:
    """Count a petition's last window, up to `now`, as it leaves collection (expiry,
    filing), inside the caller's transaction and under the counting lock; returns how many
    signatures it added (crossing the threshold here marks the goal reached)."""
    hold_counting_lock()
    return count_petition(petition_id, now or timezone.now())


def counting_paused(petition: Petition) -> bool:
    return petition.counting_paused or pauses.site_counting_paused()


def _check_goal(petition_id: int) -> None:
    from . import services

    petition = Petition.objects.select_related("region").get(pk=petition_id)
    if petition.status != Petition.Status.COLLECTING or not petition.required_signatures:
        return
    if thresholds.petition_progress(petition).reached:
        services.mark_goal_reached(petition)


def count_new_signatures(now: datetime.datetime | None = None) -> dict[int, int] | None:
    """One beat run over every open petition; None if another run holds the lock."""
    now = now or timezone.now()
    window_end = now - datetime.timedelta(seconds=interval_seconds())
    if pauses.site_counting_paused():
        logger.info("petitions counting: paused site-wide")
        return {}
    with advisory_lock() as got:
        if not got:
            logger.info("petitions counting: another run holds the lock")
            return None
        added = {}
        petition_ids = Petition.objects.open_for_signature().filter(counting_paused=False)
        for petition_id in petition_ids.values_list("pk", flat=True):
            n = count_petition(petition_id, window_end)
            if n:
                added[petition_id] = n
        return added


def add_paper(petition_id: int, by_province: dict[int, int]) -> int:
    """Add a verified paper batch ({province_id: n}) to the counts; returns how many."""
    from ogp_portal.directory.models import Province

    regions = dict(Province.objects.filter(pk__in=by_province).values_list("pk", "region_id"))
    by_region: dict[int, int] = {}
    for province_id, n in by_province.items():
        by_region[regions[province_id]] = by_region.get(regions[province_id], 0) + n
    added = sum(by_province.values())
    with transaction.atomic():
        PetitionCount.objects.select_for_update().get_or_create(petition_id=petition_id)
        PetitionCount.objects.filter(pk=petition_id).update(
            confirmed=F("confirmed") + added, paper=F("paper") + added, updated_at=timezone.now()
        )
        _add_rows(PetitionRegionCount, petition_id, "region_id", by_region)
        _add_rows(PetitionProvinceCount, petition_id, "province_id", by_province)
        if added:
            _check_goal(petition_id)
    return added


def paper_by_province(petition_id: int) -> dict[int, int]:
    """Verified paper signatures per province."""
    from django.db.models import Sum

    return dict(
        PaperBatchLine.objects.filter(batch__petition_id=petition_id, batch__status="verified")
        .order_by()
        .values_list("province_id")
        .annotate(n=Sum("count"))
    )


def recount_petition(petition_id: int, now: datetime.datetime | None = None) -> dict:
    """Recompute the counts up to the watermark; correct and return any drift.

    A petition no longer open for signature (expired, filed, withdrawn...) takes no new
    signatures: it is recounted over every valid signature and its watermark moves to now,
    so a confirmation that committed after its final count is not left out (unless its
    counting is paused: then the watermark stays)."""
    with transaction.atomic():
        counts, _created = PetitionCount.objects.select_for_update().get_or_create(
            petition_id=petition_id
        )
        until = counts.counted_until
        petition = Petition.objects.only("status", "counting_paused").get(pk=petition_id)
        closed = petition.status not in Petition.SIGNABLE_STATUSES
        if closed and not counting_paused(petition):
            now = now or timezone.now()
            until = max(until, now) if until is not None else now
        valid = Signature.objects.valid().filter(petition_id=petition_id)
        if until is not None:
            valid = valid.filter(confirmed_at__lte=until)
        else:
            valid = valid.none()
        by_region, by_province, abroad = _split(
            valid.order_by().values_list("region_id", "province_id").annotate(n=Count("pk"))
        )
        paper = paper_by_province(petition_id)
        if paper:
            from ogp_portal.directory.models import Province

            regions = dict(Province.objects.filter(pk__in=paper).values_list("pk", "region_id"))
            for province_id, n in paper.items():
                by_province[province_id] = by_province.get(province_id, 0) + n
                by_region[regions[province_id]] = by_region.get(regions[province_id], 0) + n
        paper_total = sum(paper.values())
        total = sum(by_region.values()) + abroad
        drift = {"total": total - counts.confirmed, "regions": {}, "provinces": {}}
        for model, field, truth, key in (
            (PetitionRegionCount, "region_id", by_region, "regions"),
            (PetitionProvinceCount, "province_id", by_province, "provinces"),
        ):
            stored = dict(
                model.objects.filter(petition_id=petition_id).values_list(field, "confirmed")
            )
            for k in set(stored) | set(truth):
                if stored.get(k, 0) != truth.get(k, 0):
                    drift[key][k] = truth.get(k, 0) - stored.get(k, 0)
            if drift[key]:
                model.objects.filter(petition_id=petition_id).delete()
                model.objects.bulk_create(
                    model(petition_id=petition_id, confirmed=n, **{field: k})
                    for k, n in truth.items()
                )
        if (
            drift["total"]
            or counts.paper != paper_total
            or counts.abroad != abroad
            or until != counts.counted_until
        ):
            PetitionCount.objects.filter(pk=petition_id).update(
                confirmed=total, paper=paper_total, abroad=abroad, counted_until=until
            )
    if drift["total"] or drift["regions"] or drift["provinces"]:
        logger.warning("petitions recount: petition %s drift %s", petition_id, drift)
    return drift


def recount_all() -> dict[int, dict]:
    """Nightly: every petition with counts; returns the drifts found (and corrected)."""
    with advisory_lock() as got:
        if not got:
            return {}
        drifts = {}
        for petition_id in PetitionCount.objects.values_list("petition_id", flat=True):
            drift = recount_petition(petition_id)
            if drift["total"] or drift["regions"] or drift["provinces"]:
                drifts[petition_id] = drift
        return drifts
