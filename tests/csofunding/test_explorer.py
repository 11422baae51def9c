"""The awards explorer on the five known awards of conftest.known_awards."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from csofunding import explorer
from csofunding.models import Award

pytestmark = pytest.mark.django_db

URL = "/en/funding/awards/"


def facet(response, name):
    for item in response.context["facets"]:
        if item["name"] == name:
            return {entry["value"]: entry["count"] for entry in item["items"]}
    raise AssertionError(name)


def test_the_totals_count_every_award_once(client, known_awards):
    response = client.get(URL)

    totals = response.context["totals"]
    assert totals["amount"] == Decimal("1650000")
    assert totals["count"] == 5
    assert totals["associations"] == 3


def test_a_region_filter_does_not_count_an_award_twice(client, known_awards):
    response = client.get(URL, {"region": "02"})

    totals = response.context["totals"]
    assert (totals["count"], totals["amount"]) == (2, Decimal("340000"))
    assert totals["associations"] == 2


def test_facet_counts_apply_the_other_filters_only(client, known_awards):
    response = client.get(URL, {"funder": "ministere-a", "year": "2025"})

    assert response.context["totals"]["count"] == 2  # a2, a3
    # The funder facet ignores the funder filter but keeps the year.
    assert facet(response, "funder") == {"ministere-a": 2, "ministere-b": 1}
    # The year facet ignores the year filter but keeps the funder.
    assert facet(response, "year") == {"2025": 2, "2024": 1}
    assert facet(response, "sector") == {"youth": 1, "health": 1}
    assert facet(response, "region") == {"01": 1, "02": 1, "03": 1}
    assert facet(response, "band") == {"lt50k": 1, "gte1m": 1}


def test_the_amount_band_filter(client, known_awards):
    response = client.get(URL, {"band": "200k-1m"})

    assert [a.reference for a in response.context["page_obj"]] == ["b1"]


def test_a_selected_facet_links_to_its_removal(client, known_awards):
    response = client.get(URL, {"sector": "health", "page": "1"})

    html = response.content.decode()
    assert 'aria-current="true" href="/en/funding/awards/"' in html


def test_an_award_benefiting_two_regions_is_shared_between_them_on_the_map(known_awards):
    amounts = explorer.amount_by_region(Award.objects.all())

    assert amounts == {
        "01": Decimal("120000.00"),  # a1 100 000 + half of a2
        "02": Decimal("320000.00"),  # half of a2 + b1
        "03": Decimal("1200000.00"),
        "12": Decimal("10000.00"),
    }
    assert sum(amounts.values()) == Decimal("1650000")


def test_the_per_inhabitant_map_divides_by_the_2024_census_population(known_awards):
    # conftest: region NN has NN million inhabitants.
    per_head = explorer.per_inhabitant(explorer.amount_by_region(Award.objects.all()))

    assert per_head["01"] == Decimal("0.12")
    assert per_head["02"] == Decimal("0.16")
    assert per_head["03"] == Decimal("0.40")
    assert per_head["12"] == Decimal("0.00")  # 10 000 / 12 000 000 rounds to 0.00
    assert per_head["05"] == Decimal("0.00")
    assert len(per_head) == 12


def test_the_map_renders_the_twelve_regions_with_their_totals(client, known_awards):
    html = client.get(URL).content.decode()

    start = html.index('id="map-total"')
    map_html = html[start : html.index("</svg>", start)]
    assert map_html.count("<path") == 12
    assert "1,200,000 MAD" in html  # Région 03 in the accessible table


def test_the_charts_by_sector_funder_and_year(known_awards):
    awards = Award.objects.all()

    with translation.override("en"):
        assert explorer.by_sector(awards) == [
            ("Health", Decimal("1500000")),
            ("Youth", Decimal("140000")),
            ("Disability", Decimal("10000")),
        ]
    assert [total for _name, total in explorer.by_funder(awards)] == [
        Decimal("1340000"),
        Decimal("310000"),
    ]
    assert explorer.by_year(awards) == [
        ("2023", Decimal("10000")),
        ("2024", Decimal("100000")),
        ("2025", Decimal("1540000")),
    ]


def test_the_csv_export_has_the_filtered_awards(client, known_awards):
    response = client.get(URL, {"funder": "ministere-b", "format": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["grant_id", "reference", "award_date"]
    assert sorted(r[1] for r in rows[1:]) == ["b1", "b2"]
    assert {r[rows[0].index("beneficiary_regions")] for r in rows[1:]} == {"MA-02", "MA-12"}


def test_the_xlsx_export_opens_with_the_same_rows(client, known_awards):
    response = client.get(URL, {"sector": "youth", "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 3
    assert sorted(v[1] for v in values[1:]) == ["a1", "a2"]


def test_an_unknown_export_format_is_a_400(client, known_awards):
    assert client.get(URL, {"format": "pdf"}).status_code == 400


def test_bad_filter_values_list_nothing_and_say_why_not_a_500(client, known_awards):
    response = client.get(URL, {"year": "abc", "region": "99", "band": "huge", "sector": "youth"})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert response.context["totals"]["count"] == 0
    assert {e["name"] for e in response.context["filter_errors"]} == {"year", "region", "band"}
    html = response.content.decode()
    assert 'id="filter-errors"' in html
    # The way out keeps the filters that were understood.
    assert 'href="/en/funding/awards/?sector=youth"' in html


def test_unpublished_awards_are_left_out_everywhere(client, known_awards):
    Award.objects.filter(reference="a3").update(is_published=False)

    response = client.get(URL)
    assert response.context["totals"]["count"] == 4
    assert client.get("/en/funding/awards/a3/").status_code == 404
    assert "a3" not in [
        a["reference"] for a in client.get("/api/v1/funding/awards/").json()["results"]
    ]


def test_the_explorer_query_count_does_not_grow_with_the_page(
    client, known_awards, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        client.get(URL)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"region": "02"},
        {"funder": "ministere-a", "year": "2025"},
        {"sector": "youth", "band": "lt50k"},
        {"region": "01", "band": "gte1m", "year": "2025"},
        {"q": "zzz-nothing"},
        {"region": "99", "year": "abc"},
    ],
)
def test_the_one_query_summary_gives_the_same_figures_as_the_separate_queries(known_awards, params):
    from django.http import QueryDict

    from csofunding.filters import AwardFilter

    data = QueryDict(mutable=True)
    data.update(params)
    base = Award.objects.published()
    awards = AwardFilter(data, queryset=base).qs
    with translation.override("en"):
        summary = explorer.summary(data, base)
        assert summary["totals"] == explorer.totals(awards)
        assert summary["facets"] == explorer.facets(data, base)
        assert summary["amount_by_region"] == explorer.amount_by_region(awards)
        assert summary["by_sector"] == explorer.by_sector(awards)
        assert summary["by_funder"] == explorer.by_funder(awards)
        assert summary["by_funder_kind"] == explorer.by_funder_kind(awards)
        assert summary["by_year"] == explorer.by_year(awards)


def test_an_unknown_sector_on_the_explorer_is_explained_in_french_and_lists_nothing(
    client, known_awards
):
    response = client.get("/fr/funding/awards/", {"sector": "zzz"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sélectionnez un choix valide" in html  # Django's own message, in French
    assert response.context["totals"]["count"] == 0
    assert list(response.context["page_obj"]) == []
    assert response.context["facets"] == []
    assert "format=csv" not in html  # no download of a list that is not shown


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_with_an_unknown_filter_value_is_a_plain_text_400(client, known_awards, fmt):
    response = client.get("/fr/funding/awards/", {"sector": "zzz", "year": "0", "format": fmt})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Content-Disposition" not in response
    lines = response.content.decode().splitlines()
    assert lines[1].startswith("sector: Sélectionnez un choix valide")
    assert lines[2].startswith("year: ")


def test_an_impossible_year_on_the_explorer_is_refused_not_ignored(client, known_awards):
    response = client.get("/fr/funding/awards/", {"year": "0"})

    assert response.status_code == 200
    assert [e["name"] for e in response.context["filter_errors"]] == ["year"]
    assert response.context["totals"]["count"] == 0
