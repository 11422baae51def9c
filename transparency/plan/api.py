"""Public JSON API of the action plan: plans, commitments (with progress and milestones) and
ideas. Nothing personal: idea and comment authors are not exposed at all."""

from django.utils import timezone
from rest_framework import serializers, viewsets

from transparency.models import ActionPlan, Commitment, Idea, Milestone

from .filters import CommitmentFilter
from .progress import plan_progress, weighted_progress

LANGS = ("ar", "fr", "en")


def _translated(name: str) -> list[str]:
    return [f"{name}_{lang}" for lang in LANGS]


class PlanSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    commitments = serializers.IntegerField(source="commitments.count", read_only=True)
    off_track = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = [
            "slug",
            *_translated("title"),
            "start_year",
            "end_year",
            "status",
            "progress",
            "commitments",
            "off_track",
            "url",
        ]

    def _rollup(self, plan):
        cache = self.context.setdefault("_rollups", {})
        if plan.pk not in cache:
            cache[plan.pk] = plan_progress(plan)
        return cache[plan.pk]

    def get_progress(self, plan) -> float:
        return self._rollup(plan).progress

    def get_off_track(self, plan) -> int:
        return self._rollup(plan).off_track_count

    def get_url(self, plan) -> str:
        request = self.context.get("request")
        url = plan.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class MilestoneSerializer(serializers.ModelSerializer):
    evidence = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            *_translated("title"),
            "start_date",
            "due_date",
            "weight",
            "status",
            "progress",
            "late",
            "evidence",
        ]

    def get_evidence(self, milestone) -> list[str]:
        request = self.context.get("request")
        links = []
        for item in milestone.evidence.all():
            href = item.href
            links.append(
                request.build_absolute_uri(href) if request and href.startswith("/") else href
            )
        return links

    def get_late(self, milestone) -> bool:
        return milestone.is_late(timezone.localdate())


class CommitmentSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    lead_administration = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead_administration_name = serializers.CharField(
        source="lead_administration.name", read_only=True
    )
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    ogp_values = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    irm_potential = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    irm_completion = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    irm_early_results = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    progress = serializers.SerializerMethodField()
    off_track = serializers.SerializerMethodField()
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "plan",
            "number",
            "ogp_id",
            *_translated("title"),
            *_translated("problem"),
            *_translated("text"),
            *_translated("ambition"),
            "theme",
            "lead_administration",
            "lead_administration_name",
            "partners",
            "ogp_values",
            "start_date",
            "end_date",
            "irm_potential",
            "irm_completion",
            "irm_early_results",
            "progress",
            "off_track",
            "milestones",
        ]

    def get_progress(self, commitment) -> float:
        rows = [(m.weight, m.progress, m.status) for m in commitment.milestones.all()]
        return round(weighted_progress(rows), 1)

    def get_off_track(self, commitment) -> bool:
        today = timezone.localdate()
        return any(m.is_late(today) for m in commitment.milestones.all())


class IdeaSerializer(serializers.ModelSerializer):
    """Public fields only: no author, not even initials."""

    consultation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    merged_into = serializers.SerializerMethodField()
    supporters = serializers.IntegerField(source="supports.count", read_only=True)
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "consultation",
            "title",
            "text",
            "theme",
            "status",
            "response",
            "decided_at",
            "merged_into",
            "supporters",
            "created",
        ]

    def get_merged_into(self, idea) -> dict | None:
        if idea.merged_into is None:
            return None
        return {"plan": idea.merged_into.plan.slug, "number": idea.merged_into.number}


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """National action plans with their overall progress (mean of commitments)."""

    queryset = ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT).order_by("-start_year")
    serializer_class = PlanSerializer
    lookup_field = "slug"


class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Commitments with progress and milestones; filters: q, plan, theme, administration, status."""

    queryset = (
        Commitment.objects.public()
        .select_related(
            "plan",
            "theme",
            "lead_administration",
            "irm_potential",
            "irm_completion",
            "irm_early_results",
        )
        .prefetch_related("partners", "ogp_values", "milestones__evidence")
        .order_by("plan__start_year", "number")
    )
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter


class IdeaViewSet(viewsets.ReadOnlyModelViewSet):
    """Ideas proposed in consultations and their public answers (no author)."""

    queryset = (
        Idea.objects.visible()
        .exclude(consultation__plan__status=ActionPlan.Status.DRAFT)
        .select_related("consultation", "theme", "merged_into__plan")
        .order_by("-created_at", "pk")
    )
    serializer_class = IdeaSerializer
    filterset_fields = ["status"]


def register(router) -> None:
    router.register("plans", PlanViewSet, basename="plan")
    router.register("commitments", CommitmentViewSet, basename="commitment")
    router.register("ideas", IdeaViewSet, basename="idea")
