"""Periodic and background tasks: thin, take ids, call a service."""

import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.utils import timezone

from ogp_portal.core.deadlines import add_working_days

logger = logging.getLogger(__name__)

REMINDER_DAYS = (5, 1)


@shared_task(name="transparency.ati.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Remind officers 5 and 1 working days before the due date (once per due date)."""
    from transparency.models import InformationRequest

    today = timezone.localdate()
    sent = 0
    for days_left in REMINDER_DAYS:
        due = add_working_days(today, days_left).due
        for pk in (
            InformationRequest.objects.open().filter(due_date=due).values_list("pk", flat=True)
        ):
            sent += remind_officers(pk, days_left)
    return sent


@shared_task(name="transparency.ati.remind_officers")
def remind_officers(request_id: int, days_left: int) -> int:
    from transparency.models import InformationRequest

    from . import services

    obj = InformationRequest.objects.filter(pk=request_id).first()
    if obj is None:
        return 0
    return int(services.send_reminder(obj, days_left=days_left))


@shared_task(name="transparency.ati.record_implicit_refusals")
def record_implicit_refusals() -> int:
    """Silence at the deadline: every open request past its due date is implicitly refused."""
    from transparency.models import InformationRequest

    count = 0
    for pk in InformationRequest.objects.overdue().values_list("pk", flat=True):
        count += record_implicit_refusal(pk)
    return count


@shared_task(name="transparency.ati.record_implicit_refusal")
def record_implicit_refusal(request_id: int) -> int:
    from transparency.models import InformationRequest

    from . import services

    obj = InformationRequest.objects.filter(pk=request_id).first()
    if obj is None:
        return 0
    try:
        services.record_implicit_refusal(obj)
    except ValidationError:
        return 0  # answered or moved on meanwhile
    return 1


__all__ = [
    "send_deadline_reminders",
    "remind_officers",
    "record_implicit_refusals",
    "record_implicit_refusal",
]
