"""What integrity shows on the directory's page of an administration: the published
initiatives it leads, by status, and the latest of them.

summary() reads every administration asked for in one grouped query.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import (
    CompareColumn,
    Figure,
    LatestItem,
    PanelContent,
    PanelLink,
    register_administration_panel,
    standard_panel,
)

from .models import Initiative

Status = Initiative.Status


def summary(administrations) -> dict[int, dict]:
    """{pk: initiatives, planned, ongoing, completed, partnerships} of published initiatives
    (one query for those it leads, one for those it partners)."""
    ids = [a.pk for a in administrations]
    counts: dict[int, dict] = defaultdict(lambda: dict.fromkeys(Status.values, 0))
    for administration_id, status in (
        Initiative.objects.public()
        .filter(lead_administration__in=ids)
        .order_by()
        .values_list("lead_administration_id", "status")
    ):
        counts[administration_id][status] += 1
    partnerships: dict[int, int] = defaultdict(int)
    for administration_id in Initiative.partner_administrations.through.objects.filter(
        administration_id__in=ids, initiative__state=Initiative.State.PUBLISHED
    ).values_list("administration_id", flat=True):
        partnerships[administration_id] += 1
    return {
        pk: {
            "initiatives": sum(counts[pk].values()) if pk in counts else 0,
            "planned": counts[pk][Status.PLANNED] if pk in counts else 0,
            "ongoing": counts[pk][Status.ONGOING] if pk in counts else 0,
            "completed": counts[pk][Status.COMPLETED] if pk in counts else 0,
            "partnerships": partnerships.get(pk, 0),
        }
        for pk in set(counts) | set(partnerships)
    }


def content(administration) -> PanelContent:
    figures = summary([administration]).get(administration.pk)
    bank = PanelLink(_("The integrity initiatives bank"), reverse("integrity:index"))
    if not figures:
        return PanelContent(links=[bank], empty=_("No published integrity initiative involves it."))
    latest = (
        Initiative.objects.public()
        .filter(lead_administration=administration)
        .order_by("-published_at", "-pk")
        .first()
    )
    return PanelContent(
        figures=[
            Figure(_("Initiatives it leads"), figures["initiatives"]),
            Figure(_("Ongoing"), figures["ongoing"]),
            Figure(_("Completed"), figures["completed"]),
            Figure(_("As a partner"), figures["partnerships"]),
        ],
        items=[
            LatestItem(
                title=latest.title,
                url=latest.get_absolute_url(),
                date=latest.published_at,
                badge=latest.get_status_display(),
            )
        ]
        if latest
        else [],
        items_title=_("Latest published"),
        links=[
            PanelLink(
                _("Its initiatives in the bank"),
                f"{reverse('integrity:index')}?{urlencode({'administration': administration.slug})}",
            ),
            bank,
        ],
    )


COLUMNS = (
    CompareColumn("initiatives", _("Initiatives it leads"), default=0),
    CompareColumn("completed", _("Completed"), default=0),
)


def register() -> None:
    register_administration_panel(
        standard_panel(
            "integrity",
            _("Integrity initiatives"),
            content=content,
            summary=summary,
            columns=COLUMNS,
            order=60,
        )
    )
