"""Read-only API of public petitions: /api/v1/petitions/ (filters as the list page).

Counts only; no signer's name, email or CIN.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import thresholds
from .filters import PetitionFilter
from .models import Petition, PetitionProvinceCount, PetitionRegionCount


class PetitionSerializer(serializers.ModelSerializer):
    addressee = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    province = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # Plain strings in the schema (the choices are on the list page's filters): enums named
    # "kind" and "status" would collide with other apps' in the OpenAPI components.
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    theme = serializers.CharField(read_only=True)
    signatures = serializers.IntegerField(source="count", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "reference", "kind", "status", "theme", "title", "addressee", "region", "province",
            "commune", "required_signatures", "per_province_minimum", "signatures", "published_at",
            "collection_ends_on", "goal_reached_at", "filed_at", "decided_at", "answered_at", "url",
        ]  # fmt: skip

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PetitionDetailSerializer(PetitionSerializer):
    signatures_by_region = serializers.SerializerMethodField()
    signatures_by_province = serializers.SerializerMethodField()
    # Citizens abroad (national petitions and motions): in `signatures`, in no region.
    signatures_abroad = serializers.IntegerField(source="abroad_count", read_only=True)
    missing_total = serializers.SerializerMethodField()
    missing_by_province = serializers.SerializerMethodField()

    class Meta(PetitionSerializer.Meta):
        fields = [
            *PetitionSerializer.Meta.fields, "text", "response_text", "decision_note",
            "signatures_by_region", "signatures_by_province", "signatures_abroad", "missing_total",
            "missing_by_province",
        ]  # fmt: skip

    def get_signatures_by_region(self, obj) -> dict:
        return dict(
            PetitionRegionCount.objects.filter(petition=obj)
            .order_by("region__code")
            .values_list("region__code", "confirmed")
        )

    def get_signatures_by_province(self, obj) -> dict:
        return dict(
            PetitionProvinceCount.objects.filter(petition=obj)
            .order_by("province__code")
            .values_list("province__code", "confirmed")
        )

    def _progress(self, obj):
        if not hasattr(obj, "_progress"):
            obj._progress = thresholds.petition_progress(obj)
        return obj._progress

    def get_missing_total(self, obj) -> int:
        return self._progress(obj).missing_total

    def get_missing_by_province(self, obj) -> dict:
        from ogp_portal.directory.models import Province

        missing = self._progress(obj).missing_by_province
        codes = dict(Province.objects.filter(pk__in=missing).values_list("pk", "code"))
        return {codes[pk]: n for pk, n in missing.items() if pk in codes}


class PetitionViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = PetitionFilter
    lookup_field = "reference"

    def get_queryset(self):
        return (
            Petition.objects.public()
            .select_related("addressee", "region", "province", "commune", "counts")
            .order_by("-published_at", "-pk")
        )

    def get_serializer_class(self):
        return PetitionDetailSerializer if self.action == "retrieve" else PetitionSerializer

    @extend_schema(
        responses=inline_serializer(
            "PetitionCount",
            {
                "reference": serializers.CharField(),
                "signatures": serializers.IntegerField(),
                "required": serializers.IntegerField(),
                "goal_reached": serializers.BooleanField(),
            },
        )
    )
    @action(detail=True)
    def count(self, request, reference=None):
        petition = get_object_or_404(self.get_queryset(), reference=reference)
        progress = thresholds.petition_progress(petition)
        return Response(
            {
                "reference": petition.reference,
                "signatures": progress.count,
                "required": progress.required,
                "goal_reached": progress.reached,
            }
        )


def register(router) -> None:
    router.register("petitions", PetitionViewSet, basename="petitions-petition")
