"""The read side of CKAN's action API, so CKAN clients (ckanapi, harvesters, data.gov.ma's
own tools) read this catalogue unchanged.

Answers at /api/3/action/<name> and /api/action/<name> (outside the language prefixes: ckanapi
posts to /api/action/<name> and follows no redirect). GET with query parameters or POST
with a JSON body. CKAN's envelope: {"help", "success", "result"}; errors:
{"success": false, "error": {"__type": "Not Found Error", "message": ...}} with 404, 409
(validation) or 400 (bad request).
"""

import json
import re

from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ogp_portal.core.search import search
from ogp_portal.directory.models import Administration

from .filters import SEARCH_FIELDS
from .models import Dataset, Licence, Resource, Tag, Theme

CKAN_VERSION = "2.10.4"
MAX_ROWS = 1000
DEFAULT_ROWS = 10


class ActionError(Exception):
    status = 409
    type = "Validation Error"

    def __init__(self, message, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(ActionError):
    status = 404
    type = "Not Found Error"


class SearchQueryError(ActionError):
    status = 409
    type = "Search Query Error"


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _lang(request) -> str:
    lang = (request.GET.get("lang") or "fr")[:2]
    return lang if lang in ("ar", "fr", "en") else "fr"


# --- dictionaries ----------------------------------------------------------------


def organization_dict(administration, request, package_count=None) -> dict:
    return {
        "id": administration.slug,
        "name": administration.slug,
        "title": administration.name,
        "display_name": administration.name,
        "description": "",
        "image_url": "",
        "created": administration.created_at.isoformat(),
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
        "package_count": package_count
        if package_count is not None
        else Dataset.objects.published().filter(publisher=administration).count(),
    }


def group_dict(theme, package_count=None) -> dict:
    return {
        "id": theme.slug,
        "name": theme.slug,
        "title": theme.name,
        "display_name": theme.name,
        "description": "",
        "image_url": "",
        "is_organization": False,
        "state": "active",
        "type": "group",
        "package_count": package_count
        if package_count is not None
        else theme.datasets.filter(is_published=True).count(),
    }


def licence_dict(licence) -> dict:
    return {
        "id": licence.slug,
        "title": licence.title,
        "url": licence.url,
        "od_conformance": "approved" if licence.is_open else "not reviewed",
        "osd_conformance": "not reviewed",
        "status": "active",
        "is_okd_compliant": licence.is_open,
        "is_generic": False,
    }


def resource_dict(resource, base: str) -> dict:
    url = resource.download_url
    if url.startswith("/"):
        url = base + url
    return {
        "id": str(resource.pk),
        "package_id": resource.dataset.slug,
        "name": resource.title,
        "description": resource.description,
        "url": url,
        "format": resource.format,
        "mimetype": None,
        "size": resource.size,
        "url_type": "upload" if resource.file else None,
        "resource_type": resource.kind,
        "created": resource.created_at.isoformat(),
        "last_modified": resource.last_modified.isoformat(),
        "metadata_modified": resource.updated_at.isoformat(),
        "state": "active",
    }


def package_dict(dataset, request) -> dict:
    base = _base(request)
    licence = dataset.licence
    tags = [
        {"id": t.name, "name": t.name, "display_name": t.name, "state": "active"}
        for t in dataset.tags.all()
    ]
    groups = [group_dict(t, package_count=0) for t in dataset.themes.all()]
    for group in groups:
        group.pop("package_count")
    resources = [resource_dict(r, base) for r in dataset.resources.all()]
    for resource in resources:
        resource["package_id"] = dataset.slug
    return {
        "id": dataset.slug,
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        # Institutional contact only: CKAN's author/maintainer e-mails stay empty.
        "author": None,
        "author_email": None,
        "maintainer": dataset.contact_point or None,
        "maintainer_email": None,
        "url": base + dataset.get_absolute_url(),
        "version": None,
        "owner_org": dataset.publisher.slug,
        "organization": organization_dict(dataset.publisher, request, package_count=0),
        "license_id": licence.slug if licence else "notspecified",
        "license_title": licence.title if licence else "License not specified",
        "license_url": licence.url if licence else "",
        "isopen": bool(licence and licence.is_open),
        "metadata_created": dataset.created_at.isoformat(),
        "metadata_modified": dataset.modified.isoformat(),
        "tags": tags,
        "num_tags": len(tags),
        "groups": groups,
        "resources": resources,
        "num_resources": len(resources),
        "extras": [
            {"key": "frequency", "value": dataset.frequency},
            {"key": "quality_score", "value": str(dataset.quality_score)},
            {
                "key": "temporal_start",
                "value": dataset.temporal_start.isoformat() if dataset.temporal_start else "",
            },
            {
                "key": "temporal_end",
                "value": dataset.temporal_end.isoformat() if dataset.temporal_end else "",
            },
            {
                "key": "spatial",
                "value": "MA"
                if dataset.is_national
                else ",".join(f"MA-{r.code}" for r in dataset.regions.all()),
            },
        ],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _datasets():
    return (
        Dataset.objects.published()
        .select_related("publisher", "licence")
        .prefetch_related("tags", "themes", "regions", "resources")
    )


# --- parameters ------------------------------------------------------------------


def _int(params, name, default, minimum=0, maximum=None):
    value = params.get(name, default)
    if value in (None, ""):
        return default
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ActionError(f"{name}: Invalid integer", {name: ["Invalid integer"]}) from None
    if value < minimum:
        raise ActionError(f"{name}: Must be a natural number", {name: ["Must be a natural number"]})
    return min(value, maximum) if maximum is not None else value


def _bool(params, name, default=False) -> bool:
    value = params.get(name, default)
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes", "on")


def _required(params, name) -> str:
    value = params.get(name)
    if value in (None, ""):
        raise ActionError(f"Missing value: {name}", {name: ["Missing value"]})
    return str(value)


_FQ = re.compile(r'([+-]?)(\w+):(?:"([^"]*)"|(\S+))')
FQ_FIELDS = {
    "organization": "publisher__slug",
    "owner_org": "publisher__slug",
    "tags": "tags__name",
    "groups": "themes__slug",
    "res_format": "resources__format__iexact",
    "license_id": "licence__slug",
    "name": "slug",
}


def apply_fq(queryset, fq: str):
    for sign, field, quoted, bare in _FQ.findall(fq or ""):
        value = quoted if quoted else bare
        if field not in FQ_FIELDS:
            raise SearchQueryError(f"Unknown field in fq: {field}")
        lookup = {FQ_FIELDS[field]: value}
        ids = Dataset.objects.filter(**lookup).values("pk")
        queryset = queryset.exclude(pk__in=ids) if sign == "-" else queryset.filter(pk__in=ids)
    return queryset


SORTS = {
    "metadata_modified": "modified",
    "metadata_created": "created_at",
    "title_string": "title",
    "title": "title",
    "name": "slug",
}


def apply_sort(queryset, sort: str):
    if not sort or sort.strip().startswith("score") or sort.strip().startswith("relevance"):
        if "search_rank" in queryset.query.annotations:
            return queryset
        return queryset.order_by("-modified", "pk")
    orderings = []
    for part in sort.split(","):
        bits = part.split()
        if not bits:
            continue
        field = bits[0]
        direction = bits[1].lower() if len(bits) > 1 else "asc"
        if field not in SORTS or direction not in ("asc", "desc"):
            raise SearchQueryError(f"Invalid sort: {part.strip()}")
        orderings.append(("-" if direction == "desc" else "") + SORTS[field])
    return queryset.order_by(*orderings, "pk")


def _facet_fields(params) -> list[str]:
    raw = params.get("facet.field")
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise SearchQueryError("facet.field must be a JSON list") from None
    if not isinstance(raw, list):
        raise SearchQueryError("facet.field must be a JSON list")
    return [str(f) for f in raw]


def search_facets(queryset, fields, limit):
    ids = queryset.values("pk")
    out = {}
    for field in fields:
        if field in ("organization", "owner_org"):
            rows = (
                Administration.objects.filter(datasets__in=ids)
                .annotate(n=Count("datasets", filter=Q(datasets__in=ids)))
                .order_by("-n")
            )
            items = [(a.slug, a.name, a.n) for a in rows[:limit]]
        elif field == "groups":
            rows = (
                Theme.objects.filter(datasets__in=ids)
                .annotate(n=Count("datasets", filter=Q(datasets__in=ids)))
                .order_by("-n")
            )
            items = [(t.slug, t.name, t.n) for t in rows[:limit]]
        elif field == "tags":
            rows = (
                Tag.objects.filter(datasets__in=ids)
                .annotate(n=Count("datasets", filter=Q(datasets__in=ids)))
                .order_by("-n")
            )
            items = [(t.name, t.name, t.n) for t in rows[:limit]]
        elif field == "res_format":
            rows = (
                Resource.objects.filter(dataset__in=ids)
                .exclude(format="")
                .values("format")
                .annotate(n=Count("dataset", distinct=True))
                .order_by("-n")
            )
            items = [(r["format"], r["format"], r["n"]) for r in rows[:limit]]
        elif field == "license_id":
            rows = (
                Licence.objects.filter(datasets__in=ids)
                .annotate(n=Count("datasets", filter=Q(datasets__in=ids)))
                .order_by("-n")
            )
            items = [(lic.slug, lic.title, lic.n) for lic in rows[:limit]]
        else:
            raise SearchQueryError(f"Unknown facet field: {field}")
        out[field] = {
            "title": field,
            "items": [
                {"name": name, "display_name": display, "count": count}
                for name, display, count in items
            ],
        }
    return out


# --- actions ---------------------------------------------------------------------


def status_show(request, params):
    return {
        "site_title": "Open Government Morocco – open data",
        "site_description": "Datasets published by Moroccan administrations.",
        "site_url": _base(request),
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "ar",
        "extensions": ["dcat"],
    }


def package_list(request, params):
    limit = _int(params, "limit", None, minimum=0)
    offset = _int(params, "offset", 0)
    names = Dataset.objects.published().order_by("slug").values_list("slug", flat=True)
    names = names[offset : offset + limit] if limit is not None else names[offset:]
    return list(names)


def package_show(request, params):
    key = _required(params, "id")
    dataset = _datasets().filter(slug=key).first()
    if dataset is None:
        raise NotFound("Dataset not found")
    return package_dict(dataset, request)


def resource_show(request, params):
    key = _required(params, "id")
    if not key.isdigit():
        raise NotFound("Resource was not found.")
    resource = (
        Resource.objects.filter(pk=int(key), dataset__in=Dataset.objects.published())
        .select_related("dataset")
        .first()
    )
    if resource is None:
        raise NotFound("Resource was not found.")
    return resource_dict(resource, _base(request))


def package_search(request, params):
    rows = _int(params, "rows", DEFAULT_ROWS, maximum=MAX_ROWS)
    start = _int(params, "start", 0)
    q = str(params.get("q") or "").strip()
    queryset = Dataset.objects.published()
    if q and q not in ("*:*", "*"):
        # "field:value" clauses in q work like fq; the rest is full text.
        clauses = " ".join(m.group(0) for m in _FQ.finditer(q) if m.group(2) in FQ_FIELDS)
        text = _FQ.sub(lambda m: "" if m.group(2) in FQ_FIELDS else m.group(0), q).strip()
        queryset = apply_fq(queryset, clauses)
        queryset = search(queryset, text, SEARCH_FIELDS)
    queryset = apply_fq(queryset, str(params.get("fq") or ""))
    queryset = apply_sort(queryset, str(params.get("sort") or ""))
    count = queryset.count()
    facet_limit = _int(params, "facet.limit", 50, minimum=-1)
    fields = _facet_fields(params)
    facets = search_facets(queryset, fields, None if facet_limit < 0 else facet_limit)
    page = _datasets().filter(pk__in=[d.pk for d in queryset[start : start + rows]])
    by_pk = {d.pk: d for d in page}
    ordered = [
        by_pk[pk]
        for pk in queryset[start : start + rows].values_list("pk", flat=True)
        if pk in by_pk
    ]
    return {
        "count": count,
        "sort": str(params.get("sort") or "score desc, metadata_modified desc"),
        "results": [package_dict(d, request) for d in ordered],
        "facets": {
            field: {i["name"]: i["count"] for i in f["items"]} for field, f in facets.items()
        },
        "search_facets": facets,
    }


def _publishers():
    return (
        Administration.objects.active()
        .annotate(n=Count("datasets", filter=Q(datasets__is_published=True)))
        .filter(n__gt=0)
    )


def _list_of(params, queryset, to_dict, name_field):
    sort = str(params.get("sort") or "name asc")
    desc = sort.endswith("desc")
    key = sort.split()[0]
    if key == "package_count":
        queryset = queryset.order_by(("-" if desc else "") + "n", name_field)
    else:
        queryset = queryset.order_by(("-" if desc else "") + name_field)
    limit = _int(params, "limit", None, minimum=0, maximum=1000)
    offset = _int(params, "offset", 0)
    items = list(queryset[offset : offset + limit] if limit is not None else queryset[offset:])
    if _bool(params, "all_fields"):
        return [to_dict(item) for item in items]
    return [getattr(item, name_field) for item in items]


def organization_list(request, params):
    return _list_of(
        params, _publishers(), lambda a: organization_dict(a, request, package_count=a.n), "slug"
    )


def organization_show(request, params):
    key = _required(params, "id")
    administration = (
        _publishers().filter(slug=key).first()
        or Administration.objects.active().filter(slug=key).first()
    )
    if administration is None:
        raise NotFound("Organization was not found.")
    result = organization_dict(administration, request)
    if _bool(params, "include_datasets"):
        result["packages"] = [
            package_dict(d, request) for d in _datasets().filter(publisher=administration)[:1000]
        ]
    return result


def group_list(request, params):
    themes = Theme.objects.annotate(n=Count("datasets", filter=Q(datasets__is_published=True)))
    return _list_of(params, themes, lambda t: group_dict(t, package_count=t.n), "slug")


def tag_list(request, params):
    tags = Tag.objects.filter(datasets__in=Dataset.objects.published()).distinct().order_by("name")
    query = str(params.get("query") or "").strip()
    if query:
        tags = tags.filter(name__icontains=query)
    if _bool(params, "all_fields"):
        return [
            {"id": t.name, "name": t.name, "display_name": t.name, "vocabulary_id": None}
            for t in tags
        ]
    return [t.name for t in tags]


def license_list(request, params):
    return [licence_dict(lic) for lic in Licence.objects.all()]


ACTIONS = {
    f.__name__: f
    for f in (
        status_show,
        package_list,
        package_show,
        package_search,
        resource_show,
        organization_list,
        organization_show,
        group_list,
        tag_list,
        license_list,
    )
}


def _envelope(request, name, body, status=200):
    body = {"help": f"{_base(request)}/api/3/action/help_show?name={name}", **body}
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt  # read-only actions: nothing to forge
@require_http_methods(["GET", "POST", "HEAD"])
def action(request, name):
    if name not in ACTIONS:
        return _envelope(
            request,
            name,
            {
                "success": False,
                "error": {
                    "__type": "Bad request",
                    "message": f"Bad request - Action name not known: {name}",
                },
            },
            status=400,
        )
    params = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return _envelope(
                request,
                name,
                {
                    "success": False,
                    "error": {
                        "__type": "Bad request",
                        "message": "Bad request - JSON Error: could not parse the request body",
                    },
                },
                status=400,
            )
        if not isinstance(body, dict):
            return _envelope(
                request,
                name,
                {
                    "success": False,
                    "error": {
                        "__type": "Bad request",
                        "message": "Bad request - JSON Error: request data must be an object",
                    },
                },
                status=400,
            )
        params.update(body)
    try:
        with translation.override(_lang(request) if "lang" in request.GET else "fr"):
            result = ACTIONS[name](request, params)
    except ActionError as exc:
        error = {
            "__type": exc.type,
            "message": exc.message
            if exc.type != "Not Found Error"
            else f"Not found: {exc.message}",
        }
        error.update(exc.fields)
        return _envelope(request, name, {"success": False, "error": error}, status=exc.status)
    return _envelope(request, name, {"success": True, "result": result})
