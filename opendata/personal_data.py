"""What the open data area holds about a person: the reuses they submitted and the
datasets they requested (for "my data" and account deletion)."""


def export(user) -> dict:
    from .models import DatasetRequest, Reuse

    return {
        "reuses": [
            {
                "title": r.title,
                "type": r.type,
                "url": r.url,
                "status": r.status,
                "submitted": r.created_at.isoformat(),
                "datasets": list(r.datasets.values_list("slug", flat=True)),
            }
            for r in Reuse.objects.filter(submitted_by=user)
        ],
        "dataset_requests": [
            {
                "title": d.title,
                "description": d.description,
                "administration": d.publisher.slug,
                "status": d.status,
                "answer": d.answer,
                "filed": d.created_at.isoformat(),
            }
            for d in DatasetRequest.objects.filter(requester=user).select_related("publisher")
        ],
    }


def anonymise(user) -> None:
    """Published reuses and requests stay (they never showed a name), unlinked from the person."""
    from .models import DatasetRequest, Reuse

    Reuse.objects.filter(submitted_by=user).update(submitted_by=None)
    DatasetRequest.objects.filter(requester=user).update(requester=None)
