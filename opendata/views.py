"""Public pages of the open data area: the catalogue with facets, datasets, publishers,
the commitment's indicators, reuses and dataset requests.

Nothing personal is shown: reuses and requests carry no submitter's name or email,
publishers show their data officer's role, never a person.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.exports import csv_response
from ogp_portal.core.registry import areas
from ogp_portal.core.timeline import events_for
from ogp_portal.core.uploads import attachment_response
from ogp_portal.directory.models import Administration

from . import services, stats
from .filters import DatasetFilter, ReuseFilter
from .forms import DatasetRequestForm, ReuseForm
from .models import (
    Dataset,
    DatasetRequest,
    Licence,
    PublisherProfile,
    QualityBand,
    Resource,
    Reuse,
    Theme,
)

PAGE_SIZE = 20
SORTS = {
    "recent": ["-modified", "pk"],
    "quality": ["-quality_score", "-modified", "pk"],
    "title": ["title", "pk"],
}


def _facet_data(request, name):
    data = request.GET.copy()
    data.pop(name, None)
    data.pop("page", None)
    return DatasetFilter(data, queryset=Dataset.objects.published()).qs


def facets(request) -> list[dict]:
    """Each facet's values with how many datasets match the other filters."""
    current = request.GET
    out = []

    qs = _facet_data(request, "theme")
    counts = dict(qs.order_by().values_list("themes__slug").annotate(n=Count("id", distinct=True)))
    out.append(
        {
            "name": "theme",
            "label": _("Themes"),
            "items": [
                {"value": t.slug, "label": t.name, "count": counts.get(t.slug, 0)}
                for t in Theme.objects.all()
                if counts.get(t.slug)
            ],
        }
    )

    qs = _facet_data(request, "publisher")
    counts = qs.order_by().values("publisher__slug").annotate(n=Count("id")).order_by("-n")
    names = {
        a.slug: a.name
        for a in Administration.objects.filter(slug__in=[c["publisher__slug"] for c in counts])
    }
    out.append(
        {
            "name": "publisher",
            "label": _("Publishers"),
            "items": [
                {
                    "value": c["publisher__slug"],
                    "label": names.get(c["publisher__slug"], ""),
                    "count": c["n"],
                }
                for c in counts
            ],
        }
    )

    qs = _facet_data(request, "format")
    counts = (
        Resource.objects.filter(dataset__in=qs.values("pk"))
        .exclude(format="")
        .values("format")
        .annotate(n=Count("dataset", distinct=True))
        .order_by("-n", "format")
    )
    out.append(
        {
            "name": "format",
            "label": _("Formats"),
            "items": [
                {"value": c["format"], "label": c["format"], "count": c["n"]} for c in counts
            ],
        }
    )

    qs = _facet_data(request, "licence")
    counts = dict(qs.order_by().values_list("licence__slug").annotate(n=Count("id")))
    out.append(
        {
            "name": "licence",
            "label": _("Licences"),
            "items": [
                {"value": lic.slug, "label": lic.title, "count": counts.get(lic.slug, 0)}
                for lic in Licence.objects.all()
                if counts.get(lic.slug)
            ],
        }
    )

    qs = _facet_data(request, "quality")
    counts = dict(qs.order_by().values_list("quality_band").annotate(n=Count("id")))
    out.append(
        {
            "name": "quality",
            "label": _("Quality"),
            "items": [
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in reversed(QualityBand.choices)
                if counts.get(value)
            ],
        }
    )
    for facet in out:
        for item in facet["items"]:
            item["active"] = current.get(facet["name"]) == item["value"]
            params = current.copy()
            params.pop("page", None)
            if item["active"]:
                params.pop(facet["name"], None)
            else:
                params[facet["name"]] = item["value"]
            item["url"] = "?" + params.urlencode()
    return out


