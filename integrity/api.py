"""Read-only API of published initiatives: /api/v1/integrity/initiatives/ (filters as the page)."""

from rest_framework import serializers, viewsets

from .filters import InitiativeFilter
from .models import Indicator, Initiative


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "actual"]


class InitiativeSerializer(serializers.ModelSerializer):
    lead_administration = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner_administrations = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    challenge_type = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title_ar",
            "title_fr",
            "title_en",
            "summary_ar",
            "summary_fr",
            "summary_en",
            "lead_administration",
            "partner_administrations",
            "other_partners",
            "sector",
            "theme",
            "challenge_type",
            "scope",
            "regions",
            "status",
            "start_date",
            "end_date",
            "published_at",
            "indicators",
            "url",
        ]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter

    def get_queryset(self):
        return (
            Initiative.objects.public()
            .select_related("lead_administration", "sector", "theme", "challenge_type")
            .prefetch_related("partner_administrations", "regions", "indicators")
        )


def register(router) -> None:
    router.register("integrity/initiatives", InitiativeViewSet, basename="integrity-initiative")
