"""How long the PDF progress report of a 22-commitment, 150-milestone plan takes (target < 5 s).

Builds the plan with transparency.reports.sample.sample_plan (five themes, trilingual texts,
IRM ratings, two published updates per commitment), then times, per language, gathering the
data (transparency.reports.builder) and rendering the PDF (transparency.reports.pdf), best and
median of --repeat runs, wall-clock and CPU seconds (CPU time is what to compare when other
processes share the machine).

By default it works in a throwaway SQLite file (created, then deleted):

    .venv/bin/python bench/bench_progress_report.py

On PostgreSQL, in a database of its own (the script creates the tables with
`migrate` then `migrate --run-syncdb`, and deletes the plan it made afterwards):

    createdb -h 127.0.0.1 -U postgres ogp_bench_reports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench_reports \\
        .venv/bin/python bench/bench_progress_report.py --repeat 3

Options: --languages ar fr en, --commitments, --milestones, --repeat, --keep DIR (write the PDFs).
Exit status 1 when the best PDF time of a language is over --target seconds.
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogp_portal.settings")
# Production-like: DEBUG off (no query log). Settings then want a secret key; nothing is signed.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
_TEMP_DB = None
if not os.environ.get("DATABASE_URL"):
    _TEMP_DB = Path(tempfile.mkdtemp(prefix="bench-reports-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{_TEMP_DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from transparency.models import ActionPlan  # noqa: E402
from transparency.plan.scales import ensure_reference_data  # noqa: E402
from transparency.reports.builder import build_report_data  # noqa: E402
from transparency.reports.pdf import render_pdf  # noqa: E402
from transparency.reports.sample import sample_plan  # noqa: E402

SLUG = "bench-progress-report"


def _pages(pdf: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency
        return "?"
    import io

    return str(len(PdfReader(io.BytesIO(pdf)).pages))


def _timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["ar", "fr"])
    parser.add_argument("--commitments", type=int, default=22)
    parser.add_argument("--milestones", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3, help="runs per language (default 3)")
    parser.add_argument("--target", type=float, default=5.0, help="seconds (default 5)")
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    args = parser.parse_args()

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # Migrated apps first, then the tables of apps without migrations (transparency, during
    # development): in one call syncdb runs first and PostgreSQL rejects its foreign keys.
    call_command("migrate", verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)
    ensure_reference_data()
    ActionPlan.objects.filter(slug=SLUG).delete()
    plan = sample_plan(slug=SLUG, commitments=args.commitments, milestones=args.milestones)
    print(
        f"{connection.vendor}: plan of {args.commitments} commitments, {args.milestones} "
        f"milestones; {args.repeat} runs per language; load average {os.getloadavg()[0]:.2f}"
    )

    slow = False
    rows = []
    try:
        for language in args.languages:
            walls, cpus, gathers = [], [], []
            for _run in range(args.repeat):
                data, gather, _cpu = _timed(
                    lambda lang=language: build_report_data(plan, language=lang)
                )
                pdf, wall, cpu = _timed(lambda data=data: render_pdf(data))
                walls.append(wall)
                cpus.append(cpu)
                gathers.append(gather)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"progress-report-{language}.pdf").write_bytes(pdf)
            best = min(walls)
            slow = slow or best > args.target
            rows.append((language, best, min(cpus)))
            print(
                f"{language}: PDF best {best:.2f} s, median {statistics.median(walls):.2f} s "
                f"(CPU best {min(cpus):.2f} s); data {min(gathers):.3f} s; "
                f"{_pages(pdf)} pages, "
                f"{len(pdf) / 1024:.0f} KiB {'SLOW' if best > args.target else 'ok'}"
            )
    finally:
        ActionPlan.objects.filter(slug=SLUG).delete()
        if _TEMP_DB is not None:
            connection.close()
            for path in _TEMP_DB.parent.iterdir():
                path.unlink()
            _TEMP_DB.parent.rmdir()
    if args.json:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench import _common

        _common.emit_json(
            "progress_report",
            [
                _common.row(
                    f"progress report PDF ({language}), best",
                    round(best, 2),
                    "s",
                    ceiling=f"CPU {cpu:.2f} s",
                    target=f"< {args.target:.0f} s",
                    verdict="PASS" if best <= args.target else "FAIL",
                )
                for language, best, cpu in rows
            ],
        )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