@anonymous_page_cache
def index(request):
    filterset = DatasetFilter(request.GET or None, queryset=Dataset.objects.published())
    datasets = filterset.qs.select_related("publisher", "licence").prefetch_related("themes")
    sort = request.GET.get("sort", "")
    if "search_rank" in datasets.query.annotations and sort not in SORTS:
        pass  # ranked by relevance
    else:
        datasets = datasets.order_by(*SORTS.get(sort, SORTS["recent"]))
    if request.GET.get("format_export") == "csv":
        rows = (
            (
                d.slug,
                d.title,
                d.publisher.name,
                d.licence.title if d.licence else "",
                d.quality_score,
                d.modified.date().isoformat(),
            )
            for d in datasets
        )
        return csv_response(
            "datasets.csv", ["slug", "title", "publisher", "licence", "quality", "modified"], rows
        )
    page = Paginator(
        datasets.prefetch_related(
            Prefetch("resources", queryset=Resource.objects.only("dataset_id", "format"))
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    facet_list = facets(request)
    labels = {(f["name"], i["value"]): i["label"] for f in facet_list for i in f["items"]}
    active = [
        (
            name,
            request.GET.get(name),
            labels.get((name, request.GET.get(name)), request.GET.get(name)),
        )
        for name in ("theme", "publisher", "format", "licence", "quality", "tag")
        if request.GET.get(name)
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "filter": filterset,
            "page_obj": page,
            "facets": facet_list,
            "query": request.GET.get("q", ""),
            "sort": sort,
            "active_filters": active,
            "area": next(a for a in areas() if a.key == "opendata"),
            "figures": stats.figures(),
            "themes": Theme.objects.annotate(
                n=Count("datasets", filter=Q(datasets__is_published=True))
            ),
        },
    )


@anonymous_page_cache
def dataset_detail(request, slug):
    dataset = get_object_or_404(
        Dataset.objects.published()
        .select_related("publisher", "licence")
        .prefetch_related("themes", "tags", "regions", "resources"),
        slug=slug,
    )
    quality = dataset.assess()
    return render(
        request,
        "opendata/dataset_detail.html",
        {
            "dataset": dataset,
            "quality": quality,
            "reuses": dataset.reuses.public(),
            "requests": dataset.requests.public(),
            "profile": PublisherProfile.objects.filter(administration=dataset.publisher).first(),
            "request_form": DatasetRequestForm(initial={"publisher": dataset.publisher.slug}),
        },
    )


def resource_download(request, slug, pk):
    """An uploaded file of a published dataset, as a download (404 for any other)."""
    resource = get_object_or_404(
        Resource.objects.filter(dataset__in=Dataset.objects.published()).exclude(file=""),
        dataset__slug=slug,
        pk=pk,
    )
    return attachment_response(resource.file, download_name=resource.title)


@anonymous_page_cache
def publisher_list(request):
    profiles = {p.administration_id: p for p in PublisherProfile.objects.all()}
    publishers = (
        Administration.objects.active()
        .filter(Q(datasets__is_published=True) | Q(open_data_profile__isnull=False))
        .annotate(
            dataset_count=Count("datasets", filter=Q(datasets__is_published=True), distinct=True),
            average_quality=Avg("datasets__quality_score", filter=Q(datasets__is_published=True)),
        )
        .distinct()
        .order_by("-dataset_count", "name")
    )
    status = request.GET.get("status", "")
    rows = []
    for administration in publishers:
        profile = profiles.get(administration.pk)
        code = (
            profile.status
            if profile
            else (
                PublisherProfile.Status.PUBLISHING
                if administration.dataset_count
                else PublisherProfile.Status.NOT_ENGAGED
            )
        )
        if status and status != code:
            continue
        rows.append(
            {
                "administration": administration,
                "profile": profile,
                "status": code,
                "status_label": PublisherProfile.Status(code).label,
            }
        )
    counts = {value: 0 for value, _label in PublisherProfile.Status.choices}
    for value in PublisherProfile.objects.values_list("status", flat=True):
        counts[value] += 1
    return render(
        request,
        "opendata/publisher_list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": [(v, label, counts[v]) for v, label in PublisherProfile.Status.choices],
            "adoption_chart": [(label, counts[v]) for v, label in PublisherProfile.Status.choices],
        },
    )


@anonymous_page_cache
def kpis_view(request):
    data = stats.commitment_kpis()
    return render(
        request,
        "opendata/kpis.html",
        {
            **data,
            "datasets_chart": [(str(year), n) for year, n in data["datasets_by_year"]],
            "publishers_chart": [(str(year), n) for year, n in data["publishers_by_year"]],
            "themes_chart": [
                (t.name, t.n)
                for t in Theme.objects.annotate(
                    n=Count("datasets", filter=Q(datasets__is_published=True))
                ).order_by("-n")
            ],
            "quality_chart": [
                (label, Dataset.objects.published().filter(quality_band=value).count())
                for value, label in reversed(QualityBand.choices)
            ],
        },
    )


@anonymous_page_cache
def reuse_list(request):
    filterset = ReuseFilter(
        request.GET or None, queryset=Reuse.objects.public().prefetch_related("datasets")
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/reuse_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "types": Reuse.Type.choices,
            "type": request.GET.get("type", ""),
        },
    )


def reuse_detail(request, pk):
    reuse = get_object_or_404(Reuse.objects.public(), pk=pk)
    return render(
        request,
        "opendata/reuse_detail.html",
        {"reuse": reuse, "datasets": reuse.datasets.published().select_related("publisher")},
    )


def reuse_image(request, pk):
    """The image of a published reuse (shown in <img>; served as a download all the same)."""
    reuse = get_object_or_404(Reuse.objects.public().exclude(image=""), pk=pk)
    return attachment_response(reuse.image, download_name=reuse.title)


@login_required
def reuse_create(request):
    initial = {}
    if request.GET.get("dataset"):
        initial["datasets"] = Dataset.objects.published().filter(slug=request.GET["dataset"])
    form = ReuseForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_reuse(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you. Your reuse will be published once a moderator has checked it."),
            )
            return redirect("opendata:reuses")
    return render(request, "opendata/reuse_form.html", {"form": form})


def request_list(request):
    status = request.GET.get("status", "")
    requests_qs = DatasetRequest.objects.public().select_related("publisher", "dataset")
    if status in DatasetRequest.Status.values:
        requests_qs = requests_qs.filter(status=status)
    page = Paginator(requests_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/request_list.html",
        {"page_obj": page, "status": status, "statuses": DatasetRequest.Status.choices},
    )


def request_detail(request, pk):
    dataset_request = get_object_or_404(
        DatasetRequest.objects.public().select_related("publisher", "dataset"), pk=pk
    )
    return render(
        request,
        "opendata/request_detail.html",
        {"dataset_request": dataset_request, "events": events_for(dataset_request)},
    )


@login_required
def request_create(request):
    initial = {}
    if request.GET.get("publisher"):
        initial["publisher"] = request.GET["publisher"]
    form = DatasetRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dataset_request = services.file_request(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise
        messages.success(
            request, _("Your request is filed. The administration will answer it here.")
        )
        return redirect(dataset_request)
    return render(request, "opendata/request_form.html", {"form": form})
