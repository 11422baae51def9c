import csv
import io
import json

import pytest
from openpyxl import load_workbook

from integrity.models import Initiative
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

State = Initiative.State


@pytest.fixture
def bank(make_initiative, administration_a, administration_b, civil_servant_a):
    """Five published initiatives with known facets, plus a draft and a submitted one."""
    oriental = RegionFactory(code="02", name_fr="Oriental", name_ar="الشرق")
    souss = RegionFactory(code="09", name_fr="Souss-Massa", name_ar="سوس ماسة")
    published = State.PUBLISHED
    return {
        "health_online": make_initiative(
            published,
            sector="health",
            challenge="digitisation",
            lead_administration=administration_a,
            title_fr="Rendez-vous en ligne",
            title_ar="المواعيد عن بعد",
            title_en="Online appointments",
            scope="regional",
            regions=[oriental, souss],
            status="completed",
            indicators=[("Procédures en ligne", 10, 80, 45)],
        ),
        "health_procurement": make_initiative(
            published,
            sector="health",
            challenge="procurement",
            lead_administration=administration_a,
            title_fr="Traçabilité des médicaments",
            title_ar="تتبع الأدوية",
            title_en="Medicine tracking",
            scope="regional",
            regions=[souss],
        ),
        "justice_online": make_initiative(
            published,
            sector="justice",
            challenge="digitisation",
            lead_administration=administration_b,
            title_fr="Tribunal numérique",
            title_ar="المحكمة الرقمية",
            title_en="Digital court",
            other_partners="Transparency Maroc",
        ),
        "justice_fees": make_initiative(
            published,
            sector="justice",
            challenge="petty-corruption",
            lead_administration=administration_b,
            title_fr="Affichage des frais judiciaires",
            title_ar="إشهار الرسوم القضائية",
            title_en="Posting court fees",
            status="completed",
        ),
        "tax": make_initiative(
            published,
            sector="tax-customs",
            challenge="digitisation",
            lead_administration=administration_b,
            title_fr="Télédéclaration des impôts",
            title_ar="الإقرار الإلكتروني",
            title_en="Online tax returns",
            status="planned",
        ),
        "draft": make_initiative(
            sector="health", lead_administration=administration_a, title_fr="Brouillon secret"
        ),
        "submitted": make_initiative(
            State.SUBMITTED,
            sector="health",
            lead_administration=administration_a,
            title_fr="En attente de revue",
            submitted_by=civil_servant_a,
        ),
    }


def facet(response, name) -> dict:
    found = next(f for f in response.context["facets"] if f["name"] == name)
    return {v["value"]: v["count"] for v in found["values"]}


def titles(response) -> set[str]:
    return {i.title_fr for i in response.context["page_obj"]}


def test_the_bank_lists_only_published_initiatives(client, bank):
    response = client.get("/fr/integrity/")

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 5
    assert "Brouillon secret" not in response.content.decode()
    assert "En attente de revue" not in response.content.decode()


def test_facet_counts_cover_all_published_initiatives(client, bank):
    response = client.get("/fr/integrity/")

    assert facet(response, "sector") == {"health": 2, "justice": 2, "tax-customs": 1}
    assert facet(response, "challenge") == {
        "digitisation": 3,
        "procurement": 1,
        "petty-corruption": 1,
    }
    assert facet(response, "status") == {"ongoing": 2, "completed": 2, "planned": 1}
    assert facet(response, "region") == {"02": 1, "09": 2}
    assert facet(response, "scope") == {"regional": 2, "national": 3}


def test_facet_counts_follow_the_other_active_filters(client, bank):
    response = client.get("/fr/integrity/", {"challenge": "digitisation"})

    assert titles(response) == {
        "Rendez-vous en ligne",
        "Tribunal numérique",
        "Télédéclaration des impôts",
    }
    # Sectors are counted among digitisation initiatives only...
    assert facet(response, "sector") == {"health": 1, "justice": 1, "tax-customs": 1}
    # ...and challenges ignore their own filter, so the visitor can switch.
    assert facet(response, "challenge") == {
        "digitisation": 3,
        "procurement": 1,
        "petty-corruption": 1,
    }


def test_filters_combine(client, bank):
    response = client.get("/fr/integrity/", {"sector": "health", "region": "09"})

    assert titles(response) == {"Rendez-vous en ligne", "Traçabilité des médicaments"}
    assert facet(response, "status") == {"completed": 1, "ongoing": 1}


def test_an_unknown_filter_value_lists_nothing_and_says_why_in_french(client, bank):
    response = client.get("/fr/integrity/", {"sector": "nope", "status": "completed"})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert [e["name"] for e in response.context["filter_errors"]] == ["sector"]
    html = response.content.decode()
    assert 'id="filter-errors"' in html
    assert "Sélectionnez un choix valide" in html
    assert 'href="/fr/integrity/?status=completed"' in html
    assert "format=csv" not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_with_an_unknown_filter_value_is_a_plain_text_400(client, bank, fmt):
    response = client.get("/fr/integrity/", {"sector": "nope", "format": fmt})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "sector: Sélectionnez un choix valide" in response.content.decode()


def test_search_finds_initiatives_by_title_and_partner(client, bank):
    assert titles(client.get("/fr/integrity/", {"q": "tribunal"})) == {"Tribunal numérique"}
    assert titles(client.get("/fr/integrity/", {"q": "Transparency"})) == {"Tribunal numérique"}
    assert titles(client.get("/fr/integrity/", {"q": "Brouillon"})) == set()


def test_search_works_in_arabic(client, bank):
    assert titles(client.get("/ar/integrity/", {"q": "المحكمة"})) == {"Tribunal numérique"}


