"""Reads from a PostgreSQL read replica, when one is configured (DATABASE_REPLICA_URL).

Only what cannot see replication lag goes to the replica: the queries of an anonymous
visitor's GET or HEAD request (public pages, the API, open data endpoints). Everything a
signed-in user reads, every write and everything outside a request (Celery tasks, commands)
stays on the primary, so nobody ever misses what they have just done.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Marks anonymous GET and HEAD requests as safe to read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        token = _use_replica.set(safe and replica_configured())
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)


def replica_lag_seconds() -> float | None:
    """How far the replica is behind (None without one), for monitoring."""
    if not replica_configured():
        return None
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)"
        )
        return float(cursor.fetchone()[0])
