"""State changes of the funding area: publishing a call, its results, call alerts."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ogp_portal.core.notifications import notify
from ogp_portal.core.timeline import record

from .models import AlertDelivery, AlertSubscription, Call


@transaction.atomic
def publish_call(call: Call, *, actor=None) -> Call:
    """Make a call public; matching subscribers are told once the transaction commits."""
    if call.is_published:
        raise ValidationError(_("This call is already published."))
    call.is_published = True
    call.published_at = timezone.now()
    call.save(update_fields=["is_published", "published_at", "updated_at"])
    record(call, "call_published", actor=actor, actor_role=_("funder"), to_status=call.status)
    from .tasks import send_call_alerts

    transaction.on_commit(lambda: send_call_alerts.delay(call.pk))
    return call


@transaction.atomic
def mark_call_awarded(call: Call, *, actor=None, day=None) -> Call:
    if call.awarded_on:
        raise ValidationError(_("The results of this call are already published."))
    day = day or timezone.localdate()
    if day < call.deadline:
        raise ValidationError(_("A call's results come after its deadline."))
    from_status = call.status
    call.awarded_on = day
    call.save(update_fields=["awarded_on", "updated_at"])
    record(
        call,
        "call_awarded",
        actor=actor,
        actor_role=_("funder"),
        from_status=from_status,
        to_status=Call.Status.AWARDED,
    )
    return call


def matching_subscriptions(call: Call):
    """Confirmed subscriptions whose sectors and regions meet the call's (empty means any).

    A national call (no region) matches every region.
    """
    subs = AlertSubscription.objects.filter(confirmed_at__isnull=False)
    sector_ids = list(call.sectors.values_list("pk", flat=True))
    region_ids = list(call.regions.values_list("pk", flat=True))
    subs = subs.filter(Q(sectors__isnull=True) | Q(sectors__in=sector_ids))
    if region_ids:
        subs = subs.filter(Q(regions__isnull=True) | Q(regions__in=region_ids))
    return AlertSubscription.objects.filter(pk__in=subs.values("pk"))


def send_call_alerts(call: Call) -> int:
    """Email each matching subscriber about the call, once; returns how many were sent now."""
    if not call.is_published or not call.is_accepting and call.status != Call.Status.UPCOMING:
        return 0
    sent = 0
    for sub in matching_subscriptions(call).select_related("user"):
        try:
            with transaction.atomic():
                AlertDelivery.objects.create(subscription=sub, call=call)
                with translation.override(sub.language):
                    context = {
                        "title": call.title,
                        "funder": call.programme.funder.name,
                        "deadline": call.deadline.isoformat(),
                        "url": reverse("csofunding:call", kwargs={"reference": call.reference}),
                        "unsubscribe_url": reverse(
                            "csofunding:alerts_unsubscribe", kwargs={"token": sub.token}
                        ),
                    }
                notify(
                    sub.user,
                    "csofunding/new_call",
                    context,
                    address=sub.email,
                    language=sub.language,
                )
        except IntegrityError:
            continue  # already told about this call
        sent += 1
    return sent


@transaction.atomic
def subscribe(*, email: str, sectors, regions, language: str, user=None) -> AlertSubscription:
    """A signed-in user's subscription is confirmed at once (their address is verified);
    anyone else receives a confirmation link first."""
    sub = AlertSubscription.objects.create(
        user=user,
        email=user.email if user else email,
        language=language,
        confirmed_at=timezone.now() if user else None,
    )
    sub.sectors.set(sectors)
    sub.regions.set(regions)
    if user is None:
        with translation.override(language):
            context = {
                "confirm_url": reverse("csofunding:alerts_confirm", kwargs={"token": sub.token}),
                "unsubscribe_url": reverse(
                    "csofunding:alerts_unsubscribe", kwargs={"token": sub.token}
                ),
            }
        notify(None, "csofunding/confirm_alerts", context, address=sub.email, language=language)
    return sub


def confirm_subscription(sub: AlertSubscription) -> AlertSubscription:
    if not sub.confirmed_at:
        sub.confirmed_at = timezone.now()
        sub.save(update_fields=["confirmed_at", "updated_at"])
    return sub


def unsubscribe(sub: AlertSubscription) -> None:
    sub.delete()
