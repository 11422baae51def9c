"""Complaints at the national scale (issue 5): 1 million complaints on PostgreSQL.

Targets: the full analytics recompute (aggregates in SQL + topic clustering on a sample) under
60 s; the public dashboard p95 under 50 ms (it reads the snapshot tables only); a scoped
complaints officer's admin changelist (default ordering, first page) p95 under 100 ms.

The script uses a dedicated database: it creates it if missing (CREATE DATABASE through the
`postgres` maintenance database), migrates it, seeds the directory (regions, provinces,
administrations) and the complaints demo (categories, templates), then generates the missing
bench complaints (reference `BENCH-NNNNNNNNN`) in SQL, 100,000 per INSERT ... SELECT over
generate_series with a fixed seed: kinds, channels, statuses, deadlines, answers, ratings and
reopenings like the demo's, texts in French, Arabic and Darija (both scripts) on eight themes,
one of which (water cuts) grows in the latest month. Running it again reuses what exists.
Then it measures, through django.test.Client in-process (no network):

    recompute   analytics.compute_snapshot() once (--recompute times), wall clock
    dashboard   GET /fr/complaints/ and /ar/complaints/, --repeat times each after a warm-up
    changelist  GET /fr/admin/complaints/complaint/ as the officer of the busiest
                administration, --repeat times after a warm-up

    createdb -h 127.0.0.1 -U postgres ogp_bench_complaints     # optional: the script does it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench_complaints \\
        .venv/bin/python bench/bench_complaints.py

Exit status 1 when a target is missed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ogp_bench_complaints"


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    parser.add_argument("--recompute", type=int, default=1, help="full recomputes to time")
    parser.add_argument("--recompute-target", type=float, default=60.0, help="seconds")
    parser.add_argument("--dashboard-target", type=float, default=50.0, help="p95 in ms")
    parser.add_argument("--changelist-target", type=float, default=100.0, help="p95 in ms")
    return parser.parse_args()


ARGS = _parse_args()
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["CELERY_BROKER_URL"] = ""  # no broker: nothing is queued during the bench


def _create_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (PostgreSQL only)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"created database {config['NAME']}")


_create_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

# The generator (texts in French, Arabic and Darija on eight themes, statuses, deadlines,
# answers, ratings, reopenings) is shared with `manage.py seed_volume`.
from ogp_portal.core.management.commands.seed_volume import generate_complaints  # noqa: E402


def build(target: int) -> int:
    from complaints import demo as complaints_demo
    from complaints.models import Category, Complaint
    from ogp_portal.accounts import roles
    from ogp_portal.accounts.models import User
    from ogp_portal.directory.demo import seed as seed_directory
    from ogp_portal.directory.models import Region

    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        seed_directory(_Quiet())
    if not Category.objects.exists():
        complaints_demo.seed(_Quiet())
    existing = Complaint.objects.filter(reference__startswith="BENCH-").count()
    missing = target - existing
    if missing > 0:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT setseed(%s)", [0.2026 + existing / 10**9])
            generate_complaints(cursor, "BENCH-", existing + 1, target, log=print)
        # Production tables are autovacuumed; a fresh bulk load is not: set the visibility map
        # (index-only counts) and the planner's statistics now.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE complaints_complaint")
    busiest = (
        Complaint.objects.exclude(administration=None)
        .values_list("administration_id", flat=True)
        .annotate(n=django.db.models.Count("pk"))
        .order_by("-n")
        .first()
    )
    officer, _created = User.objects.get_or_create(
        email="bench.officer@example.org",
        defaults={"full_name": "Bench Officer", "is_staff": True},
    )
    officer.administration_id = busiest
    officer.is_staff = True
    officer.save()
    officer.groups.add(django.contrib.auth.models.Group.objects.get(name=roles.COMPLAINTS_OFFICER))
    return max(missing, 0)


class _Quiet:
    def write(self, line):
        pass


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(client, path, repeat):
    response = client.get(path)  # warm up
    assert response.status_code == 200, (path, response.status_code)
    wall = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path)
        wall.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(wall), percentile(wall, 95)


def main() -> int:
    from complaints import analytics
    from complaints.models import Complaint
    from ogp_portal.accounts.models import User

    started = time.perf_counter()
    built = build(ARGS.complaints)
    total = Complaint.objects.count()
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); {total:,} "
        f"complaints, {built:,} generated in {time.perf_counter() - started:.1f} s"
    )
    missed = []
    rows = []

    durations = []
    for _ in range(ARGS.recompute):
        t0 = time.perf_counter()
        snapshot = analytics.compute_snapshot()
        durations.append(time.perf_counter() - t0)
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in analytics.last_timings.items())
        print(
            f"recompute: {durations[-1]:.1f} s ({phases}); {snapshot.rows.count()} rows, "
            f"{snapshot.topics.count()} topics from {snapshot.topics_sample:,} sampled texts"
        )
    if durations and min(durations) > ARGS.recompute_target:
        missed.append("recompute")
    if durations:
        rows.append(("analytics recompute", min(durations), "s", ARGS.recompute_target))

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The officer is signed in by force_login: no second factor to enrol in a benchmark.
    with override_settings(
        SECURE_SSL_REDIRECT=False, STORAGES=storages, DEBUG=False, STAFF_MFA_REQUIRED=False
    ):
        client = Client()
        print(f"{'request':<44} {'p50 ms':>8} {'p95 ms':>8}")
        for path in ("/fr/complaints/", "/ar/complaints/"):
            p50, p95 = timed(client, path, ARGS.repeat)
            print(f"{'public dashboard ' + path:<44} {p50:8.1f} {p95:8.1f}")
            rows.append((f"public dashboard {path} p95", p95, "ms", ARGS.dashboard_target))
            if p95 > ARGS.dashboard_target:
                missed.append(path)
        officer = User.objects.get(email="bench.officer@example.org")
        scoped = Complaint.objects.filter(administration_id=officer.administration_id).count()
        client.force_login(officer)
        path = "/fr/admin/complaints/complaint/"
        p50, p95 = timed(client, path, ARGS.repeat)
        print(f"{f'officer changelist ({scoped:,} complaints)':<44} {p50:8.1f} {p95:8.1f}")
        rows.append(("officer changelist p95", p95, "ms", ARGS.changelist_target))
        if p95 > ARGS.changelist_target:
            missed.append("changelist")
    print(
        f"targets: recompute < {ARGS.recompute_target:.0f} s, dashboard p95 < "
        f"{ARGS.dashboard_target:.0f} ms, changelist p95 < {ARGS.changelist_target:.0f} ms -> "
        + (f"MISSED: {', '.join(missed)}" if missed else "met")
    )
    if ARGS.json:
        from bench import _common

        _common.emit_json(
            "complaints",
            [
                _common.row(
                    figure,
                    round(value, 1),
                    unit,
                    target=f"< {target:.0f} {unit}",
                    verdict="PASS" if value <= target else "FAIL",
                )
                for figure, value, unit, target in rows
            ],
            complaints=total,
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
