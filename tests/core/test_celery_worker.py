"""One task through a real worker and broker, so serialisation problems show up."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from ogp_portal.celery import app
from ogp_portal.core.models import Notification
from ogp_portal.core.notifications import notify
from ogp_portal.core.tasks import send_notification


def _forget_connections():
    # Earlier tests may have built the producer pool for the default broker;
    # drop it so producer and worker both use the in-memory broker.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def real_worker(settings):
    app.conf.update(task_always_eager=False, broker_url="memory://")
    _forget_connections()
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", concurrency=1, loglevel="WARNING"
        ):
            yield app
    finally:
        app.conf.update(task_always_eager=True, broker_url=None)
        _forget_connections()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_a_queued_notification(real_worker, citizen):
    # Outside an atomic block on_commit runs at once: the id crosses the broker as JSON
    # and the worker thread, with its own database connection, sends the message.
    notification = notify(
        citizen, "accounts/account_deleted", {"name": "Salma", "date": "2026-11-27"}
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.status != Notification.Status.QUEUED:
            break
        time.sleep(0.05)
    assert notification.status == Notification.Status.SENT
    assert any(m.to == [citizen.email] for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_the_worker_refuses_arguments_json_cannot_carry(real_worker):
    with pytest.raises(Exception) as excinfo:  # noqa: B017 - kombu raises EncodeError
        send_notification.apply_async(args=[object()])
    assert "serializ" in str(excinfo.value).lower() or "json" in str(excinfo.value).lower()
