"""What the ATI part holds about a person: their requests (with identity) and what they follow.

Anonymising keeps the public record (subject, description, answers, timeline) and erases
the name, postal address, email and CIN (and its hash) typed into the request form.
"""

from django.db import transaction


def export(user) -> dict:
    from transparency.models import InformationRequest

    requests = InformationRequest.objects.filter(requester=user).select_related("administration")
    return {
        "requests": [
            {
                "reference": r.reference,
                "administration": r.administration.slug,
                "subject": r.subject,
                "description": r.description,
                "status": r.status,
                "channel": r.channel,
                "received_on": r.received_on.isoformat(),
                "due_date": r.due_date.isoformat(),
                "is_private": r.is_private,
                "requester_name": r.requester_name,
                "postal_address": r.postal_address,
                "contact_email": r.contact_email,
                "cin": r.cin,
                "urgency_justification": r.urgency_justification,
                "appeals": [
                    {"level": a.level, "filed_on": a.filed_on.isoformat(), "grounds": a.grounds}
                    for a in r.appeals.all()
                ],
            }
            for r in requests
        ],
        "following": list(user.followed_information_requests.values_list("reference", flat=True)),
    }


@transaction.atomic
def anonymise(user) -> None:
    from transparency.models import InformationRequest

    InformationRequest.objects.filter(requester=user).update(
        requester_name="",
        postal_address="",
        contact_email="",
        cin="",
        cin_hash="",
        requester=None,
    )
    user.followed_information_requests.clear()
