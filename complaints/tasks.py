"""Thin Celery tasks: call the service or the analytics computation."""

from celery import shared_task


@shared_task(name="complaints.send_deadline_reminders")
def send_deadline_reminders() -> dict:
    from .services import send_reminders

    return send_reminders()


@shared_task(name="complaints.compute_analytics")
def compute_analytics() -> int:
    from .analytics import compute_snapshot

    return compute_snapshot().pk
