"""Open311 GeoReport v2 against the spec: discovery, services, requests (GET and POST with an
api_key), tokens, JSON and XML, errors with code and description, public fields only."""

import datetime
import json
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import ApiKey, Complaint

# Our own responses are parsed here, not untrusted input.
# ruff: noqa: S314
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.complaints.urls")]
BASE = "/open311/v2"


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
        "first_name": "Karim",
        "last_name": "Demo",
    }
    data.update(overrides)
    return data


def test_discovery_in_json_and_xml(client):
    data = client.get(f"{BASE}/discovery.json").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert "application/json" in data["endpoints"][0]["formats"]
    xml = client.get(f"{BASE}/discovery.xml")
    assert xml["Content-Type"].startswith("text/xml")
    assert ET.fromstring(xml.content).tag == "discovery"


def test_services_list_one_service_per_active_category(client, category_a, category_b):
    category_b.is_active = False
    category_b.save()
    services_ = client.get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in services_] == ["a-accueil"]
    assert services_[0]["metadata"] is False
    assert services_[0]["type"] == "realtime"
    root = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert root.tag == "services"
    assert root.find("service/service_code").text == "a-accueil"


def test_a_service_definition_and_an_unknown_service(client, category_a):
    assert client.get(f"{BASE}/services/a-accueil.json").json() == {
        "service_code": "a-accueil",
        "attributes": [],
    }
    response = client.get(f"{BASE}/services/nope.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    assert response.json()[0]["description"]
    xml = client.get(f"{BASE}/services/nope.xml")
    root = ET.fromstring(xml.content)
    assert (root.tag, root.find("error/code").text) == ("errors", "404")


def test_post_creates_a_complaint_on_the_open311_channel(client, api_key, category_a):
    response = client.post(f"{BASE}/requests.json", post_data(api_key))
    assert response.status_code == 201
    body = response.json()[0]
    complaint = Complaint.objects.get()
    assert body["service_request_id"] == complaint.reference
    assert body["token"] == str(complaint.open311_token)
    assert complaint.channel == "open311"
    assert complaint.category == category_a
    assert complaint.administration == category_a.administration
    assert complaint.api_key.name == "Appli Casablanca"
    assert float(complaint.latitude) == 33.5731
    token = client.get(f"{BASE}/tokens/{body['token']}.json").json()
    assert token == [{"service_request_id": complaint.reference, "token": body["token"]}]


def test_post_without_a_valid_key_is_403(client, category_a, api_key):
    assert client.post(f"{BASE}/requests.json", post_data("")).status_code == 403
    response = client.post(f"{BASE}/requests.json", post_data("wrong"))
    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    ApiKey.objects.update(is_active=False)
    assert client.post(f"{BASE}/requests.json", post_data(api_key)).status_code == 403
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"service_code": ""}, 400),
        ({"service_code": "nope"}, 404),
        ({"lat": "", "long": ""}, 400),
        ({"lat": "north"}, 400),
        ({"lat": "95"}, 400),
        ({"description": ""}, 400),
        ({"email": "", "phone": ""}, 400),
        ({"email": "not-an-email"}, 400),
    ],
)
def test_bad_posts_are_explained(client, api_key, category_a, overrides, status):
    response = client.post(f"{BASE}/requests.json", post_data(api_key, **overrides))
    assert response.status_code == status
    error = response.json()[0]
    assert error["code"] == status
    assert error["description"]
    assert Complaint.objects.count() == 0


def test_an_address_string_is_an_accepted_location(client, api_key, category_a):
    response = client.post(
        f"{BASE}/requests.xml", post_data(api_key, lat="", long="", address_string="Bd Zerktouni")
    )
    assert response.status_code == 201
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == Complaint.objects.get().reference


@pytest.fixture
def two_requests(file, ogp_staff, administration_a, category_a, complaints_officer_a):
    open_one = services.forward(
        file(), actor=ogp_staff, administration=administration_a, category=category_a
    )
    closed = services.forward(
        file(), actor=ogp_staff, administration=administration_a, category=category_a
    )
    services.answer(closed, actor=complaints_officer_a, outcome="positive", text="Oui")
    services.close(closed)
    return open_one, closed


def test_get_requests_lists_public_fields_only(client, two_requests, citizen):
    data = client.get(f"{BASE}/requests.json").json()
    assert {r["service_request_id"] for r in data} == {c.reference for c in two_requests}
    allowed = {
        "service_request_id",
        "status",
        "service_name",
        "service_code",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
    }
    for request in data:
        assert set(request) == allowed
    text = json.dumps(data, ensure_ascii=False)
    for private in (citizen.email, citizen.full_name, "Attente au guichet", "Trois heures"):
        assert private not in text


def test_get_requests_filters_and_pages(client, two_requests, file):
    open_one, closed = two_requests
    statuses = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert [r["service_request_id"] for r in statuses] == [closed.reference]
    assert statuses[0]["status"] == "closed"
    by_code = client.get(f"{BASE}/requests.json", {"service_code": "other"}).json()
    assert by_code == []
    by_id = client.get(f"{BASE}/requests.json", {"service_request_id": open_one.reference}).json()
    assert [r["status"] for r in by_id] == ["open"]
    page1 = client.get(f"{BASE}/requests.json", {"page_size": 1, "page": 1}).json()
    page2 = client.get(f"{BASE}/requests.json", {"page_size": 1, "page": 2}).json()
    page3 = client.get(f"{BASE}/requests.json", {"page_size": 1, "page": 3}).json()
    assert len(page1) == len(page2) == 1
    assert page1 != page2
    assert page3 == []
    old = file()
    Complaint.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=200)
    )
    recent = {r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()}
    assert old.reference not in recent  # default window: the last 90 days
    start = (timezone.now() - datetime.timedelta(days=365)).isoformat()
    window = client.get(f"{BASE}/requests.json", {"start_date": start}).json()
    assert old.reference in {r["service_request_id"] for r in window}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "pending"},
        {"page": "0"},
        {"page_size": "many"},
        {"start_date": "yesterday"},
        {"start_date": "2026-05-01", "end_date": "2026-01-01"},
    ],
)
def test_bad_filters_are_400(client, params):
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_one_request_and_unknown_ids(client, two_requests):
    open_one, _closed = two_requests
    data = client.get(f"{BASE}/requests/{open_one.reference}.json").json()
    assert data[0]["service_request_id"] == open_one.reference
    assert data[0]["agency_responsible"] == "الوزارة أ" or data[0]["agency_responsible"]
    assert client.get(f"{BASE}/requests/CPL-1999-000001.json").status_code == 404
    assert client.get(f"{BASE}/tokens/not-a-uuid.json").status_code == 404
    xml = client.get(f"{BASE}/requests/{open_one.reference}.xml")
    assert ET.fromstring(xml.content).find("request/status").text == "open"


def test_the_tracking_token_is_never_an_open311_token(client, two_requests):
    complaint = two_requests[0]
    assert client.get(f"{BASE}/tokens/{complaint.tracking_token}.json").status_code == 404
