"""What the funding area holds about a person: their call-alert subscription (one per address:
the one linked to their account, or made without signing in for their account's address)."""

from django.db.models import Q

from ogp_portal.core.emails import normalise_email


def _theirs(user):
    from .models import AlertSubscription

    mine = Q(user=user)
    if getattr(user, "email", ""):
        mine |= Q(email_key=normalise_email(user.email))
    return AlertSubscription.objects.filter(mine)


def export(user) -> dict:
    return {
        "call_alerts": [
            {
                "email": sub.email,
                "language": sub.language,
                "sectors": [s.code for s in sub.sectors.all()],
                "regions": [r.code for r in sub.regions.all()],
                "created_at": sub.created_at.isoformat(),
                "confirmed_at": sub.confirmed_at.isoformat() if sub.confirmed_at else None,
                # Ids of the sectors and regions asked for, not confirmed yet (the link's
                # secret left out).
                "change_waiting_for_confirmation": (
                    {k: v for k, v in sub.pending.items() if k != "nonce"} if sub.pending else None
                ),
            }
            for sub in _theirs(user).prefetch_related("sectors", "regions")
        ]
    }


def anonymise(user) -> None:
    # A deleted account gets no more alerts; nothing else here is about a person.
    _theirs(user).delete()
