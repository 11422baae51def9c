"""Filters of the petitions list, shared by the page, its CSV export and the API."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration, Region

from .models import Petition, PetitionQuerySet, Theme

SEARCH_FIELDS = ["title", "text", "reference"]
PUBLIC_STATUS_CHOICES = [
    (value, label)
    for value, label in Petition.Status.choices
    if value in (*PetitionQuerySet.PUBLIC_STATUSES, Petition.Status.WITHDRAWN)
]
SORTS = {
    "most_signed": (F("counts__confirmed").desc(nulls_last=True), "-published_at"),
    "newest": ("-published_at", "-pk"),
    "closing_soon": (F("collection_ends_on").asc(nulls_last=True), "pk"),
}


class PetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Petition.Kind.choices, empty_label=_("All kinds")
    )
    addressee = django_filters.ModelChoiceFilter(
        label=_("Addressee"),
        queryset=Administration.objects.all(),
        to_field_name="slug",
        empty_label=_("All addressees"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("All regions"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PUBLIC_STATUS_CHOICES, empty_label=_("All statuses")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[
            ("most_signed", _("Most signed")),
            ("newest", _("Newest")),
            ("closing_soon", _("Closing soon")),
        ],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Petition
        fields = ["q", "kind", "addressee", "region", "status", "theme", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)

    def filter_sort(self, queryset, name, value):
        if value == "closing_soon":
            queryset = queryset.filter(status__in=Petition.SIGNABLE_STATUSES)
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))
