"""Read-only JSON API: calls, awards (filtered like the explorer), associations."""

from rest_framework import serializers, viewsets

from .filters import AwardFilter, CallFilter
from .models import Association, Award, Call


class CallSerializer(serializers.ModelSerializer):
    funder = serializers.SlugRelatedField(
        source="programme.funder", slug_field="slug", read_only=True
    )
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sectors = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    regions = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Call
        fields = [
            "reference",
            "title",
            "funder",
            "programme",
            "sectors",
            "regions",
            "budget",
            "grant_min",
            "grant_max",
            "opens_on",
            "deadline",
            "status",
            "applications_received",
            "awarded_on",
            "url",
        ]

    def get_regions(self, obj) -> list[str]:
        return [r.iso_code for r in obj.regions.all()]


class AssociationSerializer(serializers.ModelSerializer):
    seat_region = serializers.CharField(source="seat_region.iso_code", read_only=True)
    sectors = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    org_id = serializers.CharField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Association
        fields = [
            "slug",
            "org_id",
            "name_ar",
            "name_fr",
            "registration_number",
            "legal_form",
            "founded_on",
            "seat_region",
            "sectors",
            "website",
            "url",
        ]


class DisbursementSerializer(serializers.Serializer):
    date = serializers.DateField(source="paid_on")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class AwardSerializer(serializers.ModelSerializer):
    grant_id = serializers.CharField(read_only=True)
    funder = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    association = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    call = serializers.SlugRelatedField(slug_field="reference", read_only=True, allow_null=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    beneficiary_regions = serializers.SerializerMethodField()
    disbursements = DisbursementSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Award
        fields = [
            "reference",
            "grant_id",
            "title",
            "funder",
            "programme",
            "call",
            "association",
            "amount",
            "in_kind_value",
            "awarded_on",
            "duration_months",
            "sector",
            "beneficiary_regions",
            "disbursements",
            "url",
        ]

    def get_beneficiary_regions(self, obj) -> list[str]:
        return [r.iso_code for r in obj.beneficiary_regions.all()]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer
    filterset_class = CallFilter
    lookup_field = "reference"
    queryset = (
        Call.objects.published()
        .select_related("programme__funder")
        .prefetch_related("sectors", "regions")
        .order_by("deadline", "pk")
    )


class AwardViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    lookup_field = "reference"
    queryset = (
        Award.objects.published()
        .select_related("funder", "association", "call", "programme", "sector")
        .prefetch_related("beneficiary_regions", "disbursements")
        .order_by("-awarded_on", "-pk")
    )


class AssociationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssociationSerializer
    lookup_field = "slug"
    queryset = (
        Association.objects.select_related("seat_region").prefetch_related("sectors").order_by("pk")
    )
    filterset_fields = ["legal_form"]


def register(router) -> None:
    router.register("funding/calls", CallViewSet, basename="funding-call")
    router.register("funding/awards", AwardViewSet, basename="funding-award")
    router.register("funding/associations", AssociationViewSet, basename="funding-association")
