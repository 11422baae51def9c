"""What opendata shows on the directory's page of an administration: the datasets it publishes,
their quality and its adoption of open data.

summary() reads every administration asked for in a constant number of queries.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import (
    CompareColumn,
    Figure,
    PanelContent,
    PanelLink,
    register_administration_panel,
    standard_panel,
)

from .models import Dataset, PublisherProfile, QualityBand


def summary(administrations) -> dict[int, dict]:
    """{pk: datasets, average_quality, good_quality, adoption} (2 queries): published datasets,
    their mean quality score (0-100), how many are of good quality, the adoption status."""
    ids = [a.pk for a in administrations]
    result: dict[int, dict] = defaultdict(
        lambda: {"datasets": 0, "average_quality": None, "good_quality": 0, "adoption": ""}
    )
    rows = (
        Dataset.objects.published()
        .filter(publisher__in=ids)
        .order_by()
        .values("publisher_id")
        .annotate(
            n=Count("pk"),
            quality=Avg("quality_score"),
            good=Count("pk", filter=Q(quality_band=QualityBand.HIGH)),
        )
    )
    for row in rows:
        result[row["publisher_id"]].update(
            datasets=row["n"], average_quality=round(row["quality"]), good_quality=row["good"]
        )
    for administration_id, status in PublisherProfile.objects.filter(
        administration__in=ids
    ).values_list("administration_id", "status"):
        if status != PublisherProfile.Status.NOT_ENGAGED or administration_id in result:
            result[administration_id]["adoption"] = status
    for figures in result.values():
        if not figures["adoption"] and figures["datasets"]:
            figures["adoption"] = PublisherProfile.Status.PUBLISHING
    return dict(result)


def content(administration) -> PanelContent:
    figures = summary([administration]).get(administration.pk)
    ask = PanelLink(
        _("Ask it for a dataset"),
        f"{reverse('opendata:request_create')}?{urlencode({'publisher': administration.slug})}",
    )
    if not figures or not figures["datasets"]:
        empty = _("It publishes no dataset on the portal yet.")
        if figures and figures["adoption"]:
            empty = _("It publishes no dataset on the portal yet (adoption: %(status)s).") % {
                "status": PublisherProfile.Status(figures["adoption"]).label
            }
        return PanelContent(links=[ask], empty=empty)
    return PanelContent(
        figures=[
            Figure(_("Datasets published"), figures["datasets"]),
            Figure(_("Average quality"), figures["average_quality"], "/ 100"),
            Figure(_("Good quality (80 and over)"), figures["good_quality"]),
        ],
        note=_("Open data adoption: %(status)s.")
        % {"status": PublisherProfile.Status(figures["adoption"]).label},
        links=[
            PanelLink(
                _("Its datasets in the catalogue"),
                f"{reverse('opendata:index')}?{urlencode({'publisher': administration.slug})}",
            ),
            PanelLink(_("Publishers"), reverse("opendata:publishers")),
            ask,
        ],
    )


COLUMNS = (
    CompareColumn("datasets", _("Datasets published"), default=0),
    CompareColumn("average_quality", _("Average quality"), "/ 100"),
)


def register() -> None:
    register_administration_panel(
        standard_panel(
            "opendata",
            _("Open data"),
            content=content,
            summary=summary,
            columns=COLUMNS,
            order=50,
        )
    )
