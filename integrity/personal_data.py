"""What the bank holds about a person: which initiatives they submitted (civil servants)."""

from .models import Initiative


def export(user) -> dict:
    return {
        "submitted_initiatives": [
            {
                "id": i.pk,
                "title": i.title,
                "submitted_at": i.submitted_at.isoformat() if i.submitted_at else None,
            }
            for i in Initiative.objects.filter(submitted_by=user).order_by("pk")
        ]
    }


def anonymise(user) -> None:
    # The initiatives are the administration's, not the person's: they stay, without a submitter.
    Initiative.objects.filter(submitted_by=user).update(submitted_by=None)
