import re

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


def test_the_interactive_docs_are_served_from_this_site_without_inline_code(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html
    # Every script is a file from this origin: the CSP's script-src 'self' lets them run.
    assert "<script>" not in html
    for src in re.findall(r'<script src="([^"]+)"', html):
        assert src.startswith("/"), src
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_an_unmatched_api_address_is_a_json_404(client):
    response = client.get("/api/v1/requests/not%07a-reference/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_schema_documents_the_error_answers_of_every_operation(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) > 20
    for operation in operations:
        assert {"200", "400", "404", "429"} <= set(operation["responses"]), operation["operationId"]


@pytest.mark.parametrize("year", ["0", "0.0", "99999", "-5"])
def test_an_impossible_year_is_a_400_that_says_why_not_a_500(client, year):
    response = client.get("/api/v1/funding/awards/", {"year": year}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert list(response.json()) == ["year"]
