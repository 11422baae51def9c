"""Filters of the dataset catalogue, shared by the page, the API and the CKAN search."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration

from .models import Dataset, Licence, QualityBand, Reuse, Theme

SEARCH_FIELDS = [
    "title_ar",
    "title_fr",
    "title_en",
    "description_ar",
    "description_fr",
    "description_en",
    "publisher__name_fr",
    "publisher__name_ar",
]


class DatasetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    publisher = django_filters.ModelChoiceFilter(
        label=_("Publisher"), queryset=Administration.objects.active(), to_field_name="slug"
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug"
    )
    format = django_filters.CharFilter(label=_("Format"), method="filter_format")
    # The same, under CKAN's name: the JSON API keeps ?format= for DRF's renderer choice.
    res_format = django_filters.CharFilter(label=_("Format"), method="filter_format")
    licence = django_filters.ModelChoiceFilter(
        label=_("Licence"), queryset=Licence.objects.all(), to_field_name="slug"
    )
    quality = django_filters.ChoiceFilter(
        label=_("Quality"), field_name="quality_band", choices=QualityBand.choices
    )
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__name")

    class Meta:
        model = Dataset
        fields = ["q", "publisher", "theme", "format", "res_format", "licence", "quality", "tag"]

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)

    def filter_format(self, queryset, name, value):
        from .models import Resource

        formats = Resource.objects.filter(format__iexact=value.strip()).values("dataset_id")
        return queryset.filter(pk__in=formats)


class ReuseFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Reuse.Type.choices)
    dataset = django_filters.CharFilter(label=_("Dataset"), field_name="datasets__slug")

    class Meta:
        model = Reuse
        fields = ["type", "dataset"]
