"""The heaviest public pages are cached for anonymous visitors, never for signed-in users."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    # Off by default under pytest; what production runs with.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def test_an_anonymous_visitor_gets_the_home_page_from_the_cache(client):
    first = client.get("/fr/")
    second = client.get("/fr/")

    assert first.templates and not second.templates  # the second was not rendered
    assert second.content == first.content
    assert "max-age=60" in second["Cache-Control"]


def test_each_language_and_query_string_has_its_own_entry(client):
    client.get("/fr/")
    assert client.get("/ar/").templates
    client.get("/fr/directory/compare/", {"kind": "ministry"})
    assert client.get("/fr/directory/compare/", {"kind": "commune"}).templates


def test_signed_in_users_always_get_the_live_page(client_for, citizen):
    client = client_for(citizen)
    client.get("/fr/")
    assert client.get("/fr/").templates


def test_it_can_be_turned_off(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/fr/")
    assert client.get("/fr/").templates


@pytest.mark.parametrize(
    "path", ["/fr/petitions/", "/fr/opendata/", "/fr/integrity/", "/ar/transparency/requests/"]
)
def test_list_pages_are_cached_for_anonymous_visitors(client, path):
    assert client.get(path).templates
    assert not client.get(path).templates


def test_a_page_that_sets_a_cookie_is_never_cached(client):
    # The sign-in form sets the CSRF cookie: a cached copy would hand out someone's token.
    first = client.get("/fr/accounts/login/")
    assert first.cookies
    assert client.get("/fr/accounts/login/").templates
