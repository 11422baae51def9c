"""Every public list and detail page at 16 concurrent clients on the seed_volume data (issue 8).

Target: p95 under 100 ms per page, beside the hello view's p95 from the same run (the
ceiling: the middleware stack and gunicorn, no database, no template).

The pages are discovered from the URLconf: every named route of the portal's apps under the
language prefix. Routes without arguments are list pages; routes with arguments are detail
pages, filled with one sample object per kind (SAMPLES below: the busiest object where that
matters, e.g. the petition with most signatures, the administration with most complaints).
Each candidate is fetched once anonymously; only those answering 200 with HTML are measured
(forms, staff pages, personal pages and exports redirect, refuse or answer other types).
Routes with arguments and no sample are listed as skipped, so a new page shows up.

The server is gunicorn with the production settings, as bench/bench_petitions_load.py starts
it (bench/bench_settings.py: the portal plus the hello view), over a database filled by
`manage.py seed_volume` (--seed-scale runs it first). Each page gets --duration seconds of
wrk with --clients connections after a warm-up.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_volume DEBUG=1 \\
        .venv/bin/python manage.py seed_volume --scale 0.2
    .venv/bin/python bench/bench_pages.py --database ogp_volume --duration 10
    .venv/bin/python bench/bench_pages.py --only petitions --duration 5 --json

Needs wrk, PostgreSQL on 127.0.0.1 and Redis. Exit status 1 when a page misses the target.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import _common  # noqa: E402

APPS = ["core", "directory", "transparency", "petitions", "integrity", "complaints",
        "csofunding", "opendata"]  # fmt: skip
# Route names never measured: forms, personal pages, staff pages, downloads and endpoints.
EXCLUDE = re.compile(
    r"(^|_)(new|create|mine|my_|edit|sign|submit|file|withdraw|paper|remove|signatures|"
    r"committee|confirm|invitation|altcha|staff|export|download|build|recent|alerts|follow|"
    r"clarify|appeal|attachment|document|rdf|report$|track|filed|options|propose|support|"
    r"comment|assess$|reply|evidence|360giving|count|progress_csv|catalog)"
)


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="ogp_volume", help="PostgreSQL database name")
    parser.add_argument("--seed-scale", type=float, default=None, help="run seed_volume first")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per page")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--target", type=float, default=100.0, help="p95 target in ms")
    parser.add_argument("--only", nargs="*", help="route names or namespaces to keep")
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON summary line")
    return parser.parse_args()


ARGS = _parse_args()
DATABASE_URL = f"{_common.PG_SERVER}/{ARGS.database}"
STATIC_ROOT = Path(tempfile.gettempdir()) / "ogp_bench_pages_static"
ENV = _common.server_env(DATABASE_URL, ARGS.port, ARGS.redis_db, STATIC_ROOT)
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402
from django.utils import translation  # noqa: E402

# --- discovery ---------------------------------------------------------------------------------


def routes() -> list[tuple[str, list[str]]]:
    """(namespace:name, [argument names]) of every named route of the apps."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and namespace in APPS:
                args = list(p.pattern.regex.groupindex)
                found.append((f"{namespace}:{p.name}", args))

    walk(get_resolver().url_patterns, None)
    seen, unique = set(), []
    for name, args in found:
        if name not in seen:
            seen.add(name)
            unique.append((name, args))
    return unique


def _first(qs, **fields):
    obj = qs.first()
    return {k: getattr(obj, v) for k, v in fields.items()} if obj else None


