import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ogp_portal.directory.imports import COLUMNS
from ogp_portal.directory.models import Administration, Commune, Region
from tests.factories import AdministrationFactory, CommuneFactory, ProvinceFactory, RegionFactory

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
        "ministere-a,ministry,الوزارة أ,Ministère A (nouveau nom),Ministry A,,,04,,,,\n"
        'cdg,public_establishment,صندوق الإيداع والتدبير,Caisse de Dépôt et de Gestion,Deposit and Management Fund,CDG,,04,,,https://www.cdg.ma,"Place Moulay El Hassan, Rabat"\n'
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


# --- province and commune --------------------------------------------------


@pytest.fixture
def rabat_and_casablanca(db):
    """Region 04 with Rabat prefecture and commune; region 06 with Casablanca's."""
    rabat = ProvinceFactory(
        code="04.421",
        name_fr="Rabat",
        region=RegionFactory(code="04", name_fr="Rabat-Salé-Kénitra"),
    )
    casablanca = ProvinceFactory(
        code="06.141",
        name_fr="Casablanca",
        region=RegionFactory(code="06", name_fr="Casablanca-Settat"),
    )
    return {
        "rabat": rabat,
        "casablanca": casablanca,
        "commune_rabat": CommuneFactory(code="04.421.01.0", name_fr="Rabat", province=rabat),
        "commune_casablanca": CommuneFactory(
            code="06.141.01.0", name_fr="Casablanca", province=casablanca
        ),
    }


def council_in(**values):
    return Administration(
        slug="commune-rabat",
        name_fr="Commune de Rabat",
        name_ar="جماعة الرباط",
        kind=Administration.Kind.COMMUNAL_COUNCIL,
        **values,
    )


def test_clean_refuses_a_province_outside_the_region_and_a_commune_outside_the_province(
    rabat_and_casablanca,
):
    t = rabat_and_casablanca
    administration = council_in(
        region=t["rabat"].region, province=t["casablanca"], commune=t["commune_rabat"]
    )

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        administration.clean()

    assert raised.value.message_dict == {
        "province": [
            "The province or prefecture “Casablanca” is not in the region “Rabat-Salé-Kénitra”."
        ],
        "commune": ["The commune “Rabat” is not in the province or prefecture “Casablanca”."],
    }


def test_clean_takes_a_missing_province_and_region_from_the_commune(rabat_and_casablanca):
    t = rabat_and_casablanca
    administration = council_in(commune=t["commune_rabat"])

    administration.clean()

    assert (administration.province, administration.region) == (t["rabat"], t["rabat"].region)
    assert administration.population == 30_000


def change_form_data(response, **changes) -> dict:
    """The admin change form's current values as POST data, with changes."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return {**data, **{k: "" if v is None else v for k, v in changes.items()}}


def test_ogp_staff_place_a_council_in_its_province_and_commune(
    client_for, ogp_staff, rabat_and_casablanca
):
    t = rabat_and_casablanca
    council = AdministrationFactory(
        slug="commune-rabat", kind=Administration.Kind.COMMUNAL_COUNCIL, region=t["rabat"].region
    )
    client = client_for(ogp_staff)
    url = f"/en/admin/directory/administration/{council.pk}/change/"
    page = client.get(url)
    assert b'name="province"' in page.content and b'name="commune"' in page.content
    # Autocomplete widgets, not raw ids.
    assert b"admin-autocomplete" in page.content

    wrong = client.post(
        url, change_form_data(page, province=t["casablanca"].pk, commune=t["commune_rabat"].pk)
    )
    right = client.post(
        url, change_form_data(page, province=t["rabat"].pk, commune=t["commune_rabat"].pk)
    )

    assert wrong.status_code == 200
    errors = wrong.context["adminform"].form.errors
    assert "is not in the region" in str(errors["province"])
    assert "is not in the province or prefecture" in str(errors["commune"])
    assert right.status_code == 302
    council.refresh_from_db()
    assert (council.province, council.commune) == (t["rabat"], t["commune_rabat"])


def test_the_commune_autocomplete_finds_a_commune_by_census_code_or_province_name(
    client_for, ogp_staff, rabat_and_casablanca
):
    client = client_for(ogp_staff)

    def search(term):
        response = client.get(
            "/en/admin/autocomplete/",
            {
                "app_label": "directory",
                "model_name": "administration",
                "field_name": "commune",
                "term": term,
            },
        )
        assert response.status_code == 200
        return [r["id"] for r in response.json()["results"]]

    rabat = str(rabat_and_casablanca["commune_rabat"].pk)
    assert search("04.421.01") == [rabat]
    assert search("Rabat Rabat") == [rabat]


def test_a_civil_servant_sees_but_cannot_change_province_and_commune(
    client_for, civil_servant_a, administration_a, rabat_and_casablanca
):
    t = rabat_and_casablanca
    Administration.objects.filter(pk=administration_a.pk).update(
        region=t["rabat"].region, province=t["rabat"]
    )
    client = client_for(civil_servant_a)
    url = f"/en/admin/directory/administration/{administration_a.pk}/change/"
    page = client.get(url)

    assert page.status_code == 200
    assert b'name="province"' not in page.content and b'name="commune"' not in page.content
    response = client.post(
        url, {**change_form_data(page), "province": t["casablanca"].pk, "name_fr": "Renamed"}
    )

    assert response.status_code == 302
    administration_a.refresh_from_db()
    assert (administration_a.name_fr, administration_a.province) == ("Renamed", t["rabat"])
