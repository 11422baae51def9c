"""How fast the awards explorer answers with 50,000 awards (issue 6: p95 under 100 ms).

Builds a throwaway database: migrates it, seeds the directory and the funding demo (its
funders, programmes, sectors, associations and regions are reused), then bulk-creates
awards referenced `bench-NNNNNN` up to --awards (default 50,000; about 15 % benefit two
regions). Running it again on the same database reuses what exists. Then it times the
explorer page (`/fr/funding/awards/`, through `django.test.Client`: facets with counts,
totals, both choropleths, the charts and the first page of awards) with several filter
combinations, --repeat times each after a warm-up, and prints p50 and p95 in ms.

SQLite (the default: a file under /tmp, created if missing):

    .venv/bin/python bench/bench_csofunding.py
    .venv/bin/python bench/bench_csofunding.py --database /tmp/other.sqlite3 --repeat 50

PostgreSQL (create the database first; the script migrates it):

    createdb -h 127.0.0.1 -U postgres ogp_bench_cso
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench_cso \\
        .venv/bin/python bench/bench_csofunding.py

Exit status 1 when a p95 is over --target ms (default 100).
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_SQLITE = "/tmp/bench_csofunding.sqlite3"  # noqa: S108 (a throwaway benchmark database)


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--awards", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    parser.add_argument("--target", type=float, default=100.0, help="p95 target in ms")
    parser.add_argument(
        "--database",
        default=DEFAULT_SQLITE,
        help="SQLite file used when DATABASE_URL is not set (default %(default)s)",
    )
    return parser.parse_args()


ARGS = _parse_args()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ARGS.database}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402


def build(target: int) -> int:
    """Migrate, seed the demo, then bulk-create bench awards up to `target` in all."""
    from csofunding.demo import seed as seed_funding
    from csofunding.models import Association, Award, Call, Programme
    from ogp_portal.directory.demo import seed as seed_directory
    from ogp_portal.directory.models import Region

    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        seed_directory(io.StringIO())
    if not Programme.objects.exists():
        seed_funding(io.StringIO())
    missing = target - Award.objects.count()
    if missing <= 0:
        return 0
    programmes = list(Programme.objects.select_related("funder"))
    associations = list(Association.objects.values_list("pk", "seat_region_id", "name_fr"))
    regions = list(Region.objects.values_list("pk", flat=True))
    calls_by_programme: dict[int, list[int]] = {}
    for call_id, programme_id in Call.objects.exclude(awarded_on=None).values_list(
        "pk", "programme_id"
    ):
        calls_by_programme.setdefault(programme_id, []).append(call_id)
    start = Award.objects.filter(reference__startswith="bench-").count()
    rng = random.Random(50_000 + start)
    today = date.today()
    amounts = [15_000, 30_000, 50_000, 80_000, 120_000, 200_000, 350_000, 600_000, 1_200_000]
    Through = Award.beneficiary_regions.through
    built = 0
    while built < missing:
        chunk = min(5_000, missing - built)
        awards, links = [], []
        for i in range(chunk):
            number = start + built + i + 1
            programme = programmes[rng.randrange(len(programmes))]
            pk, seat, name = associations[rng.randrange(len(associations))]
            day = date(2022 + number % 5, rng.randint(1, 12), rng.randint(1, 28))
            if day > today:
                day = today - timedelta(days=rng.randint(1, 365))
            calls = calls_by_programme.get(programme.pk)
            reference = f"bench-{number:06d}"
            awards.append(
                Award(
                    reference=reference,
                    funder_id=programme.funder_id,
                    programme=programme,
                    call_id=rng.choice(calls) if calls and rng.random() < 0.45 else None,
                    association_id=pk,
                    title=f"Projet {number} – {name.split(' – ')[-1]}",
                    amount=Decimal(rng.choice(amounts)) + Decimal(rng.randint(0, 40)) * 500,
                    in_kind_value=Decimal(rng.choice([0, 0, 0, 10_000, 25_000])),
                    awarded_on=day,
                    duration_months=rng.choice([6, 12, 18, 24, 36]),
                    sector_id=programme.sector_id,
                    is_published=rng.random() > 0.02,
                )
            )
            linked = {seat}
            if rng.random() < 0.15:
                linked.add(regions[rng.randrange(len(regions))])
            links.append((reference, linked))
        with transaction.atomic():
            Award.objects.bulk_create(awards, batch_size=1_000)
            saved = dict(
                Award.objects.filter(reference__in=[r for r, _ in links]).values_list(
                    "reference", "pk"
                )
            )
            Through.objects.bulk_create(
                [Through(award_id=saved[r], region_id=g) for r, linked in links for g in linked],
                batch_size=2_000,
            )
        built += chunk
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return built


def cases():
    from csofunding.models import Award

    busiest = (
        Award.objects.published()
        .order_by()
        .values_list("funder__slug")
        .annotate(n=django.db.models.Count("pk"))
        .order_by("-n")
        .first()[0]
    )
    return [
        ("no filter", {}),
        ("region 06 (Casablanca-Settat)", {"region": "06"}),
        ("sector + year", {"sector": "social-inclusion", "year": "2025"}),
        ("funder + amount band", {"funder": busiest, "band": "50k-200k"}),
        (
            "region + sector + year + band",
            {"region": "01", "sector": "women-family", "year": "2024", "band": "200k-1m"},
        ),
    ]


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> int:
    from csofunding.filters import AwardFilter
    from csofunding.models import Award

    started = time.perf_counter()
    built = build(ARGS.awards)
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); "
        f"{Award.objects.count()} awards ({Award.objects.published().count()} published), "
        f"{built} created in {time.perf_counter() - started:.1f} s"
    )
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    slow = False
    rows = []
    with override_settings(SECURE_SSL_REDIRECT=False, STORAGES=storages, DEBUG=False):
        print(f"{'query':<34} {'p50 ms':>8} {'p95 ms':>8}  awards matched")
        for label, params in cases():
            path = "/fr/funding/awards/"
            response = client.get(path, params)  # warm up
            assert response.status_code == 200, (label, response.status_code)
            count = AwardFilter(params, queryset=Award.objects.published()).qs.distinct().count()
            wall = []
            for _ in range(ARGS.repeat):
                t0 = time.perf_counter()
                response = client.get(path, params)
                wall.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
            p50, p95 = statistics.median(wall), percentile(wall, 95)
            slow |= p95 > ARGS.target
            print(f"{label:<34} {p50:8.1f} {p95:8.1f}  {count}")
            rows.append((label, p95))
    print(f"target: p95 under {ARGS.target:.0f} ms -> {'MISSED' if slow else 'met'}")
    if ARGS.json:
        from bench import _common

        _common.emit_json(
            "csofunding",
            [
                _common.row(
                    f"awards explorer, {label}, p95",
                    round(p95, 1),
                    "ms",
                    target=f"< {ARGS.target:.0f} ms",
                    verdict="PASS" if p95 <= ARGS.target else "FAIL",
                )
                for label, p95 in rows
            ],
            database=connection.vendor,
        )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
