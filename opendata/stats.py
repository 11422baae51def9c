"""Public figures of the open data area, for its pages, the home page and reports."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import Figure, LatestItem

from . import kpis


def published_datasets():
    from .models import Dataset

    return Dataset.objects.published()


def publisher_count() -> int:
    """Administrations that publish: at least one published dataset."""
    from ogp_portal.directory.models import Administration

    return (
        Administration.objects.active()
        .annotate(n=Count("datasets", filter=Q(datasets__is_published=True)))
        .filter(n__gt=0)
        .count()
    )


def figures() -> list[Figure]:
    from .models import Reuse

    return [
        Figure(_("Datasets"), published_datasets().count()),
        Figure(_("Publishers"), publisher_count()),
        Figure(_("Reuses"), Reuse.objects.public().count()),
    ]


def latest(limit: int = 3) -> list[LatestItem]:
    return [
        LatestItem(title=d.title, url=d.get_absolute_url(), date=d.modified, badge=_("dataset"))
        for d in published_datasets().select_related("publisher").order_by("-modified")[:limit]
    ]


def commitment_kpis(today=None) -> dict:
    """Datasets and publishers per year since 2021 against the baseline and the target."""
    from .models import Dataset

    today = today or timezone.localdate()
    years = list(range(kpis.BASELINE_DATE.year, today.year + 1))
    datasets = published_datasets()
    # The year each publisher first published.
    first = {}
    for publisher_id, issued in Dataset.objects.published().values_list("publisher_id", "issued"):
        if issued and (publisher_id not in first or issued < first[publisher_id]):
            first[publisher_id] = issued
    return {
        "datasets": kpis.progress(datasets.count(), kpis.BASELINE_DATASETS, kpis.TARGET_DATASETS),
        "publishers": kpis.progress(
            publisher_count(), kpis.BASELINE_PUBLISHERS, kpis.TARGET_PUBLISHERS
        ),
        "datasets_by_year": kpis.cumulative_by_year(
            datasets.values_list("issued", flat=True), years
        ),
        "publishers_by_year": kpis.cumulative_by_year(first.values(), years),
    }
