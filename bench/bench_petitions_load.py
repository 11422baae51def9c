"""A national signing surge on one petition (issue 4): gunicorn, PostgreSQL, 1 M signatures.

Builds (or reuses) the PostgreSQL database ogp_bench_petitions: migrates it, loads the
territories and administrations, creates one national petition open for signature and COPYs
--signatures confirmed signatures into it (random HMAC-looking CIN hashes, none of which a
load CIN can produce), counts them with the counting code, and copies the rows into
`bench_signature`, the same table shape, for the insert-only ceiling.

Then it starts gunicorn with the production settings (DEBUG off, Redis cache, whitenoise's
manifest storage, persistent connections) through bench/bench_settings.py, which only adds
two ceiling views (bench/benchviews.py), and drives it with wrk (bench/petitions_load.lua):

  1. hello view (middleware, no database), --connections, --duration s;
  2. insert-only view (one INSERT into bench_signature), same load;
  3. the petition page alone, --page-connections;
  4. storm: the full signing form (CSRF cookie and token fetched from the page, unique CIN
     and email, a solved ALTCHA challenge, every required field) at --connections, with the
     petition page at --page-connections in a second wrk at the same time;
  5. the same storm with the hello view at --page-connections instead of the page (the
     like-for-like ceiling for the page under load; --no-storm-hello skips it).

The signers are anonymous: an accepted signature is one INSERT and a 303 to the "check your
email" page; the confirmation emails go out from the batch task (petitions.tasks
.send_signature_confirmations, every few seconds in production), which the script runs after
the storms (dummy email backend), timing it. Then it confirms every new signature in SQL (as
the email links would), runs the counting task one interval later, and reconciles: rows
added == accepted responses (303) == confirmation emails sent == count delta (petition,
regions, provinces), no duplicate CIN hash, nightly recount drift 0.

    .venv/bin/python bench/bench_petitions_load.py
    .venv/bin/python bench/bench_petitions_load.py --signatures 1000000 --duration 30 --connections 64
    .venv/bin/python bench/bench_petitions_load.py --profile 150     # CPU per part of a signature

Needs wrk (Debian: apt-get install -y wrk), PostgreSQL on 127.0.0.1 (trust auth) and Redis.
Exit status 1 when a target is missed or the reconciliation is not exact.
"""

import argparse
import base64
import datetime
import getpass
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "ogp_bench_petitions"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REFERENCE = "PET-BENCH-000001"
BENCH_KEYS = {  # throwaway keys, shared by this script and the gunicorn it starts
    "SECRET_KEY": "bench-petitions-secret-key-not-for-production-0123456789",
    "CIN_HASH_KEY": "bench-petitions-cin-key-not-for-production",
    "ALTCHA_HMAC_KEY": "bench-petitions-altcha-key-not-for-production",
}
SEED_DOMAIN = "seed.bench.example.org"
LOAD_DOMAIN = "signers.bench.example.org"


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signatures", type=int, default=1_000_000, help="existing signatures")
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--page-connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads (>1: gthread)")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765, help="where wrk sends the load")
    parser.add_argument(
        "--proxy",
        choices=["auto", "on", "off"],
        default="auto",
        help="the caching nginx of deploy/nginx in front of gunicorn (auto: when nginx is "
        "installed); gunicorn then listens on --port + 1",
    )
    parser.add_argument("--lang", default="ar", help="language prefix of the pages")
    parser.add_argument("--redis-db", type=int, default=11, help="Redis database number")
    parser.add_argument("--celery", choices=["eager", "broker"], default="eager")
    parser.add_argument("--altcha-field", default="altcha", help="empty: send no captcha")
    parser.add_argument("--altcha-max-number", type=int, default=50)
    parser.add_argument(
        "--pool-rate", type=int, default=1500, help="signing bodies prepared per second of storm"
    )
    parser.add_argument("--grace", type=int, default=5, help="s to drain requests in flight")
    parser.add_argument("--no-storm-hello", action="store_true")
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="reuse the collected static files"
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="CPU breakdown and profile of N signing POSTs"
    )
    parser.add_argument("--sign-target", type=float, default=500.0)
    parser.add_argument("--sign-share", type=float, default=0.45)
    parser.add_argument("--page-share", type=float, default=0.60)
    parser.add_argument("--page-p99-ms", type=float, default=100.0)
    return parser.parse_args()


ARGS = _parse_args()
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
if ARGS.proxy == "on" and not NGINX:
    sys.exit("--proxy on: nginx is not installed (Debian: apt-get install -y nginx-light)")
