"""Filters of the public register, shared by the list page and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration
from transparency.models import InformationRequest

SEARCH_FIELDS = ["reference", "subject", "description"]
Status = InformationRequest.Status

OUTCOMES = {
    "answered": (Status.ANSWERED,),
    "partially_answered": (Status.PARTIALLY_ANSWERED,),
    "refused": (Status.REFUSED,),
    "not_held": (Status.NOT_HELD,),
    "implicitly_refused": (Status.IMPLICITLY_REFUSED,),
    "pending": InformationRequest.OPEN_STATUSES + (Status.CLARIFICATION_REQUESTED,),
}
OUTCOME_CHOICES = [
    ("answered", _("answered")),
    ("partially_answered", _("partially answered")),
    ("refused", _("refused")),
    ("not_held", _("information not held")),
    ("implicitly_refused", _("no answer by the deadline")),
    ("pending", _("awaiting an answer")),
]


class RequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    administration = django_filters.ModelChoiceFilter(
        label=_("Administration"),
        queryset=Administration.objects.active(),
        to_field_name="slug",
        empty_label=_("All administrations"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All statuses")
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="received_on",
        lookup_expr="year",
        min_value=2018,
        max_value=2100,
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"),
        choices=OUTCOME_CHOICES,
        method="filter_outcome",
        empty_label=_("All outcomes"),
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = InformationRequest
        fields = ["q", "administration", "status", "year", "outcome", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].field.min_value = 2018
        self.filters["year"].field.max_value = timezone.localdate().year + 1

    def filter_search(self, queryset, name, value):
        return search(queryset, value, SEARCH_FIELDS)

    def filter_outcome(self, queryset, name, value):
        statuses = OUTCOMES.get(value)
        if value == "pending":
            return queryset.filter(status__in=statuses)
        # A request that went on to a complaint keeps the outcome the body gave it.
        return queryset.filter(outcome__in=statuses) if statuses else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
