"""The calls page: reading order (open calls by nearest deadline, past calls newest first),
its CSV/XLSX/JSON exports of the same filtered calls, and filters it cannot read."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import make_call

pytestmark = pytest.mark.django_db

URL = "/fr/funding/calls/"


@pytest.fixture
def calls(programme_a, programme_b, regions):
    made = {
        "open-late": make_call(programme_a, "open-late", closes_in=40),
        "open-soon": make_call(programme_a, "open-soon", closes_in=2),
        "upcoming": make_call(programme_b, "upcoming", opens_in=5, closes_in=60),
        "closed-2023": make_call(
            programme_a, "closed-2023", opens_on=date(2023, 1, 1), deadline=date(2023, 3, 1)
        ),
        "awarded-2025": make_call(
            programme_b,
            "awarded-2025",
            opens_on=date(2025, 1, 1),
            deadline=date(2025, 3, 1),
            awarded_on=date(2025, 6, 1),
            grant_min=10000,
            grant_max=50000,
        ),
        "closed-recent": make_call(programme_a, "closed-recent", opens_in=-60, closes_in=-3),
        "draft": make_call(programme_a, "draft", published=False),
    }
    made["open-soon"].regions.set([regions["01"], regions["02"]])
    return made


def test_open_calls_come_by_nearest_deadline_and_past_calls_newest_first(client, calls):
    response = client.get(URL)

    assert [c.reference for c in response.context["page_obj"]] == [
        "open-soon",
        "open-late",
        "upcoming",
        "closed-recent",
        "awarded-2025",
        "closed-2023",
    ]


def test_the_csv_export_holds_the_filtered_calls_in_the_page_order(client, calls):
    response = client.get(URL, {"funder": "ministere-a", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="calls-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["reference"] for r in rows] == [
        "open-soon",
        "open-late",
        "closed-recent",
        "closed-2023",
    ]
    soon = rows[0]
    assert soon["status"] == "closing_soon"
    assert soon["funder_id"] == "360G-ogpma-funder-ministere-a"
    assert soon["sectors"] == "youth"
    assert soon["regions"] == "MA-01;MA-02"
    assert soon["url"].endswith("/fr/funding/calls/open-soon/")
    assert "@" not in response.content.decode("utf-8-sig")


def test_the_xlsx_and_json_exports_follow_the_same_filters(client, calls):
    xlsx = client.get(URL, {"status": "awarded", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][0] == "reference"
    assert [row[0] for row in values[1:]] == ["awarded-2025"]

    data = client.get(URL, {"status": "awarded", "format": "json"}).json()
    assert data["count"] == 1
    (call,) = data["results"]
    assert call["reference"] == "awarded-2025"
    assert call["results_published_on"] == "2025-06-01"
    assert call["grant_min_mad"] == 10000 and call["grant_max_mad"] == 50000
    assert call["regions"] == []  # national


def test_an_unknown_export_format_is_a_400(client, calls):
    assert client.get(URL, {"format": "pdf"}).status_code == 400


def test_the_page_links_its_downloads(client, calls):
    html = client.get(URL, {"sector": "youth"}).content.decode()

    assert "?sector=youth&amp;format=csv" in html
    assert "?sector=youth&amp;format=json" in html


def test_an_unknown_filter_value_lists_no_call_and_its_export_is_a_400(client, calls):
    page = client.get(URL, {"sector": "zzz"})

    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 0
    assert "Sélectionnez un choix valide" in page.content.decode()
    export = client.get(URL, {"sector": "zzz", "format": "csv"})
    assert export.status_code == 400
    assert export["Content-Type"] == "text/plain; charset=utf-8"
    assert "sector:" in export.content.decode()
