"""Filters of the commitments list, shared by the page, its CSV export and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration
from transparency.models import ActionPlan, Commitment, Milestone, Theme

SEARCH_FIELDS = ["title_ar", "title_fr", "title_en", "text_ar", "text_fr", "text_en", "ogp_id"]

TRACK_CHOICES = [
    ("off_track", _("off track")),
    ("on_track", _("on track")),
    ("completed", _("completed")),
    ("not_started", _("not started")),
]


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT),
        to_field_name="slug",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    administration = django_filters.ModelChoiceFilter(
        label=_("Lead administration"),
        field_name="lead_administration",
        queryset=Administration.objects.all(),
        to_field_name="slug",
        empty_label=_("All administrations"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TRACK_CHOICES, method="filter_status", empty_label=_("All")
    )

    class Meta:
        model = Commitment
        fields = ["q", "plan", "theme", "administration", "status"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is None:
            # A theme's slug is unique within its plan only: across plans (the API), the
            # slug selects that theme in every plan instead of failing on several matches.
            self.filters["theme"] = django_filters.CharFilter(
                label=_("Theme"), field_name="theme__slug"
            )
        else:
            self.filters["theme"].queryset = plan.themes.all()
            self.filters["administration"].queryset = Administration.objects.filter(
                led_commitments__plan=plan
            ).distinct()

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)

    def filter_status(self, queryset, name, value):
        counted = Milestone.objects.filter(commitment=OuterRef("pk")).counted()
        unfinished = counted.exclude(status=Milestone.Status.COMPLETED)
        started = counted.exclude(status=Milestone.Status.NOT_STARTED)
        if value == "off_track":
            return queryset.off_track()
        if value == "on_track":
            return queryset.on_track()
        if value == "completed":
            return queryset.filter(Exists(counted)).exclude(Exists(unfinished))
        if value == "not_started":
            return queryset.exclude(Exists(started))
        return queryset
