import csv
import io

import pytest
from django.db import connection
from django.utils import translation
from openpyxl import load_workbook

from ogp_portal.core.exports import csv_response, escape_cell, export_response, xlsx_response
from ogp_portal.core.search import normalise_query, search, search_config
from ogp_portal.directory.models import Administration
from tests.factories import AdministrationFactory

FIELDS = ["name_ar", "name_fr", "name_en", "acronym"]


@pytest.fixture
def bodies(db):
    return [
        AdministrationFactory(
            slug="sante",
            name_ar="وزارة الصحة والحماية الاجتماعية",
            name_fr="Ministère de la Santé et de la Protection sociale",
            name_en="Ministry of Health and Social Protection",
        ),
        AdministrationFactory(
            slug="justice",
            name_ar="وزارة العدل",
            name_fr="Ministère de la Justice",
            name_en="Ministry of Justice",
        ),
        AdministrationFactory(
            slug="onee",
            name_ar="المكتب الوطني للكهرباء والماء الصالح للشرب",
            name_fr="Office National de l'Électricité et de l'Eau potable",
            name_en="National Office of Electricity and Drinking Water",
            acronym="ONEE",
            kind=Administration.Kind.PUBLIC_ESTABLISHMENT,
        ),
    ]


def slugs(qs):
    return {a.slug for a in qs}


def test_it_finds_by_a_french_word(bodies):
    with translation.override("fr"):
        assert slugs(search(Administration.objects.all(), "justice", FIELDS)) == {"justice"}


def test_it_finds_by_an_arabic_word(bodies):
    with translation.override("ar"):
        assert slugs(search(Administration.objects.all(), "العدل", FIELDS)) == {"justice"}


def test_it_finds_by_acronym(bodies):
    assert slugs(search(Administration.objects.all(), "ONEE", FIELDS)) == {"onee"}


def test_it_needs_every_word(bodies):
    with translation.override("fr"):
        assert slugs(search(Administration.objects.all(), "ministère santé", FIELDS)) == {"sante"}
        assert slugs(search(Administration.objects.all(), "ministère électricité", FIELDS)) == set()


def test_an_empty_query_returns_everything(bodies):
    assert search(Administration.objects.all(), "   ", FIELDS).count() == 3


def test_it_trims_absurdly_long_queries():
    assert len(normalise_query("x" * 5000)) == 200


def test_it_picks_the_text_search_configuration_of_the_language():
    assert search_config("ar") == "arabic"
    assert search_config("fr") == "french"
    assert search_config("zgh") == "simple"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's (CI runs there)"
)
def test_on_postgresql_french_stemming_matches_plurals(bodies):
    with translation.override("fr"):
        assert "sante" in slugs(
            search(Administration.objects.all(), "protections sociales", FIELDS)
        )


def test_csv_opens_in_excel_with_arabic_and_no_formulas():
    response = csv_response(
        "export", ["name", "note"], [["وزارة العدل", '=HYPERLINK("http://x")'], ["A", "-2+3"]]
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["name", "note"]
    assert rows[1] == ["وزارة العدل", '\'=HYPERLINK("http://x")']
    assert rows[2][1] == "'-2+3"


def test_escape_keeps_numbers_as_numbers():
    assert escape_cell(-5) == -5
    assert escape_cell(None) == ""
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"


def test_xlsx_is_a_real_workbook():
    response = xlsx_response("export", ["name", "count"], [["الرباط", 12], ["+cmd", 3]], rtl=True)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["name", "count"]
    assert sheet["A2"].value == "الرباط" and sheet["B2"].value == 12
    assert sheet["A3"].value == "'+cmd"
    assert sheet.sheet_view.rightToLeft


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export_response("pdf", "x", [], [])
