"""Filters of the calls list and the awards explorer, shared by the pages, exports and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration, Region

from .models import AMOUNT_BANDS, Association, Award, Call, Sector, band_q

AWARD_SEARCH_FIELDS = ["title", "reference", "association__name_fr", "association__name_ar"]


class CallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Call.Status.choices, method="filter_status"
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code", field_name="sectors"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        field_name="regions",
        method="filter_region",
    )
    funder = django_filters.ModelChoiceFilter(
        label=_("Funder"),
        queryset=Administration.objects.all(),
        to_field_name="slug",
        field_name="programme__funder",
    )

    class Meta:
        model = Call
        fields = ["q", "status", "sector", "region", "funder"]

    def filter_search(self, queryset, name, value):
        return search(queryset, value, ["title_ar", "title_fr", "title_en", "reference"])

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

    def filter_region(self, queryset, name, value):
        # A national call (no region) is open to associations of every region.
        from django.db.models import Q

        return queryset.filter(Q(regions=value) | Q(regions__isnull=True)).distinct()


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    funder = django_filters.ModelChoiceFilter(
        label=_("Funder"), queryset=Administration.objects.all(), to_field_name="slug"
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        field_name="beneficiary_regions",
        method="filter_region",
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="awarded_on", lookup_expr="year", min_value=1990, max_value=2100
    )
    band = django_filters.ChoiceFilter(
        label=_("Amount"),
        choices=[(key, label) for key, label, _low, _high in AMOUNT_BANDS],
        method="filter_band",
    )
    association = django_filters.ModelChoiceFilter(
        label=_("Association"), queryset=Association.objects.all(), to_field_name="slug"
    )
    from_call = django_filters.BooleanFilter(
        label=_("From a call for proposals"), field_name="call", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Award
        fields = ["q", "funder", "sector", "region", "year", "band", "association", "from_call"]

    def filter_search(self, queryset, name, value):
        return search(queryset, value, AWARD_SEARCH_FIELDS)

    def filter_region(self, queryset, name, value):
        # EXISTS rather than a join: no repeated rows to DISTINCT away, and PostgreSQL can
        # walk the date index and stop at the first page.
        through = Award.beneficiary_regions.through
        return queryset.filter(
            Exists(through.objects.filter(award_id=OuterRef("pk"), region_id=value.pk))
        )

    def filter_band(self, queryset, name, value):
        return queryset.filter(band_q(value))
