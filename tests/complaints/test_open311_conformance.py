"""Open311 GeoReport v2 conformance: the spec's XML element by element, W3C date-times,
supported locales only, inactive administrations' services refused everywhere, and every
error (unknown format or resource, wrong method, no CSRF token) as the spec's error body."""

import datetime
import re
import zoneinfo
from xml.etree import ElementTree as ET

import pytest
from django.core import mail
from django.test import Client

from complaints import open311, services
from complaints.models import ApiKey, Complaint

# Our own responses are parsed here, not untrusted input.
# ruff: noqa: S314
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.complaints.urls")]
BASE = "/open311/v2"
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
PUBLIC_FIELDS = [
    "service_request_id",
    "status",
    "service_name",
    "service_code",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
]


@pytest.fixture
def api_key(ogp_staff):
    _key, raw = ApiKey.issue("Appli Casablanca", issued_by=ogp_staff)
    return raw


def post_data(api_key, **overrides):
    data = {
        "api_key": api_key,
        "service_code": "a-accueil",
        "lat": "33.5731",
        "long": "-7.5898",
        "description": "Guichet fermé sans explication",
        "email": "karim@example.test",
    }
    data.update(overrides)
    return data


def xml_of(response):
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def tags(node):
    return [child.tag for child in node]


def assert_open311_error(response, status, fmt="json"):
    assert response.status_code == status
    if fmt == "xml":
        root = xml_of(response)
        assert root.tag == "errors"
        assert tags(root) == ["error"]
        assert tags(root[0]) == ["code", "description"]
        assert root[0].find("code").text == str(status)
        assert root[0].find("description").text
    else:
        assert response["Content-Type"] == "application/json"
        body = response.json()
        assert isinstance(body, list)
        assert len(body) == 1
        assert set(body[0]) == {"code", "description"}
        assert body[0]["code"] == status
        assert body[0]["description"]


# --- XML shapes --------------------------------------------------------------------------


def test_discovery_xml_matches_the_spec_element_by_element(client):
    root = xml_of(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert tags(root) == ["changeset", "contact", "key_service", "endpoints"]
    assert W3C_DATETIME.match(root.find("changeset").text)
    assert root.find("contact").text
    assert root.find("key_service").text
    endpoints = root.find("endpoints")
    assert tags(endpoints) == ["endpoint"]
    endpoint = endpoints.find("endpoint")
    assert tags(endpoint) == ["specification", "url", "changeset", "type", "formats"]
    assert endpoint.find("specification").text == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.find("url").text.endswith("/open311/v2/")
    assert W3C_DATETIME.match(endpoint.find("changeset").text)
    assert endpoint.find("type").text == "production"
    formats = endpoint.find("formats")
    assert (formats.text or "").strip() == ""
    assert [(f.tag, f.text) for f in formats] == [
        ("format", "text/xml"),
        ("format", "application/json"),
    ]
    assert b"[" not in client.get(f"{BASE}/discovery.xml").content


def test_discovery_json_lists_the_formats(client):
    data = client.get(f"{BASE}/discovery.json").json()
    assert list(data) == ["changeset", "contact", "key_service", "endpoints"]
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]


