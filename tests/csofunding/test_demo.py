import io
import time

import pytest

from csofunding.demo import seed
from csofunding.models import Association, Award, Call, Disbursement, Programme
from ogp_portal.directory.demo import seed as seed_directory

pytestmark = pytest.mark.django_db


def test_the_demo_is_realistic_idempotent_and_quick():
    seed_directory(io.StringIO())

    started = time.monotonic()
    seed(io.StringIO())
    elapsed = time.monotonic() - started
    counts = (
        Programme.objects.count(),
        Call.objects.count(),
        Association.objects.count(),
        Award.objects.count(),
        Disbursement.objects.count(),
    )
    seed(io.StringIO())

    assert elapsed < 20
    assert counts[0] >= 10 and counts[1:4] == (25, 300, 2000) and counts[4] > 2000
    assert (
        Programme.objects.count(),
        Call.objects.count(),
        Association.objects.count(),
        Award.objects.count(),
        Disbursement.objects.count(),
    ) == counts
    statuses = {call.status for call in Call.objects.all()}
    assert statuses == {"upcoming", "open", "closing_soon", "closed", "awarded"}
    years = {day.year for day in Award.objects.dates("awarded_on", "year")}
    assert years == {2022, 2023, 2024, 2025, 2026}
    assert Association.objects.values("seat_region").distinct().count() == 12
    # Every funder is a real administration of the directory's list.
    assert not Award.objects.filter(funder__slug__startswith="administration-").exists()


def test_the_demo_skips_quietly_without_the_directory():
    out = io.StringIO()

    seed(out)

    assert "skipped" in out.getvalue()
    assert not Award.objects.exists()
