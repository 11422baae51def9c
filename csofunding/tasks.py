"""Thin tasks: load by id, call the service."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Call


@shared_task
def send_call_alerts(call_id: int) -> int:
    from . import services

    call = Call.objects.filter(pk=call_id).first()
    return services.send_call_alerts(call) if call else 0


@shared_task
def send_pending_call_alerts() -> int:
    """Catch-up: calls published in the last two weeks and still open (each alert goes once)."""
    since = timezone.now() - timedelta(days=14)
    ids = (
        Call.objects.published().open().filter(published_at__gte=since).values_list("pk", flat=True)
    )
    return sum(send_call_alerts(pk) for pk in ids)
