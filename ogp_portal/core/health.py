"""What /healthz reports: the database, the cache and the Celery queue, as states only.

No host name, version or error text leaves this module: a load balancer needs to know
whether to send traffic, an attacker learns nothing. The details go to the log.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "core:celery-heartbeat"
HEARTBEAT_INTERVAL = 60
# A heartbeat older than this means the worker or beat stopped (or the queue is that late).
HEARTBEAT_STALE_AFTER = 5 * HEARTBEAT_INTERVAL
QUEUE_NAME = "celery"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"; the log has the detail
        logger.exception("healthz: the database does not answer")
        return "down"
    return "ok"


def check_cache() -> str:
    try:
        cache.set("core:healthz", "1", 30)
        if cache.get("core:healthz") != "1":
            return "down"
    except Exception:  # noqa: BLE001
        logger.exception("healthz: the cache does not answer")
        return "down"
    return "ok"


def record_heartbeat(now: float | None = None) -> None:
    cache.set(HEARTBEAT_KEY, now if now is not None else time.time(), None)


def _backlog() -> int | None:
    """Messages waiting in the Redis broker's default queue (None if not measurable)."""
    url = settings.CELERY_BROKER_URL or ""
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return int(client.llen(QUEUE_NAME))
    finally:
        client.close()


def check_queue(now: float | None = None) -> dict:
    """The queue's state: "eager" (no broker: tasks run in the request, make run and tests),
    "ok", "late" (the last heartbeat is stale) or "down" (the broker does not answer)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"state": "eager"}
    now = now if now is not None else time.time()
    try:
        backlog = _backlog()
        beat = cache.get(HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001
        logger.exception("healthz: the broker does not answer")
        return {"state": "down"}
    age = None if beat is None else max(0, round(now - float(beat)))
    state = "ok" if age is not None and age <= HEARTBEAT_STALE_AFTER else "late"
    result = {"state": state, "heartbeat_age_seconds": age}
    if backlog is not None:
        result["backlog"] = backlog
    return result


REPLICA_LATE_AFTER = 60


def check_replica() -> dict | None:
    """The read replica's lag, when there is one: "ok", "late" (over a minute behind: public
    pages show older figures) or "down"."""
    from .replica import replica_configured, replica_lag_seconds

    if not replica_configured():
        return None
    try:
        lag = replica_lag_seconds()
    except Exception:  # noqa: BLE001
        logger.exception("healthz: the read replica does not answer")
        return {"state": "down"}
    return {"state": "ok" if lag <= REPLICA_LATE_AFTER else "late", "lag_seconds": round(lag)}


def report(now: float | None = None) -> tuple[dict, int]:
    """The JSON body and HTTP status: 503 when the database is down (nothing works without
    it), 200 otherwise, with "degraded" when the cache or the queue is not right."""
    checks = {"database": check_database(), "cache": check_cache(), "queue": check_queue(now)}
    replica = check_replica()
    if replica is not None:
        checks["replica"] = replica
    if checks["database"] != "ok":
        return {"status": "down", "checks": checks}, 503
    degraded = (
        checks["cache"] != "ok"
        or checks["queue"]["state"] in ("late", "down")
        or checks.get("replica", {}).get("state") in ("late", "down")
    )
    return {"status": "degraded" if degraded else "ok", "checks": checks}, 200
