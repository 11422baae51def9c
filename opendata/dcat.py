"""DCAT-AP: the catalogue and each dataset in Turtle, JSON-LD and RDF/XML (rdflib).

Like ckanext-dcat: the catalogue at catalog.<format> (paged with ?page=, Hydra paging
properties), each dataset at datasets/<slug>.<format>. Titles and descriptions are
given in every language with language tags; themes map to the EU data themes
vocabulary DCAT-AP recommends, and also link our own theme pages.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .models import Dataset

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FREQ = "http://publications.europa.eu/resource/authority/frequency/"
LANGUAGES = ("ar", "fr", "en")
PAGE_SIZE = 100
CACHE_SECONDS = 3600

FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "xml": ("xml", "application/rdf+xml; charset=utf-8"),
}
THEME_MAP = {
    "agriculture": "AGRI",
    "culture": "EDUC",
    "economy": "ECON",
    "education": "EDUC",
    "employment": "ECON",
    "energy": "ENER",
    "environment": "ENVI",
    "government": "GOVE",
    "health": "HEAL",
    "society": "SOCI",
    "tourism": "ECON",
    "transport": "TRAN",
}
FREQ_MAP = {
    "continuous": "CONT",
    "P1D": "DAILY",
    "P1W": "WEEKLY",
    "P1M": "MONTHLY",
    "P3M": "QUARTERLY",
    "P6M": "ANNUAL_2",
    "P1Y": "ANNUAL",
    "irregular": "IRREG",
    "punctual": "NEVER",
    "unknown": "UNKNOWN",
}


def base_url(request=None) -> str:
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return getattr(settings, "SITE_URL", "http://localhost").rstrip("/")


def _path(name, lang, **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def dataset_uri(base: str, dataset) -> URIRef:
    # Language-neutral and stable: the dataset's page without the language prefix.
    return URIRef(f"{base}/opendata/datasets/{dataset.slug}/")


def _graph() -> Graph:
    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("hydra", HYDRA),
    ):
        g.bind(prefix, ns)
    return g


def add_dataset(g: Graph, dataset, base: str) -> URIRef:
    uri = dataset_uri(base, dataset)
    g.add((uri, RDF.type, DCAT.Dataset))
    g.add((uri, DCTERMS.identifier, Literal(dataset.slug)))
    for lang in LANGUAGES:
        title = getattr(dataset, f"title_{lang}", "") or ""
        description = getattr(dataset, f"description_{lang}", "") or ""
        if title:
            g.add((uri, DCTERMS.title, Literal(title, lang=lang)))
        if description:
            g.add((uri, DCTERMS.description, Literal(description, lang=lang)))
    if not any(getattr(dataset, f"description_{lang}", "") for lang in LANGUAGES):
        # dct:description is mandatory in DCAT-AP: fall back to the title.
        g.add(
            (
                uri,
                DCTERMS.description,
                Literal(dataset.title_fr or dataset.title_ar or dataset.slug),
            )
        )
    publisher = URIRef(f"{base}/directory/a/{dataset.publisher.slug}/")
    g.add((uri, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    for lang in LANGUAGES:
        name = getattr(dataset.publisher, f"name_{lang}", "")
        if name:
            g.add((publisher, FOAF.name, Literal(name, lang=lang)))
    g.add(
        (uri, DCAT.landingPage, URIRef(base + _path("opendata:dataset", "fr", slug=dataset.slug)))
    )
    if dataset.issued:
        g.add((uri, DCTERMS.issued, Literal(dataset.issued.isoformat(), datatype=XSD.date)))
    g.add((uri, DCTERMS.modified, Literal(dataset.modified.isoformat(), datatype=XSD.dateTime)))
    g.add(
        (
            uri,
            DCTERMS.accrualPeriodicity,
            URIRef(EU_FREQ + FREQ_MAP.get(dataset.frequency, "UNKNOWN")),
        )
    )
    for theme in dataset.themes.all():
        g.add((uri, DCAT.theme, URIRef(EU_THEME + THEME_MAP.get(theme.slug, "GOVE"))))
        g.add((uri, DCAT.keyword, Literal(theme.name_fr or theme.slug, lang="fr")))
    for tag in dataset.tags.all():
        g.add((uri, DCAT.keyword, Literal(tag.name)))
    if dataset.temporal_start or dataset.temporal_end:
        period = BNode()
        g.add((uri, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.temporal_start:
            g.add(
                (
                    period,
                    DCAT.startDate,
                    Literal(dataset.temporal_start.isoformat(), datatype=XSD.date),
                )
            )
        if dataset.temporal_end:
            g.add(
                (period, DCAT.endDate, Literal(dataset.temporal_end.isoformat(), datatype=XSD.date))
            )
    if dataset.is_national:
        g.add(
            (
                uri,
                DCTERMS.spatial,
                URIRef("http://publications.europa.eu/resource/authority/country/MAR"),
            )
        )
    for region in dataset.regions.all():
        g.add((uri, DCTERMS.spatial, URIRef(f"{base}/directory/regions/{region.code}/")))
    if dataset.contact_point or dataset.contact_url:
        contact = BNode()
        g.add((uri, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, Literal(dataset.contact_point or str(dataset.publisher))))
        if dataset.contact_url:
            g.add((contact, VCARD.hasURL, URIRef(dataset.contact_url)))
    licence = URIRef(dataset.licence.url) if dataset.licence_id and dataset.licence.url else None
    if licence is not None:
        g.add((licence, RDF.type, DCTERMS.LicenseDocument))
        g.add((licence, DCTERMS.title, Literal(dataset.licence.title)))
    for resource in dataset.resources.all():
        dist = URIRef(f"{uri}#resource-{resource.pk}")
        g.add((uri, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(resource.title)))
        if resource.description:
            g.add((dist, DCTERMS.description, Literal(resource.description)))
        link = resource.download_url
        if link.startswith("/"):
            link = base + link
        access = URIRef(link or str(uri))
        g.add((dist, DCAT.accessURL, access))
        if resource.kind != "api" and link:
            g.add((dist, DCAT.downloadURL, URIRef(link)))
        if resource.format:
            g.add((dist, DCTERMS["format"], Literal(resource.format)))
        if resource.size:
            g.add((dist, DCAT.byteSize, Literal(resource.size, datatype=XSD.nonNegativeInteger)))
        g.add(
            (
                dist,
                DCTERMS.modified,
                Literal(resource.last_modified.isoformat(), datatype=XSD.dateTime),
            )
        )
        if licence is not None:
            g.add((dist, DCTERMS.license, licence))
    return uri


def _datasets():
    return (
        Dataset.objects.published()
        .select_related("publisher", "licence")
        .prefetch_related("themes", "tags", "regions", "resources")
        .order_by("pk")
    )


def catalog_graph(base: str, page_number: int = 1, page_size: int = PAGE_SIZE) -> Graph:
    g = _graph()
    catalog = URIRef(f"{base}/catalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Open Government Morocco – open data", lang="en")))
    g.add(
        (catalog, DCTERMS.title, Literal("Gouvernement ouvert Maroc – données ouvertes", lang="fr"))
    )
    g.add(
        (catalog, DCTERMS.title, Literal("الحكومة المنفتحة بالمغرب – البيانات المفتوحة", lang="ar"))
    )
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                "Datasets published by Moroccan administrations on the OGP Morocco portal.",
                lang="en",
            ),
        )
    )
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                "Jeux de données publiés par les administrations marocaines sur le portail du Gouvernement ouvert.",
                lang="fr",
            ),
        )
    )
    portal = URIRef(f"{base}/directory/a/ogp-portal/")
    g.add((catalog, DCTERMS.publisher, portal))
    g.add((portal, RDF.type, FOAF.Organization))
    g.add((portal, FOAF.name, Literal("Open Government Morocco portal", lang="en")))
    g.add((catalog, FOAF.homepage, URIRef(f"{base}/")))
    for lang in LANGUAGES:
        g.add(
            (
                catalog,
                DCTERMS.language,
                URIRef(
                    f"http://publications.europa.eu/resource/authority/language/{ {'ar': 'ARA', 'fr': 'FRA', 'en': 'ENG'}[lang] }"
                ),
            )
        )
    paginator = Paginator(_datasets(), page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        raise Http404 from None
    for dataset in page.object_list:
        g.add((catalog, DCAT.dataset, add_dataset(g, dataset, base)))
    if paginator.num_pages > 1 or page_number > 1:
        paging = URIRef(f"{base}/catalog?page={page_number}")
        g.add((paging, RDF.type, HYDRA.PagedCollection))
        g.add((paging, HYDRA.totalItems, Literal(paginator.count, datatype=XSD.integer)))
        g.add((paging, HYDRA.itemsPerPage, Literal(page_size, datatype=XSD.integer)))
        g.add((paging, HYDRA.firstPage, Literal("?page=1")))
        g.add((paging, HYDRA.lastPage, Literal(f"?page={paginator.num_pages}")))
        if page.has_next():
            g.add((paging, HYDRA.nextPage, Literal(f"?page={page.next_page_number()}")))
        if page.has_previous():
            g.add((paging, HYDRA.previousPage, Literal(f"?page={page.previous_page_number()}")))
    return g


def _serialize(g: Graph, fmt: str) -> str:
    rdf_format = FORMATS[fmt][0]
    return g.serialize(
        format=rdf_format, **({"auto_compact": True} if rdf_format == "json-ld" else {})
    )


def _response(data: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _respond(g: Graph, fmt: str) -> HttpResponse:
    return _response(_serialize(g, fmt), fmt)


def catalog(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1
    base = base_url(request)
    # Serialising a page takes a second or two: keep it until any dataset or resource changes.
    stamp = Dataset.objects.aggregate(
        n=Count("pk"), m=Max("updated_at"), r=Max("resources__updated_at")
    )
    key = (
        "opendata:dcat:"
        + hashlib.sha256(
            f"{base}|{fmt}|{page_number}|{stamp['n']}|{stamp['m']}|{stamp['r']}".encode()
        ).hexdigest()
    )
    data = cache.get(key)
    if data is None:
        data = _serialize(catalog_graph(base, page_number), fmt)
        cache.set(key, data, CACHE_SECONDS)
    return _response(data, fmt)


def dataset_rdf(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    dataset = get_object_or_404(_datasets(), slug=slug)
    g = _graph()
    add_dataset(g, dataset, base_url(request))
    return _respond(g, fmt)
