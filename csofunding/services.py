"""State changes of the funding area: publishing a call, its results, call alerts."""

import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ogp_portal.core.emails import normalise_email
from ogp_portal.core.notifications import notify
from ogp_portal.core.timeline import record
from ogp_portal.directory.models import Region

from .models import AlertDelivery, AlertSubscription, Call, Sector


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


# A confirmation email goes to an address at most this often, however often it is asked for.
CONFIRMATION_INTERVAL = timedelta(hours=1)


def _ids(objects) -> list[int]:
    return sorted(obj.pk for obj in objects)


@transaction.atomic
def subscribe(*, email: str, sectors, regions, language: str, user=None) -> AlertSubscription:
    """One subscription per mailbox (normalised address).

    A signed-in user's address is verified: their subscription is created or updated at once,
    and no email is sent. Anyone else's request creates an unconfirmed subscription, replaces
    the choices of one not confirmed yet, or, for a confirmed address, waits in `pending` until
    the owner follows the link; in every case a confirmation email goes out unless one went to
    the address in the last hour. The caller shows the same neutral answer whatever happened.
    """
    address = user.email if user else email
    key = normalise_email(address)
    now = timezone.now()
    sub = AlertSubscription.objects.select_for_update().filter(email_key=key).first()
    if sub is None:
        try:
            with transaction.atomic():
                sub = AlertSubscription.objects.create(
                    user=user,
                    email=address,
                    language=language,
                    confirmed_at=now if user else None,
                )
        except IntegrityError:  # created meanwhile by a simultaneous request
            sub = AlertSubscription.objects.select_for_update().get(email_key=key)
        else:
            sub.sectors.set(sectors)
            sub.regions.set(regions)
            if user is None:
                _send_confirmation(sub, change=False, now=now)
            return sub
    if user is not None:
        sub.user = sub.user or user
        sub.confirmed_at = sub.confirmed_at or now
        sub.language = language
        sub.pending = None
        sub.save(update_fields=["user", "confirmed_at", "language", "pending", "updated_at"])
        sub.sectors.set(sectors)
        sub.regions.set(regions)
        return sub
    if sub.confirmed_at is None:
        # Nothing confirmed to protect yet: the latest request's choices stand.
        sub.language = language
        sub.save(update_fields=["language", "updated_at"])
        sub.sectors.set(sectors)
        sub.regions.set(regions)
        _send_confirmation(sub, change=False, now=now)
    elif _ids(sectors) == _ids(sub.sectors.all()) and _ids(regions) == _ids(sub.regions.all()):
        # Asked for what it already has: nothing to confirm, nothing sent.
        if sub.pending is not None:
            sub.pending = None
            sub.save(update_fields=["pending", "updated_at"])
    else:
        # The change is confirmed by its own link (a nonce kept while a change waits): the
        # address's first confirmation link, perhaps still in the inbox, cannot apply it.
        nonce = (sub.pending or {}).get("nonce") or secrets.token_urlsafe(16)
        sub.pending = {
            "sectors": _ids(sectors),
            "regions": _ids(regions),
            "language": language,
            "nonce": nonce,
        }
        sub.save(update_fields=["pending", "updated_at"])
        _send_confirmation(sub, change=True, now=now, language=language)
    return sub


def _send_confirmation(sub, *, change: bool, now, language: str | None = None) -> bool:
    """The confirmation link, unless one went to this address within CONFIRMATION_INTERVAL.
    One conditional UPDATE decides, so simultaneous requests send one email between them."""
    claimed = (
        AlertSubscription.objects.filter(pk=sub.pk)
        .filter(
            Q(confirmation_sent_at__isnull=True)
            | Q(confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL)
        )
        .update(confirmation_sent_at=now)
    )
    if not claimed:
        return False
    sub.confirmation_sent_at = now
    language = language or sub.language
    with translation.override(language):
        confirm_url = reverse("csofunding:alerts_confirm", kwargs={"token": sub.token})
        if change:
            confirm_url += "?" + urlencode({"change": sub.pending["nonce"]})
        context = {
            "change": change,
            "confirm_url": confirm_url,
            "unsubscribe_url": reverse(
                "csofunding:alerts_unsubscribe", kwargs={"token": sub.token}
            ),
        }
    notify(None, "csofunding/confirm_alerts", context, address=sub.email, language=language)
    return True


@transaction.atomic
def confirm_subscription(sub: AlertSubscription, *, change: str = "") -> bool:
    """The owner followed a link: the address is confirmed and, when the link is the one of
    the waiting change (`change`, its nonce), the change applies. True if it did."""
    sub.refresh_from_db(from_queryset=AlertSubscription.objects.select_for_update())
    fields = []
    if not sub.confirmed_at:
        sub.confirmed_at = timezone.now()
        fields.append("confirmed_at")
    pending = sub.pending
    applied = bool(
        pending and change and constant_time_compare(str(change), pending.get("nonce") or "")
    )
    if applied:
        # Sectors or regions deleted meanwhile are dropped, not an error.
        sub.sectors.set(Sector.objects.filter(pk__in=pending.get("sectors") or []))
        sub.regions.set(Region.objects.filter(pk__in=pending.get("regions") or []))
        if pending.get("language"):
            sub.language = pending["language"]
            fields.append("language")
        sub.pending = None
        fields.append("pending")
    if fields:
        sub.save(update_fields=[*fields, "updated_at"])
    return applied


def unsubscribe(sub: AlertSubscription) -> None:
    sub.delete()
