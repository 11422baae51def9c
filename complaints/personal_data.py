"""What the complaints app holds about a person, for "my data" and account deletion."""

from django.utils import timezone

from .models import Complaint, Message


def export(user) -> dict:
    return {
        "complaints": [
            {
                "reference": c.reference,
                "kind": c.kind,
                "status": c.status,
                "administration": str(c.administration) if c.administration else "",
                "subject": c.subject,
                "description": c.description,
                "received_at": timezone.localtime(c.received_at).isoformat(),
                "contact_name": c.contact_name,
                "contact_email": c.contact_email,
                "contact_phone": c.contact_phone,
                "answer": c.answer_text,
                "rating": c.rating,
                "rating_comment": c.rating_comment,
                "messages": [m.body for m in c.messages.filter(from_complainant=True)],
            }
            for c in Complaint.objects.filter(complainant=user).select_related("administration")
        ]
    }


def anonymise(user) -> None:
    """Complaints stay (statistics and the administration's record) without the person."""
    Complaint.objects.filter(complainant=user).update(
        complainant=None, contact_name="", contact_email="", contact_phone=""
    )
    Message.objects.filter(author=user).update(author=None)
