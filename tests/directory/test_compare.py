"""The comparison of administrations of one kind: columns from every app, sorting, a query count
that does not grow with the number of administrations, the CSV, and nothing personal."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogp_portal.directory.models import Administration
from tests.directory.conftest import (
    SECRET_EMAIL,
    add_awards,
    add_commitments,
    add_complaints,
    add_datasets,
    add_initiatives,
    add_petitions,
    add_requests,
    snapshot,
)
from tests.factories import AdministrationFactory, CommuneFactory

pytestmark = pytest.mark.django_db
URL = "/en/directory/compare/"


def names(response) -> list[str]:
    return [row["administration"].slug for row in response.context["rows"]]


def column(response, column_id) -> list:
    index = [c.id for c in response.context["table"].columns].index(column_id)
    return [row["cells"][index][0] for row in response.context["rows"]]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def ministries(administration_a, administration_b, person):
    """A has requests, complaints, petitions, commitments, datasets, initiatives and awards;
    B has only four complaints (suppressed) and cheaper awards; C has nothing."""
    c = AdministrationFactory(slug="ministere-c", name_en="Ministry C", name_fr="Ministère C")
    add_requests(administration_a)
    add_complaints(administration_a, 6, answer_days=(10, 20, 30, 70), ratings=(5, 4, 3, 4, 5))
    add_complaints(administration_b, 4, prefix="B")
    snapshot()
    add_petitions(administration_a, person)
    add_commitments(administration_a)
    add_datasets(administration_a)
    add_initiatives(administration_a)
    add_awards(administration_a)
    add_awards(administration_b, amounts=("10",), prefix="b")
    return administration_a, administration_b, c


def test_it_compares_the_administrations_of_one_kind_by_name_first(client, ministries, council):
    response = client.get(URL, {"kind": "ministry"})

    assert response.status_code == 200
    assert names(response) == ["ministere-a", "ministere-b", "ministere-c"]
    ids = [c.id for c in response.context["table"].columns]
    assert ids == [
        "transparency-requests.received",
        "transparency-requests.on_time_percent",
        "transparency-requests.median_working_days",
        "complaints.received",
        "complaints.days_to_answer_median",
        "petitions.petitions",
        "petitions.answered",
        "transparency-commitments.commitments",
        "transparency-commitments.progress",
        "opendata.datasets",
        "opendata.average_quality",
        "integrity.initiatives",
        "integrity.completed",
        "csofunding.amount",
        "csofunding.awards",
    ]
    assert column(response, "transparency-requests.received") == [3, 0, 0]
    assert column(response, "transparency-requests.on_time_percent") == [50, None, None]
    # B's four complaints are under the publication threshold: shown as nothing, like C's none.
    assert column(response, "complaints.received") == [6, None, None]
    assert column(response, "csofunding.amount") == [150000, 10, 0]
    assert "conseil-communal-t" not in names(response)


def test_councils_are_compared_per_100000_inhabitants(client, council):
    add_complaints(council, 5)
    snapshot()

    response = client.get(URL, {"kind": "communal_council"})

    assert names(response) == ["conseil-communal-t"]
    assert column(response, "territory.population") == [30_000]
    assert column(response, "complaints.per_100k") == [16.7]
    html = response.content.decode()
    assert "Population (2024 census)" in html and "30,000" in html


def test_a_council_without_a_recorded_territory_shows_dashes_not_an_error(client, council):
    unplaced = AdministrationFactory(
        slug="conseil-sans-territoire", name_en="Unplaced council", kind="communal_council"
    )
    add_complaints(council, 5)
    add_complaints(unplaced, 6, prefix="U")
    snapshot()

    response = client.get(
        URL, {"kind": "communal_council", "sort": "complaints.per_100k", "dir": "desc"}
    )

    assert response.status_code == 200
    assert names(response) == ["conseil-communal-t", "conseil-sans-territoire"]
    assert column(response, "territory.population") == [30_000, None]
    assert column(response, "complaints.received") == [5, 6]
    assert column(response, "complaints.per_100k") == [16.7, None]
    row = re.search(r'<tr id="a-conseil-sans-territoire">.*?</tr>', response.content.decode(), re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    ids = [c.id for c in response.context["table"].columns]
    for column_id in ("territory.population", "complaints.per_100k"):
        assert "—" in cells[ids.index(column_id)]
    assert "a dash under the population means its territory is not recorded" in (
        response.content.decode()
    )
    rows = read_csv(client.get(URL, {"kind": "communal_council", "format": "csv"}))
    assert rows[0][3] == "territory_population"
    assert [r[3] for r in rows[1:]] == ["30000", ""]


def test_councils_of_the_shipped_list_are_compared_per_inhabitant_of_their_prefecture(client):
    call_command("load_territories", stdout=io.StringIO())
    call_command("load_administrations", stdout=io.StringIO())
    rabat = Administration.objects.get(slug="conseil-prefectoral-rabat")
    kenitra = Administration.objects.get(slug="conseil-provincial-kenitra")
    add_complaints(rabat, 10, prefix="R")
    add_complaints(kenitra, 10, prefix="K")
    snapshot()

    response = client.get(URL, {"kind": "provincial_council", "sort": "complaints.per_100k"})

    by_slug = dict(zip(names(response), column(response, "complaints.per_100k"), strict=True))
    population = dict(zip(names(response), column(response, "territory.population"), strict=True))
    # 2024 census: Rabat prefecture 515,619 inhabitants, Kénitra province 1,284,247.
    assert population["conseil-prefectoral-rabat"] == 515_619
    assert population["conseil-provincial-kenitra"] == 1_284_247
    assert by_slug["conseil-prefectoral-rabat"] == round(10 * 100_000 / 515_619, 1) == 1.9
    assert by_slug["conseil-provincial-kenitra"] == round(10 * 100_000 / 1_284_247, 1) == 0.8
    assert all(population.values()), "every provincial council of the list has a population"


def test_the_number_of_queries_for_councils_does_not_grow_with_their_number(client, council):
    add_complaints(council, 5)
    snapshot()
    client.get(URL, {"kind": "communal_council"})
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"kind": "communal_council", "sort": "territory.population"})
    for i in range(8):
        commune = CommuneFactory(province=council.province, population_2024=1_000 * (i + 1))
        AdministrationFactory(
            slug=f"conseil-extra-{i}",
            kind="communal_council",
            region=council.region,
            province=council.province,
            commune=commune,
        )

    with CaptureQueriesContext(connection) as nine:
        response = client.get(URL, {"kind": "communal_council", "sort": "territory.population"})

    assert len(response.context["rows"]) == 9
    assert column(response, "territory.population")[:2] == [1_000, 2_000]
    assert len(nine) == len(one)


def test_an_unknown_kind_falls_back_to_ministries(client, ministries):
    response = client.get(URL, {"kind": "nonsense"})

    assert response.status_code == 200
    assert response.context["kind"] == "ministry"


def test_sorting_by_a_figure_puts_the_highest_first_and_missing_figures_last(client, ministries):
    descending = client.get(URL, {"kind": "ministry", "sort": "csofunding.amount", "dir": "desc"})
    ascending = client.get(URL, {"kind": "ministry", "sort": "csofunding.amount", "dir": "asc"})
    on_time = client.get(
        URL, {"kind": "ministry", "sort": "transparency-requests.on_time_percent", "dir": "asc"}
    )

    assert names(descending) == ["ministere-a", "ministere-b", "ministere-c"]
    assert names(ascending) == ["ministere-c", "ministere-b", "ministere-a"]
    # No answered request: no share, last in either direction (then by name).
    assert names(on_time) == ["ministere-a", "ministere-b", "ministere-c"]
    html = descending.content.decode()
    assert 'aria-sort="descending"' in html
    # The sorted column's link reverses the order.
    assert "sort=csofunding.amount&amp;dir=asc" in html


def test_sorting_by_name_descending_and_an_unknown_column_is_by_name(client, ministries):
    by_name = client.get(URL, {"kind": "ministry", "sort": "name", "dir": "desc"})
    unknown = client.get(URL, {"kind": "ministry", "sort": "secret.column"})

    assert names(by_name) == ["ministere-c", "ministere-b", "ministere-a"]
    assert names(unknown) == ["ministere-a", "ministere-b", "ministere-c"]


def test_the_region_filter_keeps_the_councils_of_one_region(client, council):
    other = AdministrationFactory(slug="conseil-ailleurs", kind="communal_council")

    response = client.get(URL, {"kind": "communal_council", "region": council.region.code})

    assert names(response) == ["conseil-communal-t"]
    assert other.slug not in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_number_of_administrations(
    client, ministries, django_assert_max_num_queries
):
    client.get(URL, {"kind": "ministry"})  # warms the holidays cache (working days)
    with CaptureQueriesContext(connection) as three:
        client.get(URL, {"kind": "ministry", "sort": "complaints.received"})
    for i in range(12):
        administration = AdministrationFactory(slug=f"ministere-extra-{i}")
        add_requests(administration, prefix=f"X{i}")
        add_awards(administration, amounts=("5",), prefix=f"x{i}")
        add_datasets(administration, scores=(50,))
    assert Administration.objects.filter(kind="ministry").count() == 15

    with CaptureQueriesContext(connection) as fifteen:
        response = client.get(URL, {"kind": "ministry", "sort": "complaints.received"})

    assert len(response.context["rows"]) == 15
    assert len(fifteen) == len(three)
    with django_assert_max_num_queries(15):
        client.get(URL, {"kind": "ministry"})


def test_the_csv_has_the_same_rows_in_the_same_order(client, ministries):
    response = client.get(
        URL, {"kind": "ministry", "sort": "csofunding.amount", "dir": "desc", "format": "csv"}
    )

    assert response["Content-Type"].startswith("text/csv")
    assert "administrations-ministry-compared.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:4] == ["administration", "name_ar", "name_fr", "transparency_requests_received"]
    assert "complaints_received" in rows[0] and "csofunding_amount" in rows[0]
    assert [row[0] for row in rows[1:]] == ["ministere-a", "ministere-b", "ministere-c"]
    amount = rows[0].index("csofunding_amount")
    assert [row[amount] for row in rows[1:]] == ["150000", "10", "0"]
    received = rows[0].index("complaints_received")
    assert [row[received] for row in rows[1:]] == ["6", "", ""]


def test_the_comparison_and_its_csv_show_no_personal_data(client, ministries):
    Administration.objects.filter(slug="ministere-a").update(
        email="contact.secret@example.test", phone="+212 5 37 00 00 00"
    )
    for language in ("ar", "fr", "en"):
        html = client.get(f"/{language}/directory/compare/", {"kind": "ministry"}).content
        assert b"@example.test" not in html
        assert b"+212" not in html
    data = client.get(URL, {"kind": "ministry", "format": "csv"}).content.decode("utf-8-sig")
    assert SECRET_EMAIL not in data and "@example.test" not in data and "+212" not in data


def test_an_empty_kind_says_so(client, db):
    response = client.get("/fr/directory/compare/", {"kind": "constitutional_body"})

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert 'class="alert alert-info"' in response.content.decode()


def test_the_directory_and_each_administration_link_to_the_comparison(client, administration_a):
    listing = client.get("/en/directory/", {"kind": "ministry"}).content.decode()
    detail = client.get(f"/en/directory/a/{administration_a.slug}/").content.decode()

    assert "/en/directory/compare/?kind=ministry" in listing
    assert "/en/directory/compare/?kind=ministry#a-ministere-a" in detail


def test_the_arabic_comparison_is_right_to_left(client, ministries):
    html = client.get("/ar/directory/compare/", {"kind": "ministry"}).content.decode()

    assert 'dir="rtl"' in html
    assert 'id="a-ministere-a"' in html
