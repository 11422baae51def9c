"""How fast the open data catalogue answers on the demo (about 260 datasets, 480 resources).

Times the faceted catalogue page, a filtered search, CKAN's package_search with facets,
and the DCAT-AP catalogue in Turtle (100 datasets a page), best and median of --repeat runs,
through Django's test client (no network). Needs a seeded database:

    DATABASE_URL=sqlite:////tmp/opendata.sqlite3 DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/opendata.sqlite3 DEBUG=1 .venv/bin/python manage.py seed_demo --only directory accounts opendata
    DATABASE_URL=sqlite:////tmp/opendata.sqlite3 .venv/bin/python bench/bench_opendata.py --repeat 5

Exit status 1 when a best time is over --target seconds (default 1.0).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402

CASES = [
    ("catalogue page with facets (ar)", "/ar/opendata/"),
    ("filtered search (fr)", "/fr/opendata/?theme=health&format=CSV&q=hôpitaux"),
    (
        "CKAN package_search + 3 facets",
        '/api/3/action/package_search?rows=20&facet.field=["organization","res_format","groups"]',
    ),
    ("DCAT-AP catalogue, Turtle, page 1", "/catalog.ttl"),
    ("dataset page (fr)", None),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=1.0)
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    args = parser.parse_args()
    from opendata.models import Dataset

    dataset = Dataset.objects.published().order_by("pk").first()
    if dataset is None:
        print("No dataset: seed the demo first (see the docstring).")
        return 2
    client = Client()
    slow = False
    rows = []
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
        ROOT_URLCONF="tests.opendata.urls", SECURE_SSL_REDIRECT=False, STORAGES=storages
    ):
        print(f"{Dataset.objects.published().count()} published datasets")
        for label, path in CASES:
            path = path or f"/fr/opendata/datasets/{dataset.slug}/"
            client.get(path)  # warm up
            wall = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(path)
                wall.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
            best, median = min(wall), statistics.median(wall)
            slow |= best > args.target
            print(f"{label:<40} best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms")
            rows.append((label, best))
    if args.json:
        from bench import _common

        _common.emit_json(
            "opendata",
            [
                _common.row(
                    f"{label}, best",
                    round(best * 1000, 1),
                    "ms",
                    target=f"< {args.target * 1000:.0f} ms",
                    verdict="PASS" if best <= args.target else "FAIL",
                )
                for label, best in rows
            ],
        )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
