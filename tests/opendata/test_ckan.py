"""The CKAN action API, through the real ckanapi client (its HTTP session routed to Django)."""

import json

import ckanapi
import pytest

from .factories import DatasetFactory, ResourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.opendata.urls")]


class _Response:
    def __init__(self, response):
        self.status_code = response.status_code
        self.text = response.content.decode()


class DjangoSession:
    """What ckanapi needs of a requests.Session, answered by the Django test client."""

    def __init__(self, client):
        self.client = client
        self.calls = []

    def post(self, url, data=None, headers=None, files=None, allow_redirects=True, **kwargs):
        path = url.split("http://testserver", 1)[-1]
        self.calls.append(("POST", path))
        return _Response(self.client.post(path, data=data, content_type="application/json"))

    def get(self, url, params=None, headers=None, **kwargs):
        path = url.split("http://testserver", 1)[-1]
        self.calls.append(("GET", path))
        return _Response(self.client.get(path, params or {}))

    def close(self):
        pass


@pytest.fixture
def ckan(client):
    return ckanapi.RemoteCKAN("http://testserver", session=DjangoSession(client))


@pytest.fixture
def catalogue(good_dataset, poor_dataset, vocab):
    DatasetFactory(slug="hidden-draft", publisher=good_dataset.publisher, is_published=False)
    return good_dataset, poor_dataset


def test_ckanapi_lists_and_shows_packages_through_api_action(ckan, catalogue):
    good, poor = catalogue

    assert ckan.action.package_list() == sorted([good.slug, poor.slug])
    package = ckan.action.package_show(id=good.slug)

    assert ckan.session.calls[0] == ("POST", "/api/action/package_list")
    assert package["name"] == good.slug
    assert package["organization"]["name"] == "ministere-a"
    assert package["license_id"] == "lo-ma" and package["isopen"] is True
    assert package["groups"][0]["name"] == "environment"
    assert package["resources"][0]["format"] == "CSV"
    assert package["author_email"] is None and package["maintainer_email"] is None


def test_ckanapi_raises_not_found_for_an_unknown_or_unpublished_package(ckan, catalogue):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="nope")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="hidden-draft")


def test_ckanapi_searches_with_filters_and_facets(ckan, catalogue):
    result = ckan.action.package_search(
        fq="organization:ministere-a",
        **{"facet.field": json.dumps(["res_format", "organization", "groups"])},
    )

    assert result["count"] == 1
    assert result["results"][0]["name"] == "barrages-remplissage"
    assert result["facets"]["res_format"] == {"CSV": 1}
    assert result["search_facets"]["organization"]["items"][0]["name"] == "ministere-a"
    assert result["search_facets"]["organization"]["items"][0]["count"] == 1


def test_package_search_pages_sorts_and_filters(client, catalogue):
    for n in range(5):
        ResourceFactory(
            dataset=DatasetFactory(slug=f"extra-{n}", publisher=catalogue[1].publisher),
            format="JSON",
        )

    def search(**params):
        body = client.get("/api/3/action/package_search", params).json()
        assert body["success"] is True
        return body["result"]

    assert search()["count"] == 7
    assert len(search(rows=3)["results"]) == 3
    names = [p["name"] for p in search(sort="name asc", rows=100)["results"]]
    assert names == sorted(names)
    assert [p["name"] for p in search(sort="name asc", rows=2, start=2)["results"]] == names[2:4]
    assert search(fq="res_format:JSON")["count"] == 5
    assert search(fq="tags:nothing")["count"] == 0
    assert search(fq="groups:environment")["count"] == 1
    assert search(q="barrages")["results"][0]["name"] == "barrages-remplissage"
    assert search(q="organization:ministere-a")["count"] == 1
    assert search(fq="-organization:ministere-a")["count"] == 6


def test_both_paths_answer_in_ckans_envelope_without_redirect(client, catalogue):
    for path in ("/api/3/action/status_show", "/api/action/status_show"):
        response = client.get(path)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"help", "success", "result"}
        assert body["success"] is True
        assert body["result"]["ckan_version"].startswith("2.")


def test_post_with_a_json_body_reads_like_get(client, catalogue):
    response = client.post(
        "/api/action/package_show",
        data=json.dumps({"id": "barrages-remplissage"}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["result"]["name"] == "barrages-remplissage"


def test_errors_have_ckans_shape_and_codes(client, catalogue):
    missing = client.get("/api/3/action/package_show", {"id": "nope"})
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert missing.json()["error"]["__type"] == "Not Found Error"

    invalid = client.get("/api/3/action/package_search", {"rows": "many"})
    assert invalid.status_code == 409
    assert invalid.json()["error"]["__type"] == "Validation Error"

    no_id = client.get("/api/3/action/package_show")
    assert no_id.status_code == 409
    assert "id" in no_id.json()["error"]

    unknown = client.get("/api/3/action/package_create")
    assert unknown.status_code == 400

    bad_json = client.post(
        "/api/action/package_list", data="{nope", content_type="application/json"
    )
    assert bad_json.status_code == 400
    assert bad_json.json()["success"] is False

    bad_fq = client.get("/api/3/action/package_search", {"fq": "author:someone"})
    assert bad_fq.status_code == 409
    assert bad_fq.json()["error"]["__type"] == "Search Query Error"


def test_organizations_groups_tags_licences_and_resources(ckan, catalogue):
    good, _poor = catalogue
    tag = good.tags.create(name="water")

    assert ckan.action.organization_list() == ["ministere-a", "ministere-b"]
    orgs = ckan.action.organization_list(all_fields=True, sort="package_count desc")
    assert {o["name"]: o["package_count"] for o in orgs} == {"ministere-a": 1, "ministere-b": 1}
    assert ckan.action.organization_show(id="ministere-a")["package_count"] == 1
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id="nobody")
    assert "environment" in ckan.action.group_list()
    assert ckan.action.tag_list() == [tag.name]
    licences = {lic["id"]: lic for lic in ckan.action.license_list()}
    assert licences["cc-by"]["od_conformance"] == "approved"
    assert licences["other-closed"]["od_conformance"] == "not reviewed"
    resource = good.resources.get()
    assert ckan.action.resource_show(id=str(resource.pk))["url"] == resource.url
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="999999")


def test_get_only_clients_work_too(client, catalogue):
    ckan = ckanapi.RemoteCKAN("http://testserver", get_only=True, session=DjangoSession(client))

    assert ckan.action.package_show(id="barrages-remplissage")["title"]
    assert ckan.session.calls[0][0] == "GET"
