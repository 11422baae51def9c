"""What the co-evaluation holds about a person: assessments and organisation requests."""

from transparency.models import Assessment, OrganisationMembership


def export(user) -> dict:
    return {
        "assessments": [
            {
                "commitment": str(a.commitment),
                "window": a.window.label,
                "completion": a.completion.code,
                "early_results": a.early_results.code,
                "justification": a.justification,
                "name_shown": a.name_display,
                "organisation": a.organisation.name if a.organisation else None,
                "evidence": [e.url or e.file.name for e in a.evidence.all()],
                "hidden": a.is_hidden,
                "created_at": a.created_at.isoformat(),
                "updated_at": a.updated_at.isoformat(),
            }
            for a in Assessment.objects.filter(author=user)
            .select_related("commitment", "window", "completion", "early_results", "organisation")
            .prefetch_related("evidence")
        ],
        "organisation_requests": [
            {
                "organisation": m.organisation.name,
                "registration_number": m.organisation.registration_number,
                "role": m.role,
                "status": m.status,
                "decision_note": m.decision_note,
                "created_at": m.created_at.isoformat(),
            }
            for m in OrganisationMembership.objects.filter(user=user).select_related("organisation")
        ],
    }


def anonymise(user) -> None:
    """Assessments stay public without a name (shown as "a participant"); memberships are
    personal and go."""
    Assessment.objects.filter(author=user).update(name_display=Assessment.NameDisplay.INITIALS)
    OrganisationMembership.objects.filter(user=user).delete()
