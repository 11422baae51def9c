"""Public figures of the petitions and motions area, for its pages, the home page and reports."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem

from .models import Petition, PetitionCount, PetitionQuerySet


def figures() -> list[Figure]:
    public = Petition.objects.public()
    signatures = (
        PetitionCount.objects.filter(
            petition__status__in=PetitionQuerySet.PUBLIC_STATUSES
        ).aggregate(n=Sum("confirmed"))["n"]
        or 0
    )
    return [
        Figure(_("Petitions open for signature"), Petition.objects.open_for_signature().count()),
        Figure(_("Signatures collected"), signatures),
        Figure(_("Answered"), public.filter(status=Petition.Status.ANSWERED).count()),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    petitions = (
        Petition.objects.public().exclude(published_at=None).order_by("-published_at")[:limit]
    )
    return [
        LatestItem(
            title=p.title,
            url=p.get_absolute_url(),
            date=p.published_at,
            badge=p.get_status_display(),
        )
        for p in petitions
    ]
