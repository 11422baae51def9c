"""/healthz: the database, the cache and the queue's lag, as states with no detail."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

from ogp_portal.core import health
from ogp_portal.core.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_it_reports_every_check_as_a_state(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "queue": {"state": "eager"}},
    }
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_without_detail_when_the_database_is_down(client):
    with mock.patch.object(
        health.connection, "cursor", side_effect=OperationalError("host db.internal:5432 refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"] == "down"
    assert b"db.internal" not in response.content and b"refused" not in response.content


def test_a_dead_cache_degrades_without_failing(client):
    with mock.patch.object(health.cache, "set", side_effect=ConnectionError("redis:6379")):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "down"
    assert b"6379" not in response.content


def test_with_a_broker_a_fresh_heartbeat_is_ok(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    health.record_heartbeat(now=1_000.0)

    assert health.check_queue(now=1_042.4) == {"state": "ok", "heartbeat_age_seconds": 42}


def test_a_stale_or_missing_heartbeat_is_late(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    health.cache.delete(health.HEARTBEAT_KEY)
    assert health.check_queue(now=5_000.0)["state"] == "late"

    health.record_heartbeat(now=1_000.0)
    late = health.check_queue(now=1_000.0 + health.HEARTBEAT_STALE_AFTER + 1)
    assert late == {"state": "late", "heartbeat_age_seconds": health.HEARTBEAT_STALE_AFTER + 1}
    body, status = health.report(now=1_000.0 + health.HEARTBEAT_STALE_AFTER + 1)
    assert (body["status"], status) == ("degraded", 200)


def test_the_heartbeat_task_records_the_time():
    health.cache.delete(health.HEARTBEAT_KEY)
    heartbeat.delay()
    assert health.cache.get(health.HEARTBEAT_KEY) is not None


def test_with_a_redis_broker_the_backlog_is_counted(settings):
    import redis as redis_lib

    url = (settings.REDIS_URL or "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/14"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    client = redis_lib.Redis.from_url(url)
    try:
        client.delete(health.QUEUE_NAME)
        client.rpush(health.QUEUE_NAME, "a", "b", "c")
        health.record_heartbeat(now=100.0)
        assert health.check_queue(now=110.0) == {
            "state": "ok",
            "heartbeat_age_seconds": 10,
            "backlog": 3,
        }
    finally:
        client.delete(health.QUEUE_NAME)
        client.close()


def test_an_unreachable_broker_is_down_without_detail(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert health.check_queue(now=1.0) == {"state": "down"}
