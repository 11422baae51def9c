"""Read-only JSON API of the open data area (/api/v1/opendata-...): datasets (filtered like
the catalogue), publishers and published reuses. Nothing personal: no submitter, no email."""

from django.db.models import Avg, Count, Q
from rest_framework import serializers, viewsets

from ogp_portal.directory.models import Administration

from .filters import DatasetFilter, ReuseFilter
from .models import Dataset, PublisherProfile, Resource, Reuse


class ResourceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    # A plain string: a second "kind" enum would collide with Administration.kind in the schema.
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = Resource
        fields = ["id", "title", "kind", "url", "format", "size", "description", "last_modified"]

    def get_url(self, obj) -> str:
        link = obj.download_url
        request = self.context.get("request")
        return request.build_absolute_uri(link) if request and link.startswith("/") else link


class DatasetSerializer(serializers.ModelSerializer):
    publisher = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    licence = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    resources = ResourceSerializer(many=True, read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "slug",
            "title_ar",
            "title_fr",
            "title_en",
            "description_ar",
            "description_fr",
            "description_en",
            "publisher",
            "themes",
            "tags",
            "licence",
            "frequency",
            "temporal_start",
            "temporal_end",
            "is_national",
            "regions",
            "contact_point",
            "contact_url",
            "issued",
            "modified",
            "quality_score",
            "quality_band",
            "resources",
        ]


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DatasetSerializer
    filterset_class = DatasetFilter
    lookup_field = "slug"
    queryset = (
        Dataset.objects.published()
        .select_related("publisher", "licence")
        .prefetch_related("themes", "tags", "regions", "resources")
        .order_by("-modified", "pk")
    )


class PublisherSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)  # see ResourceSerializer.kind
    adoption_status = serializers.SerializerMethodField()
    data_officer = serializers.SerializerMethodField()
    joined_on = serializers.SerializerMethodField()
    dataset_count = serializers.IntegerField(read_only=True)
    average_quality = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Administration
        fields = [
            "slug",
            "name_ar",
            "name_fr",
            "name_en",
            "acronym",
            "kind",
            "adoption_status",
            "data_officer",
            "joined_on",
            "dataset_count",
            "average_quality",
        ]

    def _profile(self, obj):
        try:
            return obj.open_data_profile
        except PublisherProfile.DoesNotExist:
            return None

    def get_adoption_status(self, obj) -> str:
        profile = self._profile(obj)
        return profile.status if profile else ("publishing" if obj.dataset_count else "not_engaged")

    def get_data_officer(self, obj) -> str:
        profile = self._profile(obj)
        return profile.data_officer_title if profile else ""

    def get_joined_on(self, obj) -> str | None:
        profile = self._profile(obj)
        return profile.joined_on.isoformat() if profile and profile.joined_on else None


class PublisherViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PublisherSerializer
    lookup_field = "slug"
    filterset_fields = []
    queryset = (
        Administration.objects.active()
        .filter(Q(datasets__is_published=True) | Q(open_data_profile__isnull=False))
        .annotate(
            dataset_count=Count("datasets", filter=Q(datasets__is_published=True), distinct=True),
            average_quality=Avg("datasets__quality_score", filter=Q(datasets__is_published=True)),
        )
        .select_related("open_data_profile")
        .distinct()
        .order_by("slug")
    )


class ReuseSerializer(serializers.ModelSerializer):
    datasets = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    image = serializers.SerializerMethodField()

    class Meta:
        model = Reuse
        fields = ["id", "type", "title", "description", "url", "image", "datasets", "published_at"]

    def get_image(self, obj) -> str | None:
        """The image's address on this site (served by a view), or null."""
        link = obj.image_url
        if not link:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(link) if request else link


class ReuseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReuseSerializer
    filterset_class = ReuseFilter
    queryset = Reuse.objects.public().prefetch_related("datasets").order_by("-published_at", "pk")


def register(router) -> None:
    router.register("opendata/datasets", DatasetViewSet, basename="opendata-dataset")
    router.register("opendata/publishers", PublisherViewSet, basename="opendata-publisher")
    router.register("opendata/reuses", ReuseViewSet, basename="opendata-reuse")
