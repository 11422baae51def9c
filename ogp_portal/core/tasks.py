"""Thin tasks: load by id, call the service."""

from celery import shared_task

from .models import Notification

MAX_ATTEMPTS = 5


@shared_task
def send_notification(notification_id: int) -> str:
    from .notifications import deliver

    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return "missing"
    deliver(notification)
    return notification.status


@shared_task
def retry_failed_notifications() -> int:
    ids = list(
        Notification.objects.filter(
            status=Notification.Status.FAILED, attempts__lt=MAX_ATTEMPTS
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        send_notification.delay(pk)
    return len(ids)


@shared_task
def heartbeat() -> None:
    """Beat sends it every minute; /healthz reads how long ago a worker last ran it."""
    from .health import record_heartbeat

    record_heartbeat()
