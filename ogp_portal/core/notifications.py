"""Notifications: templated messages in the recipient's language, sent by Celery after commit.

    notify(user, "transparency/request_answered", {"reference": "ATI-2026-000001", "url": ...})

Templates live in templates/notifications/<name>.subject.txt and <name>.txt for
email, <name>.sms.txt for SMS. The context must be JSON-serialisable: the task
takes the Notification's id and renders later, in the recipient's language.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification
from .sms import send_sms

ERASE_AFTER_SEND = "_erase_after_send"


def notify(
    recipient=None,
    template: str = "",
    context: dict | None = None,
    *,
    channel: str = Notification.Channel.EMAIL,
    address: str = "",
    language: str | None = None,
) -> Notification | None:
    """Queue a message to a user (or a bare address); it is sent once the transaction commits."""
    if recipient is not None and not address:
        address = recipient.phone if channel == Notification.Channel.SMS else recipient.email
    if not address:
        return None
    language = language or getattr(recipient, "preferred_language", None) or settings.LANGUAGE_CODE
    notification = Notification.objects.create(
        recipient=recipient,
        address=address,
        channel=channel,
        template=template,
        context=context or {},
        language=language,
    )
    from .tasks import send_notification

    transaction.on_commit(lambda: send_notification.delay(notification.pk))
    return notification


def render_notification(notification: Notification) -> tuple[str, str]:
    """(subject, body) in the notification's language."""
    context = {**notification.context, "site_url": settings.SITE_URL}
    with translation.override(notification.language):
        if notification.channel == Notification.Channel.SMS:
            body = render_to_string(
                f"notifications/{notification.template}.sms.txt", context
            ).strip()
            return "", body
        subject = render_to_string(f"notifications/{notification.template}.subject.txt", context)
        body = render_to_string(f"notifications/{notification.template}.txt", context)
    return " ".join(subject.split()), body


def deliver(notification: Notification) -> None:
    """Send now and record the outcome; failures are kept for the retry task."""
    if notification.status == Notification.Status.SENT:
        return
    notification.attempts += 1
    try:
        subject, body = render_notification(notification)
        if notification.channel == Notification.Channel.SMS:
            send_sms(notification.address, body)
        else:
            message = EmailMultiAlternatives(
                subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[notification.address],
            )
            message.send()
    except Exception as exc:  # noqa: BLE001 - any delivery failure is recorded and retried
        notification.status = Notification.Status.FAILED
        notification.error = f"{type(exc).__name__}: {exc}"[:2000]
        notification.save(update_fields=["status", "error", "attempts", "updated_at"])
        return
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.error = ""
    if notification.context.get(ERASE_AFTER_SEND):
        # Messages to people who asked to be forgotten keep no trace of them once sent.
        notification.address = ""
        notification.context = {}
    notification.save(
        update_fields=["status", "sent_at", "error", "attempts", "address", "context", "updated_at"]
    )
