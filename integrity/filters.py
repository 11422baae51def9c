"""The filters of the initiatives bank, shared by the list page, its exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration, Region

from .models import ChallengeType, Initiative, Sector, Theme

SEARCH_FIELDS = [
    "title_ar",
    "title_fr",
    "title_en",
    "summary_ar",
    "summary_fr",
    "summary_en",
    "description_ar",
    "description_fr",
    "description_en",
    "other_partners",
    "lead_administration__name_ar",
    "lead_administration__name_fr",
    "lead_administration__acronym",
]

SORTS = {
    "recent": ("-published_at", "-pk"),
    "title": ("title", "pk"),
    "start": ("-start_date", "-pk"),
    "end": ("end_date", "pk"),
}
SORT_CHOICES = [
    ("recent", _("Most recently published")),
    ("title", _("Title")),
    ("start", _("Most recent start")),
    ("end", _("Ending soonest")),
]

# Facets shown with counts: filter name -> how an initiative's value is read for counting.
FACETS = ("sector", "theme", "challenge", "region", "status", "scope", "administration")


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug"
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug"
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Type of challenge"),
        field_name="challenge_type",
        queryset=ChallengeType.objects.all(),
        to_field_name="slug",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="regions",
        queryset=Region.objects.all(),
        to_field_name="code",
        distinct=True,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Initiative.Status.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Initiative.Scope.choices)
    administration = django_filters.ModelChoiceFilter(
        label=_("Lead administration"),
        field_name="lead_administration",
        queryset=Administration.objects.all(),
        to_field_name="slug",
    )
    year = django_filters.NumberFilter(
        label=_("Started in"),
        field_name="start_date",
        lookup_expr="year",
        min_value=1990,
        max_value=2100,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Initiative
        fields = [
            "q",
            "sector",
            "theme",
            "challenge",
            "region",
            "status",
            "scope",
            "administration",
        ]

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that it wins over search ranking

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort")
        ranked = "search_rank" in queryset.query.annotations
        if sort in SORTS:
            return queryset.order_by(*SORTS[sort])
        if ranked:
            return queryset.order_by("-search_rank", *SORTS["recent"])
        return queryset.order_by(*SORTS["recent"])