def test_sorting_by_title(client, bank):
    response = client.get("/fr/integrity/", {"sort": "title"})

    listed = [i.title_fr for i in response.context["page_obj"]]
    assert listed == sorted(listed)


@pytest.mark.parametrize(
    "lang,text", [("ar", "المحكمة الرقمية"), ("fr", "Tribunal numérique"), ("en", "Digital court")]
)
def test_the_list_and_the_initiative_page_speak_each_language(client, bank, lang, text):
    initiative = bank["justice_online"]

    listing = client.get(f"/{lang}/integrity/")
    page = client.get(f"/{lang}/integrity/{initiative.pk}/")

    assert text in listing.content.decode()
    assert page.status_code == 200
    assert text in page.content.decode()


def test_an_unpublished_initiative_is_not_found(client, bank):
    assert client.get(f"/fr/integrity/{bank['draft'].pk}/").status_code == 404
    assert client.get(f"/fr/integrity/{bank['submitted'].pk}/").status_code == 404


def test_the_initiative_page_shows_indicators_and_related_initiatives(client, bank):
    response = client.get(f"/fr/integrity/{bank['health_online'].pk}/")

    body = response.content.decode()
    assert "Procédures en ligne" in body
    assert 'value="50"' in body  # progress bar: 45 is halfway from 10 to 80
    related = {i.title_fr for i in response.context["related"]}
    # Same sector (health) or same challenge (digitisation), published only.
    assert related == {
        "Traçabilité des médicaments",
        "Tribunal numérique",
        "Télédéclaration des impôts",
    }


def test_public_pages_carry_no_personal_data(client, bank, civil_servant_a, administration_a):
    administration_a.email = "contact@ministere-a.example.test"
    administration_a.phone = "+212 5 37 11 22 33"
    administration_a.save()

    for url in [
        "/fr/integrity/",
        f"/fr/integrity/{bank['health_online'].pk}/",
        "/fr/integrity/statistics/",
        "/fr/integrity/?format=json",
        "/fr/integrity/?format=csv",
        "/api/v1/integrity/initiatives/",
    ]:
        body = client.get(url).content.decode("utf-8-sig")
        assert civil_servant_a.email not in body, url
        assert civil_servant_a.full_name not in body, url
        assert "ministere-a.example.test" not in body, url
        assert "37 11 22 33" not in body, url


def test_the_statistics_page_counts_by_sector_challenge_and_region(client, bank):
    response = client.get("/ar/integrity/statistics/")

    assert response.status_code == 200
    assert response.context["total"] == 5
    by_sector = dict(response.context["by_sector"])
    assert by_sector["العدل"] == 2
    assert response.context["region_values"]["09"] == 2
    assert response.context["region_values"]["02"] == 1
    assert b"<svg" in response.content


def test_the_csv_export_holds_the_filtered_list(client, bank):
    response = client.get("/fr/integrity/", {"sector": "justice", "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Id", "Titre"] or rows[0][0] == "Id"
    assert {row[1] for row in rows[1:]} == {"Tribunal numérique", "Affichage des frais judiciaires"}


def test_the_xlsx_export_holds_the_filtered_list(client, bank):
    response = client.get("/en/integrity/", {"challenge": "digitisation", "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][1] == "Title"
    assert {row[1] for row in values[1:]} == {
        "Online appointments",
        "Digital court",
        "Online tax returns",
    }


def test_the_json_export_holds_indicators_and_regions(client, bank):
    response = client.get("/en/integrity/", {"region": "02", "format": "json"})

    data = json.loads(response.content)
    assert data["count"] == 1
    record = data["results"][0]
    assert record["title"] == "Online appointments"
    assert record["regions"] == ["MA-02", "MA-09"]
    assert record["indicators"][0]["target"] == 80.0
    assert record["status"] == "completed"


def test_an_unknown_export_format_is_a_400(client, bank):
    assert client.get("/fr/integrity/", {"format": "pdf"}).status_code == 400


def test_the_api_lists_published_initiatives_with_filters(client, bank):
    response = client.get("/api/v1/integrity/initiatives/", {"sector": "health"})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {r["title_fr"] for r in data["results"]} == {
        "Rendez-vous en ligne",
        "Traçabilité des médicaments",
    }


def test_the_api_refuses_a_bad_filter_value_with_a_reason(client, bank):
    response = client.get("/api/v1/integrity/initiatives/", {"status": "finished"})

    assert response.status_code == 400
    assert "status" in response.json()


def test_the_api_does_not_serve_unpublished_initiatives(client, bank):
    assert client.get(f"/api/v1/integrity/initiatives/{bank['draft'].pk}/").status_code == 404


def test_the_open_data_export_is_registered(bank):
    from ogp_portal.core.registry import public_exports

    export = next(e for e in public_exports() if e.key == "integrity-initiatives")
    headers, rows = export.build()
    rows = list(rows)
    assert len(rows) == 5
    assert "submitted_by" not in headers


def test_the_home_figures_count_published_initiatives(bank):
    from integrity import stats

    initiatives, administrations, completed = stats.figures()
    assert (initiatives.value, administrations.value, completed.value) == (5, 2, 2)
    assert len(stats.latest(3)) == 3


def test_the_list_page_makes_as_many_queries_for_ten_initiatives_as_for_five(
    client, bank, make_initiative, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get("/fr/integrity/")
    for _ in range(5):
        make_initiative(Initiative.State.PUBLISHED, sector="education")

    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get("/fr/integrity/")

    assert response.context["page_obj"].paginator.count == 10
