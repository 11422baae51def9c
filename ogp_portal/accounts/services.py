"""What happens to an account: export of everything held, and deletion by anonymisation."""

from django.db import transaction
from django.utils import timezone

from ogp_portal.core.models import ContentReport, Notification, TimelineEvent
from ogp_portal.core.registry import personal_data_providers


def export_personal_data(user) -> dict:
    """Everything the portal holds about this person, as JSON-able data (Law 09-08, right of access)."""
    from allauth.account.models import EmailAddress

    data = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "administration": str(user.administration) if user.administration_id else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "notifications": [
            {
                "channel": n.channel,
                "template": n.template,
                "status": n.status,
                "created_at": n.created_at.isoformat(),
            }
            for n in Notification.objects.filter(recipient=user)
        ],
        "content_reports": [
            {"reason": r.reason, "text": r.text, "created_at": r.created_at.isoformat()}
            for r in ContentReport.objects.filter(reporter=user)
        ],
        "actions": [
            {
                "event": e.kind,
                "from": e.from_status,
                "to": e.to_status,
                "at": e.created_at.isoformat(),
            }
            for e in TimelineEvent.objects.filter(actor=user)
        ],
    }
    for provider in personal_data_providers():
        data[provider.key] = provider.export(user)
    return data


@transaction.atomic
def delete_account(user) -> None:
    """Close the account and erase identifying data; public records stay, without a name."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.conf import settings

    from ogp_portal.core.notifications import ERASE_AFTER_SEND, notify

    # Confirm to the address being erased; the notification row keeps no address once sent.
    context = {
        "name": user.full_name,
        "date": timezone.localdate().isoformat(),
        "dpo": settings.DATA_PROTECTION["contact"],
        ERASE_AFTER_SEND: True,
    }
    notify(
        None,
        "accounts/account_deleted",
        context,
        address=user.email,
        language=user.preferred_language,
    )
    if user.phone:
        notify(
            None,
            "accounts/account_deleted",
            {"date": context["date"], ERASE_AFTER_SEND: True},
            channel="sms",
            address=user.phone,
            language=user.preferred_language,
        )
    for provider in personal_data_providers():
        provider.anonymise(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).update(address="", context={}, recipient=None)
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.full_name = ""
    user.phone = ""
    user.administration = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
