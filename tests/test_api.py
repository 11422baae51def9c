import pytest

pytestmark = pytest.mark.django_db


def test_the_api_root_answers_json_outside_the_language_prefix(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_the_openapi_schema_describes_the_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "OGP Morocco portal API"


def test_the_api_refuses_writes(client):
    response = client.post("/api/v1/", {}, content_type="application/json")
    assert response.status_code == 405
