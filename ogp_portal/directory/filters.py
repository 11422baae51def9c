"""Filters of the administrations list, shared by the page and its CSV export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search

from .models import Administration, Region

SEARCH_FIELDS = ["name_ar", "name_fr", "name_en", "acronym"]


class AdministrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Administration.Kind.choices, empty_label=_("All kinds")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("All regions"),
    )

    class Meta:
        model = Administration
        fields = ["q", "kind", "region"]

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)
