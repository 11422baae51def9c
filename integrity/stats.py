"""Public figures of the integrity initiatives area, for its pages, the home page and reports."""

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem


def figures() -> list[Figure]:
    from .models import Initiative

    public = Initiative.objects.public()
    return [
        Figure(_("Initiatives"), public.count()),
        Figure(
            _("Administrations involved"),
            public.order_by().values("lead_administration").distinct().count(),
        ),
        Figure(_("Completed"), public.filter(status=Initiative.Status.COMPLETED).count()),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    from .models import Initiative

    initiatives = (
        Initiative.objects.public().select_related("sector").order_by("-published_at", "-pk")
    )[:limit]
    return [
        LatestItem(
            title=i.title,
            url=i.get_absolute_url(),
            date=i.published_at,
            badge=i.get_status_display(),
        )
        for i in initiatives
    ]
