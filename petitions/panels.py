"""What petitions shows on the directory's page of an administration: the public petitions
and motions addressed to it, counted by status, and the latest it answered.

summary() reads every administration asked for in one grouped query. Counts and public
titles only: never a signer or a committee member.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.db.models import Count
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

from .models import Petition

Status = Petition.Status
AWAITING_ANSWER = (Status.FILED, Status.UNDER_REVIEW, Status.ADMISSIBLE)


def summary(administrations) -> dict[int, dict]:
    """{pk: petitions, collecting, awaiting_answer, answered, by_status} (one query)."""
    rows = (
        Petition.objects.public()
        .filter(addressee__in=[a.pk for a in administrations])
        .order_by()
        .values_list("addressee_id", "status")
        .annotate(n=Count("pk"), answered=Count("answered_at"))
    )
    counts: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    answered: dict[int, int] = defaultdict(int)
    for addressee_id, status, n, with_answer in rows:
        counts[addressee_id][status] += n
        answered[addressee_id] += with_answer
    return {
        pk: {
            "petitions": sum(by_status.values()),
            "collecting": sum(by_status[s] for s in Petition.SIGNABLE_STATUSES),
            "awaiting_answer": sum(by_status[s] for s in AWAITING_ANSWER),
            "answered": answered[pk],
            "by_status": dict(by_status),
        }
        for pk, by_status in counts.items()
    }


def content(administration) -> PanelContent:
    figures = summary([administration]).get(administration.pk)
    if not figures:
        return PanelContent(
            links=[PanelLink(_("All petitions"), reverse("petitions:index"))],
            empty=_("No public petition or motion is addressed to it."),
        )
    latest = (
        Petition.objects.public()
        .filter(addressee=administration, answered_at__isnull=False)
        .only("reference", "title", "answered_at", "status")
        .order_by("-answered_at", "-pk")
        .first()
    )
    labels = dict(Status.choices)
    by_status = figures["by_status"]
    return PanelContent(
        figures=[
            Figure(_("Petitions and motions"), figures["petitions"]),
            Figure(_("Collecting signatures"), figures["collecting"]),
            Figure(_("Awaiting an answer"), figures["awaiting_answer"]),
            Figure(_("Answered"), figures["answered"]),
        ],
        breakdown=[(labels[s], by_status[s]) for s in Status.values if by_status.get(s)],
        breakdown_title=_("By status"),
        items=[
            LatestItem(
                title=latest.title,
                url=latest.get_absolute_url(),
                date=latest.answered_at,
                badge=latest.get_status_display(),
            )
        ]
        if latest
        else [],
        items_title=_("Latest answered"),
        links=[
            PanelLink(
                _("Petitions addressed to it"),
                f"{reverse('petitions:index')}?{urlencode({'addressee': administration.slug})}",
            )
        ],
    )


COLUMNS = (
    CompareColumn("petitions", _("Petitions and motions"), default=0),
    CompareColumn("answered", _("Answered"), default=0),
)


def register() -> None:
    register_administration_panel(
        standard_panel(
            "petitions",
            _("Petitions and motions addressed to it"),
            content=content,
            summary=summary,
            columns=COLUMNS,
            order=30,
        )
    )
