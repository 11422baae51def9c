"""Filters of the public complaint statistics (the API; the dashboard shows every dimension)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .analytics import PUBLIC_DIMENSIONS
from .models import SnapshotRow, SnapshotTopic


class StatisticsFilter(django_filters.FilterSet):
    dimension = django_filters.ChoiceFilter(
        label=_("Grouped by"),
        choices=[(d.value, d.label) for d in PUBLIC_DIMENSIONS],
    )
    key = django_filters.CharFilter(label=_("Group"), max_length=200)

    class Meta:
        model = SnapshotRow
        fields = ["dimension", "key"]


class TopicFilter(django_filters.FilterSet):
    script = django_filters.ChoiceFilter(label=_("Script"), choices=SnapshotTopic.Script.choices)
    growing = django_filters.BooleanFilter(label=_("Growing"))

    class Meta:
        model = SnapshotTopic
        fields = ["script", "growing"]