def test_services_xml_has_one_service_element_per_service(client, category_a, category_b):
    root = xml_of(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert tags(root) == ["service", "service"]
    for service in root:
        assert tags(service) == [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ]
        assert service.find("metadata").text == "false"
        assert service.find("type").text == "realtime"
    assert {s.find("service_code").text for s in root} == {"a-accueil", "b-voirie"}


def test_a_service_definition_in_xml(client, category_a):
    root = xml_of(client.get(f"{BASE}/services/a-accueil.xml"))
    assert root.tag == "service_definition"
    assert tags(root) == ["service_code", "attributes"]
    assert root.find("service_code").text == "a-accueil"
    assert tags(root.find("attributes")) == []


def test_attributes_and_their_values_take_the_specs_element_names():
    definition = {
        "service_code": "a-accueil",
        "attributes": [
            {
                "variable": True,
                "code": "WAIT",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "",
                "order": 1,
                "description": "How long did you wait?",
                "values": [{"key": "1", "name": "An hour"}, {"key": "2", "name": "More"}],
            }
        ],
    }
    root = ET.fromstring(open311._xml("service_definition", None, definition))
    assert tags(root) == ["service_code", "attributes"]
    attributes = root.find("attributes")
    assert tags(attributes) == ["attribute"]
    attribute = attributes.find("attribute")
    assert tags(attribute) == [
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
        "values",
    ]
    assert (attribute.find("variable").text, attribute.find("required").text) == ("true", "false")
    values = attribute.find("values")
    assert tags(values) == ["value", "value"]
    assert [(tags(v), v.find("key").text, v.find("name").text) for v in values] == [
        (["key", "name"], "1", "An hour"),
        (["key", "name"], "2", "More"),
    ]


def test_an_unnamed_nested_list_is_refused_rather_than_printed_as_python():
    with pytest.raises(ValueError):
        open311._xml("service_definition", None, {"things": ["a", "b"]})


def test_requests_xml_has_a_request_element_per_request(client, file, ogp_staff, category_a):
    services.forward(
        file(), actor=ogp_staff, administration=category_a.administration, category=category_a
    )
    root = xml_of(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert tags(root) == ["request"]
    assert tags(root[0]) == PUBLIC_FIELDS
    reference = root[0].find("service_request_id").text
    one = xml_of(client.get(f"{BASE}/requests/{reference}.xml"))
    assert (one.tag, tags(one)) == ("service_requests", ["request"])
    assert tags(one[0]) == PUBLIC_FIELDS


def test_post_and_token_answers_in_xml(client, api_key, category_a):
    created = xml_of(client.post(f"{BASE}/requests.xml", post_data(api_key)))
    assert (created.tag, tags(created)) == ("service_requests", ["request"])
    assert tags(created[0]) == ["service_request_id", "token", "service_notice", "account_id"]
    token = created[0].find("token").text
    found = xml_of(client.get(f"{BASE}/tokens/{token}.xml"))
    assert (found.tag, tags(found)) == ("service_requests", ["request"])
    assert tags(found[0]) == ["service_request_id", "token"]
    assert found[0].find("service_request_id").text == Complaint.objects.get().reference


def test_errors_in_xml(client):
    assert_open311_error(client.get(f"{BASE}/requests/CPL-1999-000001.xml"), 404, "xml")
    assert_open311_error(client.get(f"{BASE}/requests.xml", {"status": "x"}), 400, "xml")


# --- expected_datetime ---------------------------------------------------------------------


def test_expected_datetime_is_a_w3c_datetime_at_the_end_of_the_due_day(
    client, file, ogp_staff, category_a
):
    complaint = services.forward(
        file(), actor=ogp_staff, administration=category_a.administration, category=category_a
    )
    data = client.get(f"{BASE}/requests/{complaint.reference}.json").json()[0]
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C_DATETIME.match(data[field]), (field, data[field])
    expected = datetime.datetime.fromisoformat(data["expected_datetime"])
    casablanca = zoneinfo.ZoneInfo("Africa/Casablanca")
    local = expected.astimezone(casablanca)
    assert local.date() == complaint.answer_due
    assert local.time() == datetime.time(23, 59, 59)
    assert expected.utcoffset() == local.utcoffset()


def test_a_closed_request_has_no_expected_datetime(client, answered):
    complaint = services.close(answered())
    data = client.get(f"{BASE}/requests/{complaint.reference}.json").json()[0]
    assert data["expected_datetime"] is None


# --- locale --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("fr", "fr"),
        ("fr_MA", "fr"),
        ("fr-MA", "fr"),
        ("ar-MA", "ar"),
        ("AR_ma", "ar"),
        ("en-US", "en"),
        ("xx", "ar"),
        ("zz-ZZ", "ar"),
        ("", "ar"),
        ("../etc", "ar"),
    ],
)
def test_post_keeps_only_a_supported_locale(client, api_key, category_a, locale, language):
    response = client.post(f"{BASE}/requests.json", post_data(api_key, locale=locale))
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    assert complaint.language == language
    assert f"/{language}/complaints/track/{complaint.tracking_token}/" in mail.outbox[-1].body