def samples() -> dict:
    """Arguments of one object per detail route: the busiest where the volume is."""
    from complaints.models import Complaint
    from csofunding.models import Association, Award, Call
    from integrity.models import Initiative
    from ogp_portal.directory.models import Administration, Region
    from opendata.models import Dataset, DatasetRequest, Reuse
    from petitions.models import Petition
    from transparency.models import ActionPlan, Commitment, Consultation, InformationRequest

    busiest_admin = (
        Complaint.objects.exclude(administration=None)
        .values_list("administration_id", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    admin = Administration.objects.filter(pk=busiest_admin).first() or (
        Administration.objects.first()
    )
    busiest_region = Region.objects.filter(code="06").first() or Region.objects.first()
    petition = (
        Petition.objects.public().annotate(n=Count("signatures")).order_by("-n", "pk").first()
    )
    commitment = (
        Commitment.objects.public().select_related("plan").order_by("plan_id", "pk").first()
    )
    funder = (
        Award.objects.published()
        .values_list("funder__slug", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    association = (
        Association.objects.annotate(n=Count("awards")).order_by("-n", "pk").first()
    )  # the association with most awards
    out = {
        "directory:administration": {"slug": admin.slug} if admin else None,
        "directory:region": {"code": busiest_region.code} if busiest_region else None,
        "transparency:request_detail": _first(
            InformationRequest.objects.public().filter(answered_on__isnull=False).order_by("pk"),
            reference="reference",
        ),
        "transparency:plan_detail": _first(ActionPlan.objects.order_by("pk"), slug="slug"),
        "transparency:commitment_list": _first(ActionPlan.objects.order_by("pk"), slug="slug"),
        "transparency:consultation_detail": _first(
            Consultation.objects.order_by("pk"), slug="slug"
        ),
        "petitions:detail": {"reference": petition.reference} if petition else None,
        "integrity:initiative": _first(Initiative.objects.public().order_by("pk"), pk="pk"),
        "csofunding:call": _first(Call.objects.order_by("pk"), reference="reference"),
        "csofunding:award": _first(
            Award.objects.published().order_by("-reference"), reference="reference"
        ),
        "csofunding:association": {"slug": association.slug} if association else None,
        "csofunding:funder": {"slug": funder} if funder else None,
        "opendata:dataset": _first(Dataset.objects.published().order_by("pk"), slug="slug"),
        "opendata:reuse": _first(Reuse.objects.order_by("pk"), pk="pk"),
        "opendata:request": _first(DatasetRequest.objects.order_by("pk"), pk="pk"),
    }
    if commitment:
        for name in ("transparency:commitment_detail", "transparency:coeval_commitment"):
            out[name] = {"slug": commitment.plan.slug, "number": commitment.number}
    return out


def pages() -> tuple[list[tuple[str, str]], list[str]]:
    """[(route, path)] to measure and [route] skipped for want of a sample."""
    picked, skipped = [], []
    known = samples()
    with translation.override(ARGS.lang):
        for name, args in routes():
            short = name.split(":", 1)[1]
            if EXCLUDE.search(short):
                continue
            if ARGS.only and not any(o in (name, name.split(":")[0]) for o in ARGS.only):
                continue
            if not args:
                picked.append((name, reverse(name)))
            elif known.get(name):
                picked.append((name, reverse(name, kwargs=known[name])))
            else:
                skipped.append(name)
    return picked, skipped


def probe(path: str, timeout: float = 60) -> tuple[int, str]:
    """One GET: (status, content type); (0, "") when the server did not answer in time."""
    try:
        with urllib.request.urlopen(  # noqa: S310
            f"http://127.0.0.1:{ARGS.port}{path}", timeout=timeout
        ) as response:
            response.read()
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def solo(path: str, repeat: int = 3) -> float:
    """Best of `repeat` single requests, in ms: the page's own cost, without queueing."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        probe(path)
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def drain(limit: float = 120.0) -> float:
    """Wait until the workers have finished what wrk left queued (sync workers finish every
    request they accepted, even after the client went away): the hello view answers fast."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        t0 = time.monotonic()
        status, _type = probe("/bench/hello", timeout=5)
        if status == 200 and time.monotonic() - t0 < 0.2:
            break
        time.sleep(0.2)
    return time.monotonic() - started


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    _common.ensure_postgres_database(DATABASE_URL)
    env = {**os.environ, "DEBUG": "1", "CELERY_BROKER_URL": "", "DJANGO_SETTINGS_MODULE":
           "ogp_portal.settings"}  # fmt: skip
    commands = [["migrate", "-v0"]]  # the code under test may have added migrations
    if ARGS.seed_scale is not None:
        commands.append(["seed_volume", "--scale", str(ARGS.seed_scale)])
    for command in commands:
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    from complaints.models import Complaint
    from opendata.models import Dataset
    from petitions.models import Signature
    from transparency.models import InformationRequest

    volume = {
        "signatures": Signature.objects.count(),
        "complaints": Complaint.objects.count(),
        "requests": InformationRequest.objects.count(),
        "awards": django.apps.apps.get_model("csofunding", "Award").objects.count(),
        "datasets": Dataset.objects.count(),
    }
    print(f"database {ARGS.database}: " + ", ".join(f"{v:,} {k}" for k, v in volume.items()))
    candidates, skipped = pages()
    _common.collectstatic(ENV)
    _common.flush_redis(ENV)
    workdir = Path(tempfile.mkdtemp(prefix="bench_pages_"))
    script = workdir / "summary.lua"
    script.write_text(_common.WRK_SCRIPT)
    server = _common.start_gunicorn(ENV, ARGS.port, ARGS.workers, workdir / "gunicorn.log")
    base = f"http://127.0.0.1:{ARGS.port}"
    results, not_measured = [], []
    try:
        measured = []
        for name, path in candidates:
            status, content_type = probe(path)
            if status == 200 and content_type.startswith("text/html"):
                measured.append((name, path))
            else:
                not_measured.append((name, path, status))
        print(
            f"{len(measured)} pages to measure, {ARGS.clients} clients, {ARGS.duration} s each, "
            f"{ARGS.workers} gunicorn workers; machine: {os.cpu_count()} cores, load "
            f"{_common.load_average()}"
        )
        load_before = _common.load_average()
        _common.wrk(f"{base}/bench/hello", ARGS.clients, ARGS.warmup, script=script)
        hello = _common.wrk(f"{base}/bench/hello", ARGS.clients, ARGS.duration, script=script)
        ceiling = hello["p95_us"] / 1000
        print(
            f"{'page':<36} {'path':<44} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'errors':>6} {'solo ms':>7}  verdict"
        )
        print(
            f"{'hello view (ceiling)':<36} {'/bench/hello':<44} {hello['rate']:>7.0f} "
            f"{hello['p50_us'] / 1000:>7.1f} {ceiling:>7.1f} {hello['status']:>6}"
        )
        for name, path in measured:
            if ARGS.warmup:
                _common.wrk(f"{base}{path}", ARGS.clients, ARGS.warmup, script=script)
                drain()
            alone = solo(path)
            r = _common.wrk(f"{base}{path}", ARGS.clients, ARGS.duration, script=script)
            drain()
            p50, p95 = r["p50_us"] / 1000, r["p95_us"] / 1000
            if not r["requests"]:  # nothing completed within the duration
                p50 = p95 = float("inf")
            errors = r["status"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
            ok = p95 < ARGS.target and errors == 0 and r["requests"] > 0
            results.append((name, path, r, p50, p95, errors, ok))
            print(
                f"{name:<36} {path[:44]:<44} {r['rate']:>7.0f} {p50:>7.1f} {p95:>7.1f} "
                f"{errors:>6} {alone:>7.1f}  {'PASS' if ok else 'FAIL'}",
                flush=True,
            )
        load_after = _common.load_average()
    finally:
        _common.stop(server)
        _common.flush_redis(ENV)
    for name, path, status in not_measured:
        print(f"not measured (HTTP {status} or not HTML): {name} {path}")
    for name in skipped:
        print(f"skipped (no sample object): {name}")
    misses = [r for r in results if not r[6]]
    print(
        f"target: every page p95 < {ARGS.target:.0f} ms at {ARGS.clients} clients (hello p95 "
        f"{ceiling:.1f} ms) -> {len(results) - len(misses)}/{len(results)} PASS"
        + (f"; MISSED: {', '.join(r[0] for r in misses)}" if misses else "")
    )
    print(f"load average before: {load_before}; after: {load_after}; gunicorn log in {workdir}")
    if ARGS.json:
        rows = [
            _common.row(
                f"{name} p95",
                round(p95, 1) if p95 != float("inf") else None,
                "ms",
                ceiling=f"hello p95 {ceiling:.1f} ms",
                target=f"< {ARGS.target:.0f} ms",
                verdict="PASS" if ok else "FAIL",
            )
            for name, _path, _r, _p50, p95, _e, ok in results
        ]
        _common.emit_json("pages", rows, volume=volume, clients=ARGS.clients)
    return 1 if misses or not results else 0


if __name__ == "__main__":
    # A SIGTERM (timeout, make interrupted) unwinds through main's `finally`: gunicorn stops.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    started = time.perf_counter()
    code = main()
    print(f"bench_pages: {time.perf_counter() - started:.0f} s")
    sys.exit(code)
