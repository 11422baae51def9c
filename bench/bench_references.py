"""How many reference numbers per second next_reference() hands out, with N threads.

Every call increments one counter row, so the row lock serialises the callers:
this measures the ceiling on new ATI requests, complaints or petitions per second
for one prefix (other prefixes and years have their own rows).

Needs PostgreSQL with the migrations applied, in a database of its own (the
benchmark writes counters under the prefix BENCH and deletes them afterwards):

    createdb -h 127.0.0.1 -U postgres ogp_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench .venv/bin/python bench/bench_references.py --threads 8 --calls 500

Each call runs in its own transaction (autocommit), as a view saving one new
request would. Prints the calls made, the seconds taken and references/second,
and checks that every number was handed out exactly once.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
# Production-like: DEBUG off (no query log). Settings then want a secret key; nothing here signs anything.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from ogp_portal.core.models import ReferenceCounter  # noqa: E402
from ogp_portal.core.references import next_reference  # noqa: E402

PREFIX = "BENCH"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8, help="concurrent callers (default 8)")
    parser.add_argument("--calls", type=int, default=500, help="calls per thread (default 500)")
    parser.add_argument("--year", type=int, default=2099, help="counter year to use (default 2099)")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    args = parser.parse_args()

    if not settings.IS_POSTGRES:
        print("DATABASE_URL must point to PostgreSQL (see the docstring).", file=sys.stderr)
        return 2

    ReferenceCounter.objects.filter(prefix=PREFIX).delete()
    connection.close()

    results: list[list[str]] = [[] for _ in range(args.threads)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(args.threads + 1)

    def work(index: int) -> None:
        try:
            next_reference(
                "WARM", year=args.year
            )  # open this thread's connection before the clock starts
            barrier.wait()
            mine = results[index]
            for _ in range(args.calls):
                mine.append(next_reference(PREFIX, year=args.year))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    references = [ref for mine in results for ref in mine]
    ReferenceCounter.objects.filter(prefix__in=[PREFIX, "WARM"]).delete()
    if errors:
        print(f"{len(errors)} thread(s) failed: {errors[0]!r}", file=sys.stderr)
        return 1
    expected = args.threads * args.calls
    if len(set(references)) != expected:
        print(f"DUPLICATES: {expected - len(set(references))} of {expected}", file=sys.stderr)
        return 1

    print(
        f"database: PostgreSQL {connection.pg_version // 10000}, {settings.DATABASES['default']['NAME']}"
    )
    print(f"{args.threads} threads x {args.calls} calls = {expected} references, all unique")
    print(f"{elapsed:.2f} s, {expected / elapsed:,.0f} references/second")
    if args.json:
        from bench import _common

        _common.emit_json(
            "references",
            [
                _common.row(
                    f"next_reference, {args.threads} threads x {args.calls}",
                    round(expected / elapsed),
                    "refs/s",
                    target="all unique",
                    verdict="PASS",
                )
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