USE_PROXY = ARGS.proxy == "on" or (ARGS.proxy == "auto" and NGINX is not None)
GUNICORN_PORT = ARGS.port + 1 if USE_PROXY else ARGS.port
REDIS_URL = f"redis://127.0.0.1:6379/{ARGS.redis_db}"
STATIC_ROOT = Path(tempfile.gettempdir()) / "ogp_bench_petitions_static"
SERVER_ENV = {
    **BENCH_KEYS,
    "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
    "DATABASE_URL": f"{PG_SERVER}/{DB_NAME}",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": f"http://127.0.0.1:{ARGS.port}",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "REDIS_URL": REDIS_URL,
    "CELERY_BROKER_URL": REDIS_URL,
    "CELERY_TASK_ALWAYS_EAGER": "1" if ARGS.celery == "eager" else "0",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "SMS_BACKEND": "ogp_portal.core.sms.LocmemSmsBackend",
    # One load generator on 127.0.0.1 stands for a surge from many addresses: the per-IP
    # signing limits stay on (their Redis round trips are part of every request) but never trip.
    "RATELIMIT_ENABLE": "1",
    "PETITIONS_SIGN_RATE_BURST": "1000000000/m",
    "PETITIONS_SIGN_RATE_SUSTAINED": "1000000000/h",
    "STATIC_ROOT": str(STATIC_ROOT),
    "LOG_LEVEL": "WARNING",
    # Behind the proxy, the client's address is the one nginx appends to X-Forwarded-For.
    "TRUSTED_PROXY_COUNT": "1" if USE_PROXY else "0",
}
os.environ.update(SERVER_ENV)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

# --- the database -----------------------------------------------------------------------


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
            print(f"created database {DB_NAME}")


def ensure_petition():
    from ogp_portal.directory.demo import seed as seed_directory
    from ogp_portal.directory.models import Administration, Region
    from petitions.models import Petition, Theme
    from petitions.thresholds import ensure_default_rules

    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        seed_directory(io.StringIO())
    ensure_default_rules()
    petition = Petition.objects.filter(reference=REFERENCE).first()
    if petition is None:
        now = timezone.now()
        petition = Petition.objects.create(
            reference=REFERENCE,
            kind=Petition.Kind.NATIONAL_PETITION,
            addressee=Administration.objects.get(slug="chef-du-gouvernement"),
            theme=Theme.GOVERNANCE,
            title="Pétition nationale de test de charge (1 million de signatures)",
            text="Une pétition fictive pour mesurer la signature en masse.",
            memo="Mémoire fictif.",
            confirms_general_interest=True,
            confirms_constants=True,
            confirms_no_court_case=True,
            confirms_not_discriminatory=True,
            status=Petition.Status.COLLECTING,
            required_signatures=4000,
            published_at=now - datetime.timedelta(days=10),
            collection_ends_on=(now + datetime.timedelta(days=80)).date(),
        )
    return petition


def province_pairs() -> list[tuple[int, int]]:
    from ogp_portal.directory.models import Province

    # Provinces and prefectures with a council: the signing form offers no other.
    return list(Province.objects.with_council().order_by("pk").values_list("region_id", "pk"))


SEED_COLUMNS = (
    "petition_id, full_name, email, cin_hash, region_id, province_id, show_first_name, "
    "public_first_name, notify_progress, confirmed_at, invalidated, invalidation_reason, ip, "
    "created_at"
)


def seed_signatures(petition, target: int) -> int:
    """COPY confirmed signatures until the petition has `target` rows; returns how many."""
    from petitions.models import Signature

    have = Signature.objects.filter(petition=petition).count()
    missing = target - have
    if missing <= 0:
        return 0
    pairs = province_pairs()
    rng = random.Random(have)
    now = timezone.now()
    span = datetime.timedelta(days=10).total_seconds()
    names = ["Salma", "Youssef", "Khadija", "Omar", "Fatima", "Hamza", "Imane", "Anas"]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.connection  # psycopg 3
        with raw.cursor().copy(
            f"COPY petitions_signature ({SEED_COLUMNS}) FROM STDIN"  # noqa: S608
        ) as copy:
            buf = io.StringIO()
            for k in range(have, have + missing):
                region, province = pairs[rng.randrange(len(pairs))]
                at = now - datetime.timedelta(seconds=span * (1 - k / max(target, 1)) + 60)
                # Not an HMAC of any CIN: sha256 of a seed string (the load's CINs are HMACs).
                cin_hash = hashlib.sha256(f"bench-seed-{k}".encode()).hexdigest()
                shown = k % 3 == 0
                first = names[k % len(names)] if shown else ""
                buf.write(
                    f"{petition.pk}\tSignataire {k}\tseed{k}@{SEED_DOMAIN}\t{cin_hash}\t"
                    f"{region}\t{province}\t{'t' if shown else 'f'}\t{first}\t"
                    f"{'t' if k % 4 == 0 else 'f'}\t{at.isoformat()}\tf\t\t10.{k >> 16 & 255}."
                    f"{k >> 8 & 255}.{k & 255}\t{at.isoformat()}\n"
                )
                if buf.tell() > 4_000_000:
                    copy.write(buf.getvalue())
                    buf = io.StringIO()
            copy.write(buf.getvalue())
        cursor.execute("ANALYZE petitions_signature")
    print(f"copied {missing} signatures in {time.perf_counter() - started:.1f} s")
    return missing


