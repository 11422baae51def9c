"""Public figures of the complaints area, from the latest statistics snapshot (aggregates only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def _overall():
    from .analytics import latest_snapshot
    from .models import SnapshotRow

    snapshot = latest_snapshot()
    if snapshot is None:
        return None, None
    row = snapshot.rows.filter(dimension=SnapshotRow.Dimension.OVERALL).first()
    return snapshot, row


def figures() -> list[Figure]:
    _snapshot, row = _overall()
    if row is None:
        return [
            Figure(_("Complaints received"), 0),
            Figure(_("Answered within the deadline"), 0, "%"),
            Figure(_("Median days to answer"), 0),
        ]
    return [
        Figure(_("Complaints received"), row.received),
        Figure(_("Answered within the deadline"), row.on_time_share or 0, "%"),
        Figure(_("Median days to answer"), round(row.days_to_answer_median or 0)),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    """The latest months' volumes (never an individual complaint)."""
    from .analytics import MIN_CELL
    from .models import SnapshotRow

    snapshot, _row = _overall()
    if snapshot is None:
        return []
    months = snapshot.rows.filter(
        dimension=SnapshotRow.Dimension.MONTH, received__gte=MIN_CELL
    ).order_by("-key")[:limit]
    url = reverse("complaints:index")
    return [
        LatestItem(
            title=str(_("%(month)s: %(count)s complaints") % {"month": m.key, "count": m.received}),
            url=url,
            badge=_("statistics"),
        )
        for m in months
    ]
