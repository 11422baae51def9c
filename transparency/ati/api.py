"""Public JSON API: the register of requests (no identity, no CIN, no email) and per-body figures."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ogp_portal.directory.models import Administration
from transparency.models import AnswerAttachment, InformationRequest, RequestAnswer

from . import stats
from .filters import RequestFilter


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = AnswerAttachment
        fields = ["name", "content_type", "size", "url"]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class AnswerSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = RequestAnswer
        fields = ["kind", "text", "redaction_note", "sent_on", "attachments"]


class InformationRequestSerializer(serializers.ModelSerializer):
    """Explicit fields only: nothing that identifies the requester can slip in."""

    administration = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    administration_name = serializers.CharField(source="administration.name", read_only=True)
    refusal_ground = serializers.CharField(
        source="refusal_ground.name", default=None, allow_null=True
    )
    # The body's answer: one of the statuses (a plain string, so the schema has one status enum).
    outcome = serializers.CharField(read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = InformationRequest
        fields = [
            "reference",
            "url",
            "administration",
            "administration_name",
            "subject",
            "description",
            "status",
            "outcome",
            "channel",
            "preferred_format",
            "is_urgent",
            "urgency",
            "received_on",
            "due_date",
            "extension_reason",
            "answered_on",
            "refusal_ground",
            "refusal_reason",
            "answers",
        ]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class InformationRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Public information requests (Law 31-13); filters: q, administration, status, year, outcome, overdue."""

    serializer_class = InformationRequestSerializer
    filterset_class = RequestFilter
    lookup_field = "reference"

    def get_queryset(self):
        return (
            InformationRequest.objects.public()
            .select_related("administration", "refusal_ground")
            .prefetch_related("answers__attachments")
            .order_by("-received_on", "-pk")
        )


class RequestStatsSerializer(serializers.Serializer):
    administration = serializers.SlugField()
    administration_name = serializers.CharField()
    received = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_on_time = serializers.IntegerField()
    on_time_percent = serializers.IntegerField(allow_null=True)
    median_working_days = serializers.FloatField(allow_null=True)
    pending = serializers.IntegerField()
    overdue = serializers.IntegerField()
    appeals = serializers.IntegerField()
    outcomes = serializers.DictField(child=serializers.IntegerField())


@extend_schema_view(
    list=extend_schema(responses=RequestStatsSerializer(many=True)),
    retrieve=extend_schema(
        responses=RequestStatsSerializer,
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
    ),
)
class RequestStatsViewSet(viewsets.ViewSet):
    """Per administration: requests received, answered on time, median working days, outcomes."""

    lookup_field = "slug"
    serializer_class = RequestStatsSerializer

    def list(self, request):
        return Response(
            [
                {
                    "administration": card.administration.slug,
                    "administration_name": card.administration.name,
                    **card.as_dict(),
                }
                for card in stats.ranking()
            ]
        )

    def retrieve(self, request, slug=None):
        administration = get_object_or_404(Administration.objects.active(), slug=slug)
        card = stats.scorecard_for(administration)
        return Response(
            {
                "administration": administration.slug,
                "administration_name": administration.name,
                **card.as_dict(),
            }
        )


def register(router) -> None:
    router.register("requests", InformationRequestViewSet, basename="information-request")
    router.register("request-stats", RequestStatsViewSet, basename="request-stats")
