"""Read-only API of the complaint statistics: /api/v1/complaints/statistics/ and …/topics/.

Complaints are never public one by one: these are the latest analytics snapshot's groups
(all complaints; per administration, category, region, channel, kind and month) with the
figures of the public dashboard and its CSV, groups under MIN_CELL complaints left out, and
the topics found in the texts (top terms only, never a text). Each item says when its
snapshot was computed.
"""

from rest_framework import serializers, viewsets

from .analytics import MIN_CELL, PUBLIC_DIMENSIONS, latest_snapshot
from .filters import StatisticsFilter, TopicFilter
from .models import SnapshotRow, SnapshotTopic


class StatisticsSerializer(serializers.ModelSerializer):
    computed_at = serializers.DateTimeField(source="snapshot.computed_at", read_only=True)
    label = serializers.CharField(read_only=True)
    answered_on_time_percent = serializers.FloatField(
        source="on_time_share", read_only=True, allow_null=True
    )
    reopen_rate_percent = serializers.FloatField(
        source="reopen_rate", read_only=True, allow_null=True
    )
    per_100k_inhabitants = serializers.FloatField(
        source="per_100k", read_only=True, allow_null=True
    )

    class Meta:
        model = SnapshotRow
        fields = [
            "dimension",
            "key",
            "label",
            "received",
            "forwarded",
            "answered",
            "answered_on_time",
            "answered_on_time_percent",
            "positive",
            "rejected",
            "reopened",
            "reopen_rate_percent",
            "rated",
            "resolved",
            "rating_avg",
            "days_to_forward_median",
            "days_to_forward_p90",
            "days_to_answer_median",
            "days_to_answer_p90",
            "per_100k_inhabitants",
            "computed_at",
        ]


class TopicSerializer(serializers.ModelSerializer):
    computed_at = serializers.DateTimeField(source="snapshot.computed_at", read_only=True)
    terms = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = SnapshotTopic
        fields = [
            "script",
            "rank",
            "terms",
            "size",
            "share",
            "month",
            "this_month",
            "previous_month",
            "growth",
            "growing",
            "computed_at",
        ]


class StatisticsViewSet(viewsets.ReadOnlyModelViewSet):
    """Groups of the latest statistics snapshot with at least five complaints."""

    queryset = SnapshotRow.objects.none()  # the schema's model; get_queryset serves the data
    serializer_class = StatisticsSerializer
    filterset_class = StatisticsFilter

    def get_queryset(self):
        snapshot = latest_snapshot()
        if snapshot is None:
            return SnapshotRow.objects.none()
        return (
            snapshot.rows.filter(dimension__in=PUBLIC_DIMENSIONS, received__gte=MIN_CELL)
            .select_related("snapshot")
            .order_by("dimension", "-received", "key", "pk")
        )


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """Topics of the latest snapshot's complaint texts, per script (at least five texts)."""

    queryset = SnapshotTopic.objects.none()  # the schema's model; get_queryset serves the data
    serializer_class = TopicSerializer
    filterset_class = TopicFilter

    def get_queryset(self):
        snapshot = latest_snapshot()
        if snapshot is None:
            return SnapshotTopic.objects.none()
        return (
            snapshot.topics.filter(size__gte=MIN_CELL)
            .select_related("snapshot")
            .order_by("script", "rank")
        )


def register(router) -> None:
    router.register("complaints/statistics", StatisticsViewSet, basename="complaints-statistics")
    router.register("complaints/topics", TopicViewSet, basename="complaints-topic")
