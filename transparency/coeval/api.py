"""Public JSON API of the co-evaluation: assessment windows, and per commitment the three views
(official progress on the IRM completion scale, IRM ratings, the public's distribution and
median, organisations apart) with the contested flag. Aggregates only: no name, no text of
any assessment, nothing personal. Bad filters answer 400 with the reason."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from transparency.models import ActionPlan, AssessmentWindow, Commitment

from .aggregates import commitment_views, current_window, plan_views

LANGS = ("ar", "fr", "en")


class WindowSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentWindow
        fields = [
            "id",
            "plan",
            "label_ar",
            "label_fr",
            "label_en",
            "opens_at",
            "closes_at",
            "is_open",
        ]

    def get_is_open(self, window) -> bool:
        return window.is_open()


class CommitmentViewsSerializer(serializers.Serializer):
    """One commitment's three views in one window (a CommitmentViews object)."""

    id = serializers.IntegerField(source="commitment.pk")
    plan = serializers.CharField(source="commitment.plan.slug")
    number = serializers.IntegerField(source="commitment.number")
    ogp_id = serializers.CharField(source="commitment.ogp_id")
    title_ar = serializers.CharField(source="commitment.title_ar")
    title_fr = serializers.CharField(source="commitment.title_fr")
    title_en = serializers.CharField(source="commitment.title_en")
    window = serializers.SerializerMethodField()
    official = serializers.SerializerMethodField()
    irm = serializers.SerializerMethodField()
    public = serializers.SerializerMethodField()
    contested = serializers.BooleanField()
    reply = serializers.SerializerMethodField()

    def get_window(self, views) -> dict | None:
        return WindowSerializer(views.window).data if views.window else None

    def get_official(self, views) -> dict:
        return views.as_dict()["official"]

    def get_irm(self, views) -> dict:
        return views.as_dict()["irm"]

    def get_public(self, views) -> dict:
        return views.as_dict()["public"]

    def get_reply(self, views) -> dict | None:
        return views.as_dict()["reply"]


class CoevaluationFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT),
        to_field_name="slug",
    )
    window = django_filters.ModelChoiceFilter(
        label=_("Assessment window"),
        queryset=AssessmentWindow.objects.started(),
        method="filter_window",
    )
    contested = django_filters.ChoiceFilter(
        label=_("Contested"),
        choices=[("true", "true"), ("false", "false")],
        method="filter_nothing",
    )

    class Meta:
        model = Commitment
        fields = ["plan", "window", "contested"]

    def filter_window(self, queryset, name, value):
        return queryset.filter(plan=value.plan) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied on the computed views (the rule is not a column)


class WindowViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessment windows of the public action plans (filter: plan)."""

    queryset = (
        AssessmentWindow.objects.exclude(plan__status=ActionPlan.Status.DRAFT)
        .select_related("plan")
        .order_by("-opens_at")
    )
    serializer_class = WindowSerializer
    filterset_fields = ["plan"]


class CoevaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Per commitment: official progress, IRM ratings, the public assessment (distribution per
    step, median, count; organisations apart) and the contested flag. Filters: plan (slug),
    window (id; default: each plan's open window, else its latest), contested (true/false)."""

    queryset = (
        Commitment.objects.public()
        .select_related("plan", "irm_completion", "irm_early_results", "lead_administration")
        .order_by("plan__start_year", "number")
    )
    serializer_class = CommitmentViewsSerializer
    filter_backends = []

    def _filter(self, request):
        filterset = CoevaluationFilter(request.query_params, queryset=self.get_queryset())
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset

    def list(self, request, *args, **kwargs):
        filterset = self._filter(request)
        window = filterset.form.cleaned_data.get("window")
        contested = {"true": True, "false": False}.get(filterset.form.cleaned_data.get("contested"))
        commitments = list(filterset.qs)
        wanted = {c.pk for c in commitments}
        items = []
        for plan in (
            ActionPlan.objects.filter(commitments__in=commitments).distinct().order_by("start_year")
        ):
            plan_window = window if window and window.plan_id == plan.pk else current_window(plan)
            items.extend(v for v in plan_views(plan, plan_window) if v.commitment.pk in wanted)
        if contested is not None:
            items = [v for v in items if v.contested == contested]
        page = self.paginate_queryset(items)
        data = self.get_serializer(page if page is not None else items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        filterset = self._filter(request)
        commitment = self.get_object()
        window = filterset.form.cleaned_data.get("window")
        if window is not None and window.plan_id != commitment.plan_id:
            raise ValidationError({"window": [_("This window belongs to another plan.")]})
        return Response(self.get_serializer(commitment_views(commitment, window)).data)


def register(router) -> None:
    router.register("assessment-windows", WindowViewSet, basename="assessment-window")
    router.register("coevaluation", CoevaluationViewSet, basename="coevaluation")