def ensure_bench_table(petition, target: int) -> None:
    """bench_signature: the signature table's shape and size, for the insert-only ceiling."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_signature (LIKE petitions_signature INCLUDING ALL)"
        )
        cursor.execute("SELECT count(*) FROM bench_signature")
        if cursor.fetchone()[0] < target:
            started = time.perf_counter()
            cursor.execute("TRUNCATE bench_signature")
            cursor.execute(
                f"INSERT INTO bench_signature ({SEED_COLUMNS}) SELECT {SEED_COLUMNS} "  # noqa: S608
                "FROM petitions_signature WHERE petition_id = %s ORDER BY id LIMIT %s",
                [petition.pk, target],
            )
            cursor.execute("ANALYZE bench_signature")
            print(f"filled bench_signature in {time.perf_counter() - started:.1f} s")
        cursor.execute("CREATE SEQUENCE IF NOT EXISTS bench_cin_prefix_seq")


def next_cin_prefix() -> str:
    """Two fresh letters per storm: CINs never repeat across runs (676 storms per database)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('bench_cin_prefix_seq')")
        n = cursor.fetchone()[0]
    if n > 26 * 26:
        sys.exit("CIN prefixes used up: drop and recreate the bench database.")
    n -= 1
    return chr(65 + n // 26) + chr(65 + n % 26)


def count_now(advance_seconds: int = 0) -> dict | None:
    """Run the counting task as the beat would `advance_seconds` from now."""
    from petitions import counting

    return counting.count_new_signatures(
        now=timezone.now() + datetime.timedelta(seconds=advance_seconds)
    )


def confirm_all(petition) -> int:
    """What the email links do, in one statement: confirm every unconfirmed signature."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE petitions_signature SET confirmed_at = now() "
            "WHERE petition_id = %s AND confirmed_at IS NULL",
            [petition.pk],
        )
        return cursor.rowcount


def state(petition) -> dict:
    from django.db.models import Sum

    from petitions.models import (
        PetitionCount,
        PetitionProvinceCount,
        PetitionRegionCount,
        Signature,
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(DISTINCT cin_hash), count(*) FILTER (WHERE confirmed_at IS NULL) "
            "FROM petitions_signature WHERE petition_id = %s",
            [petition.pk],
        )
        rows, distinct, unconfirmed = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM bench_signature")
        bench_rows = cursor.fetchone()[0]
    counts = PetitionCount.objects.filter(petition=petition).first()
    sigs = Signature.objects.filter(petition=petition)
    return {
        "rows": rows,
        "distinct_cin": distinct,
        "unconfirmed": unconfirmed,
        "bench_rows": bench_rows,
        "count": counts.confirmed if counts else 0,
        "regions": PetitionRegionCount.objects.filter(petition=petition).aggregate(
            n=Sum("confirmed")
        )["n"]
        or 0,
        "provinces": PetitionProvinceCount.objects.filter(petition=petition).aggregate(
            n=Sum("confirmed")
        )["n"]
        or 0,
        # Confirmation emails: sent by the batch task, stamped on the signature.
        "emails_sent": sigs.filter(confirmation_sent_at__isnull=False).count(),
        "emails_waiting": sigs.filter(
            confirmed_at__isnull=True, confirmation_sent_at__isnull=True
        ).count(),
    }


# --- the server ----------------------------------------------------------------------------


def collectstatic() -> None:
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"collectstatic into {STATIC_ROOT} in {time.perf_counter() - started:.1f} s")


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def start_gunicorn(log_path: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "ogp_portal.wsgi:application",
        "--chdir",
        str(ROOT),
        "--pythonpath",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{GUNICORN_PORT}",
        "--workers",
        str(ARGS.workers),
        "--timeout",
        "120",
        "--backlog",
        "2048",
        "--error-logfile",
        str(log_path),
    ]
    if ARGS.threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(ARGS.threads)]
    env = {**os.environ, **SERVER_ENV}
    process = subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            health = f"http://127.0.0.1:{GUNICORN_PORT}/healthz"
            with urllib.request.urlopen(health, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see {log_path}")
        time.sleep(0.3)
    stop(process)
    sys.exit(f"gunicorn did not answer within 60 s; see {log_path}")


NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf.template"


def start_nginx(workdir: Path) -> subprocess.Popen:
    """The production proxy (deploy/nginx/portal.conf.template, as docker-compose runs it) on
    --port, in front of gunicorn on --port + 1; its cache and temporary files in workdir.
    Its worker runs as the user running this script (the files are theirs)."""
    cache = workdir / "nginx-cache"
    temp = workdir / "nginx-temp"
    for folder in (cache, temp):
        folder.mkdir(exist_ok=True)
    values = {
        "PORTAL_UPSTREAM": f"127.0.0.1:{GUNICORN_PORT}",
        "PROXY_LISTEN": f"127.0.0.1:{ARGS.port}",
        "PROXY_CACHE_PATH": str(cache),
    }
    # As the nginx image's envsubst does it: only these ${NAMES}; nginx's own $variables stay.
    site = re.sub(r"\$\{([A-Z_]+)\}", lambda m: values[m.group(1)], NGINX_TEMPLATE.read_text())
    (workdir / "portal.conf").write_text(site)
    temps = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (workdir / "nginx.conf").write_text(
        f"""worker_processes 1;
user {getpass.getuser()};
daemon off;
pid {workdir / "nginx.pid"};
error_log {workdir / "nginx-error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
{temps}
    include {workdir / "portal.conf"};
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [NGINX, "-c", str(workdir / "nginx.conf"), "-p", str(workdir)],
        start_new_session=True,
        stderr=subprocess.STDOUT,
        stdout=(workdir / "nginx-error.log").open("a"),
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url()}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None:
            sys.exit(f"nginx exited with {process.returncode}; see {workdir / 'nginx-error.log'}")
        time.sleep(0.2)
    stop(process)
    sys.exit(f"nginx did not answer within 20 s; see {workdir / 'nginx-error.log'}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def base_url() -> str:
    return f"http://127.0.0.1:{ARGS.port}"


def get(path: str, cookie: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(f"{base_url()}{path}")  # noqa: S310
    if cookie:
        request.add_header("Cookie", f"csrftoken={cookie}")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read().decode()


# --- the signing bodies ----------------------------------------------------------------------

CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_pairs(path: str, n: int) -> tuple[list[tuple[str, str]], str]:
    """n (cookie, form token) pairs, each from its own GET of the signing page; and a page."""
    pairs, html = [], ""
    for _ in range(n):
        try:
            status, headers, html = get(path)
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"GET {path}: HTTP {exc.code}; see the gunicorn log") from None
        assert status == 200, (path, status)
        cookie = CSRF_COOKIE.search(headers.get("Set-Cookie", "") or "")
        token = CSRF_FIELD.search(html)
        assert cookie and token, "no CSRF cookie or token on the signing page"
        pairs.append((cookie.group(1), token.group(1)))
    return pairs, html


def form_fields(html: str) -> set[str]:
    """Names of the fields of the signing form (the <form> that holds the CIN)."""
    for form in re.findall(r"<form\b.*?</form>", html, flags=re.S):
        if 'name="cin"' in form:
            names = set(re.findall(r'\bname="([^"]+)"', form))
            return names
    return set()


def altcha_payload(key: str) -> str:
    import altcha

    challenge = altcha.create_challenge(
        altcha.ChallengeOptions(
            hmac_key=key,
            max_number=ARGS.altcha_max_number,
            expires=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=2),
        )
    )
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return base64.b64encode(
        json.dumps(
            {
                "algorithm": challenge.algorithm,
                "challenge": challenge.challenge,
                "number": solution.number,
                "salt": challenge.salt,
                "signature": challenge.signature,
            }
        ).encode()
    ).decode()


def write_sign_bodies(prefix: Path, path: str, pairs, pairs_regions) -> int:
    """One file per wrk thread; a line per request; returns the bodies written."""
    per_thread = max(1, ARGS.pool_rate * ARGS.duration // ARGS.wrk_threads)
    letters = next_cin_prefix()
    rng = random.Random(letters)
    written = 0
    for t in range(ARGS.wrk_threads):
        with open(f"{prefix}.{t}", "w") as out:
            out.write(path + "\n")
            for k in range(per_thread):
                cookie, token = pairs[(t * per_thread + k) % len(pairs)]
                region, province = pairs_regions[rng.randrange(len(pairs_regions))]
                serial = f"{t}{k:06d}"
                fields = {
                    "csrfmiddlewaretoken": token,
                    "full_name": f"Signataire {letters} {serial}",
                    "email": f"{letters.lower()}{serial}@{LOAD_DOMAIN}",
                    "cin": f"{letters}{serial}",
                    "region": region,
                    "province": province,
                    "eligible": "on",
                }
                if k % 3 == 0:
                    fields["show_first_name"] = "on"
                if k % 4 == 0:
                    fields["notify_progress"] = "on"
                if ARGS.altcha_field:
                    fields[ARGS.altcha_field] = altcha_payload(BENCH_KEYS["ALTCHA_HMAC_KEY"])
                out.write(f"{cookie}\t{urllib.parse.urlencode(fields)}\n")
                written += 1
    assert per_thread < 1_000_000
    return written


def write_insert_bodies(prefix: Path, petition, pairs_regions) -> None:
    per_thread = max(1, 4 * ARGS.pool_rate * ARGS.duration // ARGS.wrk_threads)
    letters = next_cin_prefix()
    rng = random.Random(letters)
    for t in range(ARGS.wrk_threads):
        with open(f"{prefix}.{t}", "w") as out:
            out.write("/bench/insert\n")
            for k in range(per_thread):
                region, province = pairs_regions[rng.randrange(len(pairs_regions))]
                serial = f"{t}{k:06d}"
                body = urllib.parse.urlencode(
                    {
                        "petition": petition.pk,
                        "region": region,
                        "province": province,
                        "cin": f"{letters}{serial}",
                        "full_name": f"Signataire {letters} {serial}",
                        "email": f"{letters.lower()}{serial}@{LOAD_DOMAIN}",
                    }
                )
                out.write(f"-\t{body}\n")


# --- load -------------------------------------------------------------------------------------


def check_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is not installed: apt-get install -y wrk (Debian), brew install wrk (macOS)")
    return wrk


LUA = ROOT / "bench" / "petitions_load.lua"


def wrk_command(mode: str, target: str, connections: int) -> list[str]:
    return [
        check_wrk(),
        "-t",
        str(min(ARGS.wrk_threads, connections)),
        "-c",
        str(connections),
        "-d",
        f"{ARGS.duration + ARGS.grace}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(LUA),
        base_url(),
        "--",
        mode,
        str(ARGS.duration),
        target,
    ]


def start_wrk(mode: str, target: str, connections: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        wrk_command(mode, target, connections),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    for line in out.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line[len("BENCH_JSON ") :])
            result["rate"] = (result["s2xx"] if result["ok"] == 0 else result["ok"]) / ARGS.duration
            # wrk calls request() once more than it sends (script_verify_request, thread 0).
            result["unanswered"] = result["issued"] - 1 - result["requests"]
            return result
    sys.exit(f"wrk printed no result:\n{out}")


class CpuMeter:
    """Cores used over a phase, per process (CPU seconds / wall seconds).

    gunicorn: its process group; pg: the PostgreSQL backends connected to the bench database
    (their process title names it); pg-other: every other postgres process (WAL writer,
    checkpointer, other databases of this server); redis; wrk: the load generators (children
    of this script, from their rusage); others: the rest of the machine, i.e. what else runs
    on it. /proc is polled every 0.2 s so that processes that end during the phase (database
    connections recycled after DB_CONN_MAX_AGE) are still counted.
    """

    GROUPS = ("gunicorn", "proxy", "pg", "pg-other", "redis", "wrk", "others")

    def __init__(self, gunicorn_pid: int, proxy_pid: int | None = None):
        self.gunicorn_pid = gunicorn_pid
        self.proxy_pid = proxy_pid
        self.tick = os.sysconf("SC_CLK_TCK")
        self.groups: dict[int, str] = {}

    def _machine(self) -> tuple[float, float]:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        return sum(values) / self.tick, (values[3] + values[4]) / self.tick

    def _group(self, pid: int, comm: str, pgid: int) -> str:
        if pgid == self.gunicorn_pid:
            return "gunicorn"
        if self.proxy_pid and pgid == self.proxy_pid:
            return "proxy"
        if comm.startswith("postgres"):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    title = f.read()
            except OSError:
                return "pg-other"
            return "pg" if f" {DB_NAME} ".encode() in title else "pg-other"
        if comm.startswith("redis"):
            return "redis"
        return ""

    def _poll(self) -> dict[int, float]:
        found = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                with open(f"/proc/{pid}/stat") as f:
                    raw = f.read()
            except OSError:
                continue
            rest = raw[raw.rindex(")") + 2 :].split()
            if pid not in self.groups:
                comm = raw[raw.index("(") + 1 : raw.rindex(")")]
                self.groups[pid] = self._group(pid, comm, int(rest[2]))
            if self.groups[pid]:
                found[pid] = (int(rest[11]) + int(rest[12])) / self.tick
        return found

    def _run(self):
        while not self.done.wait(0.2):
            self.last.update(self._poll())

    def start(self):
        import resource
        import threading

        self.groups = {}
        self.first = self._poll()
        self.last = dict(self.first)
        self.children = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.t0, self.m0 = time.monotonic(), self._machine()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def stop(self) -> dict:
        import resource

        self.done.set()
        self.thread.join()
        self.last.update(self._poll())
        wall = time.monotonic() - self.t0
        m1 = self._machine()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = dict.fromkeys(self.GROUPS, 0.0)
        for pid, cpu in self.last.items():
            used[self.groups[pid]] += cpu - self.first.get(pid, 0.0)
        used["wrk"] = (children.ru_utime + children.ru_stime) - (
            self.children.ru_utime + self.children.ru_stime
        )
        total, idle = m1[0] - self.m0[0], m1[1] - self.m0[1]
        cores = os.cpu_count() or 1
        busy = (total - idle) / (total / cores) if total else 0.0  # cores busy on average
        result = {k: used[k] / wall for k in self.GROUPS}
        result["others"] = max(0.0, busy - sum(result.values()))
        result["busy"] = busy
        result["load"] = os.getloadavg()
        return result

    @staticmethod
    def describe(cpu: dict) -> str:
        return (
            f"cores busy {cpu['busy']:.2f} = "
            + ", ".join(f"{k} {cpu[k]:.2f}" for k in CpuMeter.GROUPS)
            + f"; load {cpu['load'][0]:.1f}"
        )


COST_GROUPS = ("gunicorn", "proxy", "pg", "redis")


def cost(result: dict, minus: tuple[dict, dict] | None = None) -> dict:
    """CPU ms per request of the phase's server side (gunicorn, its PostgreSQL backends, Redis).

    `minus` = (other load's result, its cost): that load shared the phase (the petition page or
    hello during a storm); its requests are taken out at their own cost, measured alone.
    """
    cpu = result["cpu"]
    out = {}
    for group in COST_GROUPS:
        cores = cpu[group]
        if minus:
            other, other_cost = minus
            cores -= other["rate"] * other_cost[group] / 1000
        out[group] = max(0.0, cores) * 1000 / result["rate"] if result["rate"] else 0.0
    out["total"] = sum(out[g] for g in COST_GROUPS)
    out["capacity"] = (os.cpu_count() or 1) * 1000 / out["total"] if out["total"] else 0.0
    return out


def phase(name: str, meter: CpuMeter, *loads: tuple[str, str, int]) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
    meter.start()
    processes = [start_wrk(*load) for load in loads]
    results = [finish_wrk(p) for p in processes]
    cpu = meter.stop()
    for result in results:
        result["cpu"] = cpu
    print(
        f"  {name}: "
        + "; ".join(
            f"{r['rate']:.0f}/s p50 {r['p50_us'] / 1000:.1f} ms p99 {r['p99_us'] / 1000:.1f} ms"
            for r in results
        )
        + f"\n      [{CpuMeter.describe(cpu)}]",
        flush=True,
    )
    return results


# --- profile ---------------------------------------------------------------------------------


def profile(petition, n: int) -> int:
    """Where a signature's CPU goes, in this process through the test client (no network).

    CPU ms per request (time.process_time, so the machine's load matters little) of the
    signing POST as benchmarked and with one part switched off at a time, of the pages, then a
    cProfile (CPU clock) of n signing POSTs as benchmarked, cumulative, the portal's own code.
    """
    import cProfile
    import pstats

    from django.test import Client, override_settings

    pairs_regions = province_pairs()
    letters = next_cin_prefix()
    client = Client(HTTP_HOST="127.0.0.1")
    sign = f"/{ARGS.lang}/petitions/{REFERENCE}/sign/"
    page = f"/{ARGS.lang}/petitions/{REFERENCE}/"
    serial = iter(range(1_000_000))

    def body() -> dict:
        k = next(serial)
        region, province = pairs_regions[k % len(pairs_regions)]
        fields = {
            "full_name": f"Signataire {letters} {k}",
            "email": f"{letters.lower()}9{k:06d}@{LOAD_DOMAIN}",
            "cin": f"{letters}9{k:06d}",
            "region": region,
            "province": province,
            "eligible": "on",
            "show_first_name": "on",
        }
        if ARGS.altcha_field:
            fields[ARGS.altcha_field] = altcha_payload(BENCH_KEYS["ALTCHA_HMAC_KEY"])
        return fields

    def post(fields=None):
        response = client.post(sign, fields or body())
        assert response.status_code == 303, response.content[:3000]

    def measure(label, fn, repeat=n):
        for _ in range(10):
            fn()
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(repeat):
            fn()
        cpu = (time.process_time() - cpu) / repeat * 1000
        wall = (time.perf_counter() - wall) / repeat * 1000
        print(f"  {label:<58} {cpu:6.2f} {wall:8.2f}")

    from django.core.cache import cache

    from petitions import services
    from petitions.models import Signature

    print(f"{'':<60} {'CPU ms':>6} {'wall ms':>8}")
    measure("signing POST as benchmarked (one INSERT, 303)", post)
    with override_settings(RATELIMIT_ENABLE=False):
        measure("  without the per-IP rate limits", post)
    with override_settings(ALTCHA_VERIFICATION_ENABLED=False):
        measure("  without the ALTCHA verification", post)
    with override_settings(RATELIMIT_ENABLE=False, ALTCHA_VERIFICATION_ENABLED=False):
        measure("  no rate limits, no ALTCHA", post)
    waiting = Signature.objects.filter(
        confirmed_at__isnull=True, confirmation_sent_at__isnull=True
    ).count()
    cpu, wall = time.process_time(), time.perf_counter()
    sent = 0
    while batch := services.send_signature_confirmations():
        sent += batch
    if sent:
        print(
            f"  {'confirmation email, batch task (per email, ' + str(sent) + ' sent)':<58} "
            f"{(time.process_time() - cpu) / sent * 1000:6.2f} "
            f"{(time.perf_counter() - wall) / sent * 1000:8.2f}"
        )
    assert sent == waiting, (sent, waiting)
    signed = f"/{ARGS.lang}/petitions/{REFERENCE}/signed/"
    measure("GET signed page (anonymous: from the cache)", lambda: client.get(signed))
    measure("GET signing form", lambda: client.get(sign))
    measure("GET petition page (anonymous: from the cache)", lambda: client.get(page))

    def fresh_page():
        redis_client = cache._cache.get_client(write=True)
        keys = list(redis_client.scan_iter("*petitions.page:*"))
        if keys:
            redis_client.delete(*keys)
        client.get(page)

    measure("GET petition page, rendered (cache emptied)", fresh_page, repeat=max(10, n // 3))
    measure("GET hello view", lambda: client.get("/bench/hello"))

    bodies = [body() for _ in range(n)]
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for fields in bodies:
        post(fields)
    profiler.disable()
    print(f"\ncProfile (CPU clock, profiler overhead included) of {n} signing POSTs:")
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(r"petitions/|ratelimit|django_altcha|shortcuts|forms/forms|models/base", 25)
    confirm_all(petition)
    count_now(advance_seconds=_interval() + 1)
    return 0


def _interval() -> int:
    from petitions import counting

    return counting.interval_seconds()


# --- main --------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    check_wrk()
    ensure_database()
    started = time.perf_counter()
    petition = ensure_petition()
    seeded = seed_signatures(petition, ARGS.signatures)
    # Anything a previous, interrupted run left unconfirmed or uncounted is settled first.
    # The copied rows are confirmed in the past, behind the counting watermark: the nightly
    # recount (recomputes up to the watermark) brings them into the counts.
    confirm_all(petition)
    count_now(advance_seconds=_interval() + 1)
    from petitions import counting

    counting.recount_petition(petition.pk)
    ensure_bench_table(petition, ARGS.signatures)
    petition.refresh_from_db()
    before = state(petition)
    print(
        f"database {DB_NAME}: petition {REFERENCE} ({petition.status}), "
        f"{before['rows']} signatures ({seeded} copied now), count {before['count']}; "
        f"bench_signature {before['bench_rows']} rows; ready in {time.perf_counter() - started:.0f} s"
    )
    if ARGS.profile:
        return profile(petition, ARGS.profile)

    if not (ARGS.no_collectstatic and (STATIC_ROOT / "staticfiles.json").exists()):
        collectstatic()
    flush_redis()
    workdir = Path(tempfile.mkdtemp(prefix="bench_petitions_"))
    log = workdir / "gunicorn.log"
    server = start_gunicorn(log)
    proxy = None
    try:
        if USE_PROXY:
            proxy = start_nginx(workdir)
        return run(petition, before, server, workdir, proxy)
    finally:
        stop(proxy)
        stop(server)
        flush_redis()
        for bodies in workdir.iterdir():  # the request files (tens of MB); samples stay
            if re.fullmatch(r"[a-z_]+\.\d+", bodies.name):
                bodies.unlink()
        print(f"gunicorn stopped; its log and the refused-response samples are in {workdir}")


def run(petition, before: dict, server: subprocess.Popen, workdir: Path, proxy=None) -> int:
    lang = ARGS.lang
    page = f"/{lang}/petitions/{REFERENCE}/"
    sign = f"/{lang}/petitions/{REFERENCE}/sign/"
    pairs, html = csrf_pairs(sign, 64)
    fields = form_fields(html)
    # "abroad": a checkbox the generator leaves unchecked (residents sign).
    sent = {"csrfmiddlewaretoken", "full_name", "email", "cin", "region", "province", "eligible",
            "show_first_name", "notify_progress", "abroad"}  # fmt: skip
    if ARGS.altcha_field:
        sent.add(ARGS.altcha_field)
    print(f"signing form fields: {', '.join(sorted(fields))}")
    if fields - sent:
        print(f"  WARNING: fields the generator does not fill: {', '.join(sorted(fields - sent))}")
    if ARGS.altcha_field and ARGS.altcha_field not in fields:
        print(f"  (no '{ARGS.altcha_field}' field on the form yet: the payload is ignored)")
    for _ in range(20):  # warm every worker's template cache
        get(page)
        get("/bench/hello")
    pairs_regions = province_pairs()
    t0 = time.perf_counter()
    storms = ["storm"] + ([] if ARGS.no_storm_hello else ["storm_hello"])
    for name in storms:
        write_sign_bodies(workdir / name, sign, pairs, pairs_regions)
    write_insert_bodies(workdir / "insert", petition, pairs_regions)
    print(f"request bodies prepared in {time.perf_counter() - t0:.1f} s (in {workdir})")

    meter = CpuMeter(server.pid, proxy.pid if proxy else None)
    uptime_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: S607
    print(f"machine: {os.cpu_count()} cores; {uptime_before}")
    c, pc = ARGS.connections, ARGS.page_connections
    front = (
        f"through the caching nginx of deploy/nginx on :{ARGS.port} (gunicorn on :{GUNICORN_PORT})"
        if proxy
        else f"straight to gunicorn on :{GUNICORN_PORT} (no proxy)"
    )
    print(
        f"phases of {ARGS.duration} s (+{ARGS.grace} s drain), {ARGS.workers} gunicorn workers, "
        f"{front}:"
    )
    (hello,) = phase("hello view", meter, ("get", "/bench/hello", c))
    (insert,) = phase("insert-only view", meter, ("post", str(workdir / "insert"), c))
    (page_alone,) = phase("petition page alone", meter, ("get", page, pc))
    storm, page_storm = phase(
        "signing storm + petition page", meter,
        ("post", str(workdir / "storm"), c), ("get", page, pc),
    )  # fmt: skip
    storm2 = hello_storm = None
    if not ARGS.no_storm_hello:
        storm2, hello_storm = phase(
            "signing storm + hello view", meter,
            ("post", str(workdir / "storm_hello"), c), ("get", "/bench/hello", pc),
        )  # fmt: skip
    uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: S607

    # --- reconcile
    after_load = state(petition)
    # The confirmation emails, as the beat's batch task sends them (dummy email backend).
    from petitions import services

    t0 = time.perf_counter()
    emailed = 0
    while batch := services.send_signature_confirmations():
        emailed += batch
    email_seconds = time.perf_counter() - t0
    confirmed = confirm_all(petition)
    t0 = time.perf_counter()
    added = count_now(advance_seconds=_interval() + 1)
    count_seconds = time.perf_counter() - t0
    from petitions import counting

    t0 = time.perf_counter()
    drift = counting.recount_petition(petition.pk)
    recount_seconds = time.perf_counter() - t0
    after = state(petition)
    storms_run = [s for s in (storm, storm2) if s]
    accepted = sum(s["ok"] for s in storms_run)
    rows_added = after["rows"] - before["rows"]
    rec = {
        "accepted responses (303)": accepted,
        "signature rows added": rows_added,
        "petition count delta": after["count"] - before["count"],
        "region counts delta": after["regions"] - before["regions"],
        "province counts delta": after["provinces"] - before["provinces"],
        "confirmation emails sent": after["emails_sent"] - before["emails_sent"],
    }
    duplicates = after["rows"] - after["distinct_cin"]
    exact = (
        len(set(rec.values())) == 1
        and duplicates == 0
        and not any(drift[k] for k in ("total", "regions", "provinces"))
    )

    # --- report
    sign_ok = storm["rate"] >= ARGS.sign_target
    share = storm["rate"] / insert["rate"] if insert["rate"] else 0
    page_share = page_storm["rate"] / hello["rate"] if hello["rate"] else 0
    page_p99 = page_storm["p99_us"] / 1000
    rows = [
        ("hello view (ceiling)", hello, "", ""),
        ("insert-only view (ceiling)", insert, "", ""),
        ("petition page alone", page_alone, "", ""),
        (
            "signing storm: accepted signatures",
            storm,
            f">= {ARGS.sign_target:.0f}/s and >= {ARGS.sign_share:.0%} of insert-only "
            f"({share:.1%})",
            verdict(sign_ok and share >= ARGS.sign_share),
        ),
        (
            "petition page during the storm",
            page_storm,
            f">= {ARGS.page_share:.0%} of hello ({page_share:.1%}), p99 < "
            f"{ARGS.page_p99_ms:.0f} ms",
            verdict(page_share >= ARGS.page_share and page_p99 < ARGS.page_p99_ms),
        ),
    ]
    if storm2:
        fair = page_storm["rate"] / hello_storm["rate"] if hello_storm["rate"] else 0
        rows += [
            ("signing storm (second)", storm2, "", ""),
            (
                "hello view during a storm",
                hello_storm,
                f"page/hello under the same storm: {fair:.1%}",
                "",
            ),
        ]
    print()
    print(
        f"{'figure':<36} {'conn':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'not ok':>7}  target -> verdict"
    )
    for label, r, target, v in rows:
        conns = ARGS.page_connections if "page" in label or "during" in label else c
        non2xx = r["requests"] - r["ok"]  # neither 2xx nor an accepted 303, or a form again
        print(
            f"{label:<36} {conns:>4} {r['rate']:>8.1f} {r['p50_us'] / 1000:>8.1f} "
            f"{r['p99_us'] / 1000:>8.1f} {non2xx:>7}  {target}{' -> ' + v if v else ''}"
        )
    print()
    hello_cost, insert_cost, page_cost = cost(hello), cost(insert), cost(page_alone)
    costs = [
        ("hello view", hello_cost),
        ("insert-only view", insert_cost),
        ("petition page", page_cost),
        ("signature (storm, page taken out)", cost(storm, (page_storm, page_cost))),
    ]
    if storm2:
        costs.append(("signature (storm 2, hello out)", cost(storm2, (hello_storm, hello_cost))))
    print(
        f"CPU per request (ms)                 {'gunicorn':>8} {'proxy':>6} {'pg':>6} {'redis':>6} "
        f"{'total':>6}  -> req/s if {os.cpu_count()} cores were all the server's"
    )
    for label, k in costs:
        print(
            f"{label:<36} {k['gunicorn']:>8.2f} {k['proxy']:>6.2f} {k['pg']:>6.2f} {k['redis']:>6.2f} "
            f"{k['total']:>6.2f}  -> {k['capacity']:.0f}"
        )
    print()
    for s_name, s in (("storm", storm), ("storm 2", storm2)):
        if s:
            print(
                f"{s_name}: {s['issued'] - 1} sent, {s['ok']} accepted (303), {s['rejected']} forms "
                f"shown again, 3xx/4xx/5xx {s['s3xx']}/{s['s4xx']}/{s['s5xx']}, socket errors "
                f"{s['err_connect']}/{s['err_read']}/{s['err_write']}, unanswered "
                f"{s['unanswered']}, bodies reused {s['wrapped']}"
            )
    print(
        f"after the load: {after_load['unconfirmed']} unconfirmed signatures, confirmed in SQL "
        f"({confirmed}); counting task {count_seconds * 1000:.0f} ms (added "
        f"{sum((added or {}).values())}), nightly recount {recount_seconds * 1000:.0f} ms, drift "
        f"{drift['total']}"
    )
    for label, value in rec.items():
        print(f"  {label:<30} {value}")
    print(f"  duplicate CIN hashes           {duplicates}")
    print(f"reconciliation: {'exact (0 lost, 0 duplicated)' if exact else 'NOT EXACT'}")
    print(
        f"confirmation emails: batch task sent {emailed} in {email_seconds:.1f} s "
        f"({emailed / email_seconds if email_seconds else 0:.0f}/s, dummy backend, one process); "
        f"{after['emails_waiting']} still waiting"
    )
    print(f"machine before: {uptime_before}")
    print(f"machine after:  {uptime_after}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(%s))", [DB_NAME])
        print(f"database {DB_NAME}: {cursor.fetchone()[0]}")
    for sample in sorted(workdir.glob("*.rejected.*")) + sorted(workdir.glob("*.status.*")):
        text = sample.read_text()
        errors = re.findall(
            r'class="[^"]*(?:invalid-feedback|alert-danger)[^"]*"[^>]*>(.*?)<', text, re.S
        )
        print(f"sample {sample.name}: {text.splitlines()[0]} {[e.strip() for e in errors][:3]}")
    met = (
        sign_ok
        and share >= ARGS.sign_share
        and page_share >= ARGS.page_share
        and page_p99 < ARGS.page_p99_ms
        and exact
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
