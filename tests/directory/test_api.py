"""/api/v1/administrations/: every administration with what each app says about it, the same
figures as the comparison page, in a constant number of queries, and nothing personal."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.conftest import (
    SECRET_EMAIL,
    add_awards,
    add_complaints,
    add_requests,
    snapshot,
)
from tests.factories import AdministrationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/administrations/"


def by_slug(response) -> dict:
    return {item["slug"]: item for item in response.json()["results"]}


def test_figures_are_the_comparison_s_for_each_administration(
    client, administration_a, administration_b
):
    add_requests(administration_a)
    add_complaints(administration_a, 6, answer_days=(10, 20, 30, 70), ratings=(5, 4, 3, 4, 5))
    add_complaints(administration_b, 4, prefix="B")
    snapshot()
    add_awards(administration_a)

    response = client.get(URL, {"kind": "ministry"})

    assert response.status_code == 200
    items = by_slug(response)
    a, b = items["ministere-a"], items["ministere-b"]
    assert a["figures"]["transparency-requests"]["received"] == 3
    assert a["figures"]["transparency-requests"]["on_time_percent"] == 50
    assert a["figures"]["complaints"]["received"] == 6
    assert a["figures"]["csofunding"]["amount"] == 150000
    # Under five complaints: suppressed, as on the page.
    assert b["figures"]["complaints"]["received"] is None
    assert a["population"] is None  # a ministry has no territory
    assert a["url"].endswith("/directory/a/ministere-a/")


def test_a_council_carries_its_territory_and_per_capita_figures(client, council):
    add_complaints(council, 5)
    snapshot()

    item = client.get(f"{URL}{council.slug}/").json()

    assert item["population"] == 30_000
    assert item["commune"] == council.commune.code
    assert item["figures"]["complaints"]["per_100k"] == 16.7


def test_filters_are_the_directory_s_and_bad_values_are_a_400(client, administration_a, council):
    assert set(by_slug(client.get(URL, {"kind": "communal_council"}))) == {council.slug}
    response = client.get(URL, {"kind": "not-a-kind"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_the_number_of_queries_does_not_grow_with_the_administrations(client, administration_a):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for n in range(8):
        AdministrationFactory(slug=f"ministere-x{n}", name_en=f"Ministry X{n}")
    assert count() == few


def test_an_unknown_or_inactive_administration_is_a_404(client, administration_a):
    administration_a.is_active = False
    administration_a.save()

    assert client.get(f"{URL}ministere-a/").status_code == 404
    assert client.get(f"{URL}no-such-body/").status_code == 404


def test_no_contact_or_personal_data(client, administration_a):
    administration_a.email = SECRET_EMAIL
    administration_a.phone = "+212 600 000 000"
    administration_a.save()

    body = json.dumps(client.get(URL).json())

    assert SECRET_EMAIL not in body and "600 000 000" not in body
