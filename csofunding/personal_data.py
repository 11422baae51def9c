"""What the funding area holds about a person: their call-alert subscriptions."""


def export(user) -> dict:
    from .models import AlertSubscription

    return {
        "call_alerts": [
            {
                "email": sub.email,
                "language": sub.language,
                "sectors": [s.code for s in sub.sectors.all()],
                "regions": [r.code for r in sub.regions.all()],
                "created_at": sub.created_at.isoformat(),
                "confirmed_at": sub.confirmed_at.isoformat() if sub.confirmed_at else None,
            }
            for sub in AlertSubscription.objects.filter(user=user).prefetch_related(
                "sectors", "regions"
            )
        ]
    }


def anonymise(user) -> None:
    from .models import AlertSubscription

    # A deleted account gets no more alerts; nothing else here is about a person.
    AlertSubscription.objects.filter(user=user).delete()