def test_an_unknown_locale_gives_a_working_tracking_link(client, api_key, category_a):
    client.post(f"{BASE}/requests.json", post_data(api_key, locale="xx"))
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200


def test_supported_language_falls_back_to_the_site_language(settings):
    settings.LANGUAGE_CODE = "fr"
    assert services.supported_language("xx") == "fr"
    assert services.supported_language(None) == "fr"
    assert services.supported_language("en_GB") == "en"


# --- inactive administrations ---------------------------------------------------------------


def test_a_service_of_an_inactive_administration_is_unknown_everywhere(
    client, api_key, category_a, administration_a
):
    administration_a.is_active = False
    administration_a.save()
    assert client.get(f"{BASE}/services.json").json() == []
    assert_open311_error(client.get(f"{BASE}/services/a-accueil.json"), 404)
    assert_open311_error(client.get(f"{BASE}/services/a-accueil.xml"), 404, "xml")
    response = client.post(f"{BASE}/requests.json", post_data(api_key))
    assert_open311_error(response, 404)
    assert "a-accueil" in response.json()[0]["description"]
    assert Complaint.objects.count() == 0


def test_an_inactive_category_is_refused_on_post(client, api_key, category_a):
    category_a.is_active = False
    category_a.save()
    assert_open311_error(client.post(f"{BASE}/requests.json", post_data(api_key)), 404)
    assert_open311_error(client.get(f"{BASE}/services/a-accueil.json"), 404)
    assert Complaint.objects.count() == 0


# --- errors are never HTML ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "requests.csv",
        "discovery",
        "discovery.html",
        "services",
        "services/a-accueil",
        "nothing/here",
        "",
    ],
)
def test_unknown_formats_and_resources_answer_a_json_error(client, path):
    response = client.get(f"{BASE}/{path}")
    assert_open311_error(response, 404)
    assert b"<html" not in response.content.lower()


@pytest.mark.parametrize("path", ["nothing.xml", "requests/a/b.xml", "tokens.xml"])
def test_unknown_resources_ending_in_xml_answer_an_xml_error(client, path):
    assert_open311_error(client.get(f"{BASE}/{path}"), 404, "xml")


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_post_without_a_csrf_token_is_judged_by_its_api_key(csrf_client, api_key, category_a):
    response = csrf_client.post(f"{BASE}/requests.json", post_data(api_key))
    assert response.status_code == 201
    assert Complaint.objects.get().channel == Complaint.Channel.OPEN311


@pytest.mark.parametrize("key", ["", "wrong"])
def test_the_api_key_stays_mandatory_without_csrf(csrf_client, category_a, key, ogp_staff):
    # Not even a signed-in staff member's session replaces the key.
    csrf_client.force_login(ogp_staff)
    response = csrf_client.post(f"{BASE}/requests.json", post_data(key))
    assert_open311_error(response, 403)
    response = csrf_client.post(f"{BASE}/requests.xml", post_data(key))
    assert_open311_error(response, 403, "xml")
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "status", "fmt"),
    [
        ("discovery.json", 405, "json"),
        ("services.xml", 405, "xml"),
        ("services/a-accueil.json", 405, "json"),
        ("requests/CPL-2026-000001.json", 405, "json"),
        ("tokens/x.xml", 405, "xml"),
        ("requests.csv", 404, "json"),
        ("discovery", 404, "json"),
    ],
)
def test_posts_elsewhere_answer_the_open311_error_body_not_the_csrf_page(
    csrf_client, category_a, path, status, fmt
):
    response = csrf_client.post(f"{BASE}/{path}", {"api_key": "x"})
    assert_open311_error(response, status, fmt)
    assert b"CSRF" not in response.content


def test_a_wrong_method_says_which_are_allowed(client):
    response = client.delete(f"{BASE}/requests.json")
    assert_open311_error(response, 405)
    assert response["Allow"] == "GET, HEAD, POST"


def test_any_method_on_an_unknown_resource_is_a_404_body(csrf_client):
    assert_open311_error(csrf_client.generic("PROPFIND", f"{BASE}/discovery"), 404)
    assert_open311_error(csrf_client.put(f"{BASE}/nothing.xml"), 404, "xml")
