import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ogp_portal.directory.imports import COLUMNS
from ogp_portal.directory.models import Administration, Commune, Region
from tests.factories import CommuneFactory, RegionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/ar/admin/directory/administration/"
# The import messages are checked in English; the scoping tests run in Arabic.
IMPORT_URL = "/en/admin/directory/administration/import-csv/"
HEADER = ",".join(COLUMNS)


def change_url(administration):
    return f"/ar/admin/directory/administration/{administration.pk}/change/"


def history_url(administration):
    return f"/ar/admin/directory/administration/{administration.pk}/history/"


def upload(content: bytes | str, name="administrations.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="text/csv")


# --- scoping -------------------------------------------------------------


def test_it_hides_another_administration_from_a_civil_servant(
    client_for, civil_servant_a, administration_a, administration_b
):
    client = client_for(civil_servant_a)

    assert client.get(change_url(administration_b)).status_code == 404
    assert client.get(history_url(administration_b)).status_code == 404
    assert client.get(change_url(administration_a)).status_code == 200
    assert client.get(history_url(administration_a)).status_code == 200


def test_it_lists_only_their_own_administration_to_a_civil_servant(
    client_for, civil_servant_a, administration_a, administration_b
):
    response = client_for(civil_servant_a).get(CHANGELIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [administration_a]
    assert change_url(administration_b).encode() not in response.content


def test_it_lists_every_administration_to_ogp_staff(
    client_for, ogp_staff, administration_a, administration_b
):
    client = client_for(ogp_staff)

    response = client.get(CHANGELIST)

    assert set(response.context["cl"].result_list) == {administration_a, administration_b}
    assert client.get(change_url(administration_b)).status_code == 200
    assert client.get(history_url(administration_a)).status_code == 200


def test_it_scopes_the_autocomplete_search(
    client_for, civil_servant_a, administration_a, administration_b
):
    response = client_for(civil_servant_a).get(
        "/ar/admin/autocomplete/",
        {
            "app_label": "directory",
            "model_name": "administration",
            "field_name": "parent",
            "term": "Minist",
        },
    )

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(administration_a.pk)]


# --- CSV import ----------------------------------------------------------


def test_it_shows_the_import_button_to_ogp_staff_only(client_for, ogp_staff, civil_servant_a):
    assert b"import-csv/" in client_for(ogp_staff).get(CHANGELIST).content
    assert b"import-csv/" not in client_for(civil_servant_a).get(CHANGELIST).content


def test_it_forbids_the_import_page_to_a_scoped_civil_servant(client_for, civil_servant_a):
    client = client_for(civil_servant_a)

    assert client.get(IMPORT_URL).status_code == 403
    response = client.post(IMPORT_URL, {"file": upload(f"{HEADER}\nx,ministry,أ,A,,,,,,\n")})
    assert response.status_code == 403
    assert not Administration.objects.filter(slug="x").exists()


def test_it_imports_a_good_file_and_reports_the_counts(client_for, ogp_staff, administration_a):
    RegionFactory(code="04")
    content = (
        f"{HEADER}\n"
        "ministere-a,ministry,الوزارة أ,Ministère A (nouveau nom),Ministry A,,,04,,\n"
        'cdg,public_establishment,صندوق الإيداع والتدبير,Caisse de Dépôt et de Gestion,Deposit and Management Fund,CDG,,04,https://www.cdg.ma,"Place Moulay El Hassan, Rabat"\n'
    )

    response = client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content)}, follow=True)

    assert response.redirect_chain[-1][0].endswith("/admin/directory/administration/")
    messages = [str(m) for m in response.context["messages"]]
    assert any("1 created, 1 updated" in m for m in messages)
    administration_a.refresh_from_db()
    assert administration_a.name_fr == "Ministère A (nouveau nom)"
    assert Administration.objects.get(slug="cdg").address == "Place Moulay El Hassan, Rabat"


def test_it_shows_row_errors_and_saves_nothing(client_for, ogp_staff):
    content = (
        f"{HEADER}\n"
        "cdg,public_establishment,صندوق الإيداع والتدبير,Caisse de Dépôt et de Gestion,,,,,,\n"
        "bad,embassy,سفارة,Ambassade,,,,,,\n"
    )

    response = client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content)})

    assert response.status_code == 200
    assert [str(e) for e in response.context["result"].errors][0].startswith("Line 3:")
    assert b"embassy" in response.content
    assert b'id="import-errors"' in response.content
    assert not Administration.objects.filter(slug__in=["cdg", "bad"]).exists()


def test_it_accepts_a_file_with_a_byte_order_mark(client_for, ogp_staff):
    content = f"{HEADER}\ncdg,public_establishment,صندوق الإيداع والتدبير,Caisse de Dépôt et de Gestion,,CDG,,,,\n"

    client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content.encode("utf-8-sig"))})

    assert Administration.objects.get(slug="cdg").acronym == "CDG"


def test_it_refuses_a_file_over_two_megabytes(client_for, ogp_staff):
    row = "cdg,public_establishment,صندوق,Caisse,,,,,,\n"
    content = HEADER + "\n" + row * (2 * 1024 * 1024 // len(row.encode()) + 10)

    response = client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content)})

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["too_large"]
    assert not Administration.objects.filter(slug="cdg").exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("administrations.xlsx", b"PK\x03\x04 spreadsheet", "not_csv"),
        ("administrations.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_utf8_csv"),
        ("administrations.csv", "slug,kind\n".encode("utf-16"), "not_utf8_csv"),
        ("administrations.csv", "slug,kind\nà,b\n".encode("latin-1"), "not_utf8_csv"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_utf8_csv(client_for, ogp_staff, name, content, code):
    response = client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content, name=name)})

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [code]
    assert Administration.objects.count() == 0


# --- territories are read-only -------------------------------------------


def test_it_lets_nobody_add_change_or_delete_territories(client_for, ogp_staff):
    commune = CommuneFactory()
    region = commune.province.region
    client = client_for(ogp_staff)

    assert client.get("/ar/admin/directory/region/add/").status_code == 403
    assert client.get(f"/ar/admin/directory/region/{region.pk}/delete/").status_code == 403
    response = client.get(f"/ar/admin/directory/commune/{commune.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert b'name="name_fr"' not in response.content
    client.post(
        f"/ar/admin/directory/region/{region.pk}/change/",
        {"code": "77", "name_fr": "X", "name_ar": "X", "population_2024": 1},
    )
    assert Region.objects.get(pk=region.pk).code == region.code
    assert Commune.objects.count() == 1
