"""Helpers shared by the benchmarks: databases, a production gunicorn, percentiles, JSON lines.

Nothing here imports Django at module level: scripts set their environment first.

bench/bench_petitions_load.py has its own copies of the gunicorn helpers (it parses its
arguments and sets its environment when imported, so its functions cannot be imported);
`start_gunicorn` here starts the server the same way (same settings module, same production
environment, DEBUG off, Redis cache, whitenoise's manifest storage, persistent connections).
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
JSON_PREFIX = "BENCH_JSON "
BENCH_KEYS = {  # throwaway keys for the servers the benchmarks start
    "SECRET_KEY": "bench-pages-secret-key-not-for-production-0123456789abcdef",
    "CIN_HASH_KEY": "bench-pages-cin-key-not-for-production",
    "ALTCHA_HMAC_KEY": "bench-pages-altcha-key-not-for-production",
}


# --- databases -------------------------------------------------------------------------------


def ensure_postgres_database(url: str) -> bool:
    """CREATE DATABASE for a postgres:// URL if it does not exist; True when it was created."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        sys.exit(f"PostgreSQL needed, got {url}")
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
            return True
    return False


# --- figures ---------------------------------------------------------------------------------


def percentile(values, p):
    """Nearest-rank percentile (the one the other scripts use)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def row(figure: str, value, unit: str, ceiling="", target="", verdict="") -> dict:
    """One line of the `make bench` table."""
    return {
        "figure": figure,
        "value": value,
        "unit": unit,
        "ceiling": ceiling,
        "target": target,
        "verdict": verdict,
    }


def emit_json(bench: str, rows: list[dict], **extra) -> None:
    """The machine-readable summary: one line, `BENCH_JSON {...}`, read by bench/run_all.py."""
    payload = {"bench": bench, "load": load_average(), "rows": rows, **extra}
    print(JSON_PREFIX + json.dumps(payload, ensure_ascii=False), flush=True)


# --- a production server ---------------------------------------------------------------------


def server_env(database_url: str, port: int, redis_db: int, static_root: Path) -> dict:
    """Production settings (bench/bench_settings.py adds only the ceiling views)."""
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
    return {
        **BENCH_KEYS,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "SMS_BACKEND": "ogp_portal.core.sms.LocmemSmsBackend",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def collectstatic(env: dict) -> None:
    """collectstatic in a subprocess with the server's environment (manifest storage); every
    run, so that a static file added since the last run is in the manifest."""
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v", "0"],
        env={**os.environ, **env},
        check=True,
        cwd=ROOT,
    )


def flush_redis(env: dict) -> None:
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def start_gunicorn(env: dict, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "ogp_portal.wsgi:application",
        "--chdir",
        str(ROOT),
        "--pythonpath",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--backlog",
        "2048",
        "--error-logfile",
        str(log_path),
    ]
    process = subprocess.Popen(command, env={**os.environ, **env}, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see {log_path}")
        time.sleep(0.3)
    stop(process)
    sys.exit(f"gunicorn did not answer within 60 s; see {log_path}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- wrk -------------------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"max_us": %d, "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def wrk(url: str, connections: int, seconds: int, threads: int = 2, script: Path | None = None):
    """Run wrk against one URL; returns its JSON summary (latencies in µs, errors)."""
    command = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True)  # noqa: S603
    for line in out.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line.removeprefix("WRK_JSON "))
            result["rate"] = result["requests"] / max(result["duration_us"] / 1e6, 1e-9)
            return result
    raise RuntimeError(f"no summary from wrk: {out.stdout}\n{out.stderr}")
