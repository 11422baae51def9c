"""Public pages are gzipped; pages carrying a secret (a CSRF token, a cookie) are not (BREACH)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def test_an_anonymous_public_page_is_compressed(client):
    response = client.get("/fr/directory/", **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_with_a_form_token_is_not(client):
    response = client.get("/fr/accounts/login/", **GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"csrfmiddlewaretoken" in response.content


def test_a_signed_in_page_is_not(client_for, citizen):
    response = client_for(citizen).get("/fr/directory/", **GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_without_accept_encoding_nothing_changes(client):
    response = client.get("/fr/directory/")

    assert "Content-Encoding" not in response
