"""Read-only API of the administrations: /api/v1/administrations/ (filters as the directory).

Each administration carries its territory (codes and 2024 population for a council) and
`figures`: what every app says about it, the same figures as the comparison page
(`comparison.py`), {panel key: {figure key: value}}. They are computed for the whole page of
administrations at once, through each panel's summary(): a constant number of queries.
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ogp_portal.core.registry import comparable_panels

from .filters import AdministrationFilter
from .models import Administration

FIGURES_SCHEMA = {
    "type": "object",
    "description": "Per app (panel key), its figures about this administration (figure key: "
    "value); a figure is null when it is suppressed (fewer than 5 cases) or does not apply.",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": {"type": "number", "nullable": True},
    },
}


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, int | float) else None


def figures_of(administrations) -> dict[int, dict]:
    """{pk: {panel key: {figure key: number or None}}} for many administrations at once."""
    administrations = list(administrations)
    result: dict[int, dict] = {a.pk: {} for a in administrations}
    if not administrations:
        return result
    for panel in comparable_panels():
        summary = panel.summary(administrations)
        for administration in administrations:
            shown = [c for c in panel.columns if c.applies_to(administration.kind)]
            if not shown:
                continue
            figures = summary.get(administration.pk) or {}
            result[administration.pk][panel.key] = {
                c.key: _number(figures.get(c.key, c.default)) for c in shown
            }
    return result


class AdministrationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    province = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    population = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Administration
        fields = [
            "slug",
            "kind",
            "name_ar",
            "name_fr",
            "name_en",
            "acronym",
            "parent",
            "region",
            "province",
            "commune",
            "population",
            "website",
            "figures",
            "url",
        ]

    def get_population(self, obj) -> int | None:
        """2024 census population of a council's territory; null for other bodies."""
        return obj.population if obj.is_territorial else None

    @extend_schema_field(FIGURES_SCHEMA)
    def get_figures(self, obj):
        return self.context.get("figures", {}).get(obj.pk, {})

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class AdministrationViewSet(viewsets.ReadOnlyModelViewSet):
    """Active administrations with their figures across the portal's apps."""

    serializer_class = AdministrationSerializer
    filterset_class = AdministrationFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Administration.objects.active()
            .select_related("parent", "region", "province", "commune")
            .order_by("name", "pk")
        )

    def _serialize(self, objects, *, many):
        items = objects if many else [objects]
        context = {**self.get_serializer_context(), "figures": figures_of(items)}
        return AdministrationSerializer(objects, many=many, context=context).data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self._serialize(page, many=True))
        return Response(self._serialize(list(queryset), many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._serialize(self.get_object(), many=False))


def register(router) -> None:
    router.register("administrations", AdministrationViewSet, basename="administration")
