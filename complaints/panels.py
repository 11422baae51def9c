"""What complaints shows on the directory's page of an administration, and in its comparison.

Figures come from the latest statistics snapshot (complaints.analytics), never from the
complaints themselves: volume, per 100,000 inhabitants for a council (the population of its
territory), median days to answer, satisfaction. As on the public dashboard, an administration
with fewer than MIN_CELL complaints shows nothing (so none and a few look the same), and the
average rating needs MIN_CELL ratings.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import (
    CompareColumn,
    Figure,
    PanelContent,
    PanelLink,
    register_administration_panel,
    standard_panel,
)
from ogp_portal.directory.models import TERRITORIAL_KINDS

from .analytics import MIN_CELL, latest_snapshot
from .models import SnapshotRow


def summary(administrations) -> dict[int, dict]:
    """{pk: received, per_100k, days_to_answer_median, on_time_share, rating_avg, computed_at}
    for administrations with at least MIN_CELL complaints in the latest snapshot (2 queries).
    per_100k only for councils (None otherwise); rating_avg None under MIN_CELL ratings."""
    administrations = list(administrations)
    snapshot = latest_snapshot()
    if snapshot is None or not administrations:
        return {}
    by_slug = {a.slug: a for a in administrations}
    rows = snapshot.rows.filter(
        dimension=SnapshotRow.Dimension.ADMINISTRATION,
        key__in=list(by_slug),
        received__gte=MIN_CELL,
    )
    result = {}
    for row in rows:
        administration = by_slug[row.key]
        population = administration.population if administration.is_territorial else None
        result[administration.pk] = {
            "received": row.received,
            "per_100k": round(row.received * 100_000 / population, 1) if population else None,
            "days_to_answer_median": row.days_to_answer_median,
            "on_time_share": row.on_time_share,
            "rating_avg": row.rating_avg if row.rated >= MIN_CELL else None,
            "computed_at": snapshot.computed_at,
        }
    return result


def content(administration) -> PanelContent:
    figures = summary([administration]).get(administration.pk)
    links = [
        PanelLink(_("Complaint statistics"), reverse("complaints:index")),
        PanelLink(
            _("File a complaint"),
            f"{reverse('complaints:file')}?administration={administration.pk}",
        ),
    ]
    if not figures:
        return PanelContent(
            links=links,
            empty=_(
                "No figures to show: the statistics count fewer than 5 complaints about it, "
                "and smaller groups are never published."
            ),
        )
    none = "—"
    shown = [Figure(_("Complaints received"), figures["received"])]
    if administration.is_territorial:
        # A council whose territory (so population) is not recorded shows a dash.
        per_100k = figures["per_100k"]
        shown.append(
            Figure(_("Complaints per 100,000 inhabitants"), none if per_100k is None else per_100k)
        )
    median = figures["days_to_answer_median"]
    rating = figures["rating_avg"]
    shown += [
        Figure(_("Median days to answer"), none if median is None else median),
        Figure(
            _("Average rating"), none if rating is None else rating, "" if rating is None else "/ 5"
        ),
    ]
    return PanelContent(
        figures=shown,
        links=links,
        note=_("From the statistics computed on %(date)s; aggregates only.")
        % {"date": date_format(localtime(figures["computed_at"]), "DATE_FORMAT")},
    )


COLUMNS = (
    CompareColumn("received", _("Complaints received")),
    CompareColumn("per_100k", _("Complaints per 100,000 inhabitants"), kinds=TERRITORIAL_KINDS),
    CompareColumn("days_to_answer_median", _("Median days to answer")),
)


def register() -> None:
    register_administration_panel(
        standard_panel(
            "complaints",
            _("Complaints about its services"),
            content=content,
            summary=summary,
            columns=COLUMNS,
            order=20,
        )
    )
