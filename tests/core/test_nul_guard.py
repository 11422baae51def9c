"""A NUL character in a parameter is a clear 400, never a 500 (PostgreSQL text refuses it)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_query_string_is_refused_with_a_message(client):
    response = client.get("/fr/funding/associations/", {"q": "asso\x00ciation"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_api_answers_in_its_documented_validation_shape(client):
    response = client.get("/api/v1/petitions/", {"q": "\x00", "page": "2"})

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["q"]  # only the parameter that carried the NUL
    assert isinstance(body["q"], list) and "NUL" in body["q"][0]


def test_a_nul_in_a_parameter_name_is_named_without_it(client):
    response = client.get("/api/v1/petitions/?a%00b=1")

    assert response.status_code == 400
    assert list(response.json()) == ["a\ufffdb"]


def test_a_nul_in_a_posted_field_is_left_to_the_form_which_says_why(client):
    response = client.post("/fr/accounts/login/", {"login": "a\x00b@example.test", "password": "x"})

    assert response.status_code == 200  # the form again, with its error, in French
    assert 'lang="fr"' in response.content.decode()


def test_ordinary_requests_pass(client):
    assert client.get("/fr/funding/associations/", {"q": "association"}).status_code == 200
