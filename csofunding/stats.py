"""Public figures of the funding area, for its pages, the home page and reports."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def figures() -> list[Figure]:
    from .models import Award, Call

    total = Award.objects.published().aggregate(total=Sum("amount"))["total"] or 0
    return [
        Figure(_("Open calls"), Call.objects.published().open().count()),
        Figure(_("Awards published"), Award.objects.published().count()),
        Figure(_("Total awarded (MAD)"), int(total)),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    from .models import Call

    calls = Call.objects.published().filter(published_at__isnull=False).order_by("-published_at")
    return [
        LatestItem(
            title=call.title,
            url=call.get_absolute_url(),
            date=call.published_at,
            badge=call.get_status_display(),
        )
        for call in calls[:limit]
    ]
