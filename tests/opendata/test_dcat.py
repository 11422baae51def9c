"""The DCAT-AP catalogue parses in all three syntaxes and satisfies a small SHACL shape of
DCAT-AP's mandatory properties."""

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from opendata import dcat

from .factories import DatasetFactory

pytestmark = pytest.mark.django_db

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/shapes#> .

ex:Catalog a sh:NodeShape ; sh:targetClass dcat:Catalog ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:publisher ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path dcat:dataset ; sh:class dcat:Dataset ] .

ex:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:publisher ; sh:maxCount 1 ; sh:minCount 1 ] ;
  sh:property [ sh:path dcat:distribution ; sh:class dcat:Distribution ] .

ex:Distribution a sh:NodeShape ; sh:targetClass dcat:Distribution ;
  sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:license ; sh:maxCount 1 ] .
"""


def parse(response, fmt):
    graph = Graph()
    graph.parse(data=response.content.decode(), format=fmt)
    return graph


@pytest.mark.parametrize(
    ("ext", "fmt", "content_type"),
    [
        ("ttl", "turtle", "text/turtle"),
        ("jsonld", "json-ld", "application/ld+json"),
        ("rdf", "xml", "application/rdf+xml"),
    ],
)
def test_the_catalogue_parses_in_each_syntax(
    client, good_dataset, poor_dataset, ext, fmt, content_type
):
    response = client.get(f"/fr/opendata/catalog.{ext}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    graph = parse(response, fmt)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 2
    uri = URIRef("http://testserver/opendata/datasets/barrages-remplissage/")
    assert uri in datasets
    assert (uri, DCTERMS.publisher, URIRef("http://testserver/directory/a/ministere-a/")) in graph
    distribution = graph.value(uri, DCAT.distribution)
    assert (distribution, RDF.type, DCAT.Distribution) in graph
    assert graph.value(distribution, DCTERMS.license) == URIRef("https://data.gov.ma/licence")
    assert graph.value(distribution, DCAT.accessURL) is not None
    titles = {t.language: str(t) for t in graph.objects(uri, DCTERMS.title)}
    assert titles == {
        "ar": "نسبة ملء السدود",
        "fr": "Taux de remplissage des barrages",
        "en": "Dam filling levels",
    }


def test_the_catalogue_conforms_to_the_mandatory_properties_shape(
    client, good_dataset, poor_dataset
):
    DatasetFactory(slug="no-description", description_fr="", publisher=poor_dataset.publisher)
    graph = parse(client.get("/en/opendata/catalog.ttl"), "turtle")

    conforms, _graph, report = validate(
        graph, shacl_graph=SHAPES, shacl_graph_format="turtle", inference="none"
    )

    assert conforms, report


def test_a_dataset_has_its_own_description(client, good_dataset):
    response = client.get("/fr/opendata/datasets/barrages-remplissage.ttl")

    graph = parse(response, "turtle")
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert len(set(graph.subjects(RDF.type, DCAT.Distribution))) == 1
    assert client.get("/fr/opendata/datasets/barrages-remplissage.exe").status_code == 404
    assert client.get("/fr/opendata/datasets/nope.ttl").status_code == 404


def test_large_catalogues_are_paged(good_dataset, poor_dataset):
    graph = dcat.catalog_graph("http://testserver", page_number=2, page_size=1)

    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert "hydra" in graph.serialize(format="turtle")


@pytest.mark.urls("tests.opendata.urls")
def test_the_root_catalogue_answers_without_a_language_prefix(client, good_dataset):
    response = client.get("/catalog.jsonld")

    assert response.status_code == 200
    assert len(set(parse(response, "json-ld").subjects(RDF.type, DCAT.Dataset))) == 1
    assert client.get("/dataset/barrages-remplissage.rdf").status_code == 200
