import pytest
from django.urls import reverse

from ogp_portal.core.registry import areas

pytestmark = pytest.mark.django_db

AREA_KEYS = ["transparency", "petitions", "complaints", "integrity", "csofunding", "opendata"]


def test_the_six_areas_are_registered_in_order():
    assert [a.key for a in areas()] == AREA_KEYS


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_home_page_shows_every_area_with_its_figures(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    cards = response.context["cards"]
    assert [c["area"].key for c in cards] == AREA_KEYS
    assert all(len(c["figures"]) == 3 for c in cards)
    html = response.content.decode()
    for card in cards:
        assert f'href="{reverse(card["area"].url_name)}"' in html
    assert f'lang="{lang}"' in html


@pytest.mark.parametrize("key", AREA_KEYS)
def test_each_area_page_answers(client, key):
    prefix = {"csofunding": "funding"}.get(key, key)
    response = client.get(f"/fr/{prefix}/")
    assert response.status_code == 200
    assert response.context["area"].key == key


def test_healthz_reports_the_database_answers(client):
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
