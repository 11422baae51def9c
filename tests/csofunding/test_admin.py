from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from csofunding.imports import COLUMNS
from csofunding.models import AlertSubscription, Award, Call, Disbursement

from .conftest import make_association, make_award

pytestmark = pytest.mark.django_db

IMPORT_URL = "/en/admin/csofunding/award/import-csv/"
HEADER = ",".join(COLUMNS)


def admin_url(model, obj=None, action="change"):
    base = f"/ar/admin/csofunding/{model}/"
    return f"{base}{obj.pk}/{action}/" if obj else base


@pytest.fixture
def award_a(regions, sectors, administration_a):
    association = make_association("REG-1", regions["01"])
    return make_award(
        "aw-a",
        administration_a,
        association,
        sectors["youth"],
        1000,
        date(2025, 1, 1),
        [regions["01"]],
    )


@pytest.fixture
def award_b(regions, sectors, administration_b):
    association = make_association("REG-2", regions["02"])
    return make_award(
        "aw-b",
        administration_b,
        association,
        sectors["health"],
        2000,
        date(2025, 1, 1),
        [regions["02"]],
    )


# --- scoping -------------------------------------------------------------


def test_a_civil_servant_gets_404_on_another_administrations_call_and_award(
    client_for, civil_servant_a, call_a, call_b, award_a, award_b
):
    client = client_for(civil_servant_a)

    assert client.get(admin_url("call", call_b)).status_code == 404
    assert client.get(admin_url("award", award_b)).status_code == 404
    assert client.get(admin_url("award", award_b, "delete")).status_code == 404
    assert client.get(admin_url("programme", call_b.programme)).status_code == 404
    assert client.get(admin_url("call", call_a)).status_code == 200
    assert client.get(admin_url("award", award_a)).status_code == 200


def test_a_civil_servant_lists_only_their_own_calls_and_awards(
    client_for, civil_servant_a, call_a, call_b, award_a, award_b
):
    client = client_for(civil_servant_a)

    assert list(client.get(admin_url("call")).context["cl"].result_list) == [call_a]
    assert list(client.get(admin_url("award")).context["cl"].result_list) == [award_a]


def test_ogp_staff_see_every_funders_records(
    client_for, ogp_staff, call_a, call_b, award_a, award_b
):
    client = client_for(ogp_staff)

    assert client.get(admin_url("call", call_b)).status_code == 200
    assert set(client.get(admin_url("award")).context["cl"].result_list) == {award_a, award_b}


def test_a_civil_servant_cannot_file_a_call_under_another_funders_programme(
    client_for, civil_servant_a, programme_a, programme_b
):
    response = client_for(civil_servant_a).get(admin_url("call") + "add/")

    choices = response.context["adminform"].form.fields["programme"].queryset
    assert list(choices) == [programme_a]


def test_publishing_from_the_admin_goes_through_the_service(
    client_for, civil_servant_a, programme_a
):
    from .conftest import make_call

    call = make_call(programme_a, "draft", published=False)

    response = client_for(civil_servant_a).post(
        admin_url("call"), {"action": "publish_calls", "_selected_action": [call.pk]}
    )

    assert response.status_code == 302
    call.refresh_from_db()
    assert call.is_published and call.published_at


def test_subscribers_addresses_are_hidden_from_civil_servants(
    client_for, civil_servant_a, ogp_staff
):
    AlertSubscription.objects.create(email="someone@example.test")

    assert client_for(civil_servant_a).get(admin_url("alertsubscription")).status_code == 403
    assert (
        b"someone@example.test" in client_for(ogp_staff).get(admin_url("alertsubscription")).content
    )


# --- CSV import ----------------------------------------------------------


def upload(text: str, name="awards.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def row(**values):
    defaults = {
        "reference": "imp-1",
        "funder_slug": "ministere-a",
        "association_registration_number": "REG-1",
        "title": "Soutien scolaire",
        "amount_mad": "50000",
        "in_kind_mad": "",
        "award_date": "2025-03-01",
        "duration_months": "12",
        "sector_code": "youth",
        "region_codes": "01;MA-02",
        "call_reference": "",
        "programme_code": "",
        "disbursements": "2025-04-01:25000;2025-10-01:25000",
    }
    defaults.update(values)
    return ",".join(defaults[c] for c in COLUMNS)


@pytest.fixture
def import_setup(regions, sectors, administration_a, administration_b, programme_a):
    make_association("REG-1", regions["01"])


def test_a_civil_servant_imports_a_good_file(client_for, civil_servant_a, import_setup, call_a):
    content = "\n".join(
        [HEADER, row(), row(reference="imp-2", call_reference="call-a", disbursements="")]
    )

    response = client_for(civil_servant_a).post(IMPORT_URL, {"file": upload(content)}, follow=True)

    assert response.redirect_chain[-1][0].endswith("/admin/csofunding/award/")
    assert any("2 awards created" in str(m) for m in response.context["messages"])
    award = Award.objects.get(reference="imp-1")
    assert award.amount == Decimal("50000")
    assert sorted(r.code for r in award.beneficiary_regions.all()) == ["01", "02"]
    assert Disbursement.objects.filter(award=award).count() == 2
    second = Award.objects.get(reference="imp-2")
    assert second.call == call_a and second.programme == call_a.programme


def test_a_file_with_bad_rows_is_refused_whole_with_an_error_per_line(
    client_for, civil_servant_a, import_setup
):
    content = "\n".join(
        [
            HEADER,
            row(),  # line 2: fine
            row(reference="imp-2", amount_mad="-5"),  # line 3
            row(reference="imp-3", association_registration_number="NOPE"),  # line 4
            row(reference="imp-4", award_date="01/03/2025", region_codes="13"),  # line 5
            row(reference="imp-1"),  # line 6: duplicate reference
            row(reference="imp-6", funder_slug="ministere-b"),  # line 7: not their funder
            row(reference="imp-7", disbursements="2025-04-01:90000"),  # line 8: more than awarded
        ]
    )

    response = client_for(civil_servant_a).post(IMPORT_URL, {"file": upload(content)})

    assert response.status_code == 200
    errors = [str(e) for e in response.context["result"].errors]
    lines = sorted({int(e.split(":")[0].removeprefix("Line ")) for e in errors})
    assert lines == [3, 4, 5, 6, 7, 8]
    assert any("amount_mad" in e for e in errors)
    assert any("NOPE" in e for e in errors)
    assert any("Unknown region code" in e for e in errors)
    assert any("your own administration" in e for e in errors)
    assert not Award.objects.exists()


def test_a_file_missing_columns_or_not_utf8_is_refused(client_for, ogp_staff, import_setup):
    client = client_for(ogp_staff)

    response = client.post(IMPORT_URL, {"file": upload("reference,title\nx,y\n")})
    assert "Missing columns" in str(response.context["result"].errors[0])

    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("a.csv", "é".encode("latin-1"), "text/csv")}
    )
    assert response.context["form"].errors["file"]
    response = client.post(IMPORT_URL, {"file": upload(HEADER, name="awards.xlsx")})
    assert response.context["form"].errors["file"]
    assert not Award.objects.exists()


def test_ogp_staff_import_for_any_funder(client_for, ogp_staff, import_setup):
    content = "\n".join([HEADER, row(funder_slug="ministere-b")])

    client_for(ogp_staff).post(IMPORT_URL, {"file": upload(content)})

    assert Award.objects.get(reference="imp-1").funder.slug == "ministere-b"


def test_someone_without_an_administration_cannot_import(client_for, moderator):
    assert client_for(moderator).get(IMPORT_URL).status_code in (302, 403)
    assert not Call.objects.exists()


@pytest.mark.parametrize("model", ["programme", "call", "award", "association", "sector"])
def test_the_admin_forms_open_for_a_civil_servant(client_for, civil_servant_a, model, sectors):
    response = client_for(civil_servant_a).get(admin_url(model) + "add/")

    assert response.status_code == (403 if model == "sector" else 200)


def test_a_new_programme_defaults_to_the_civil_servants_administration(
    client_for, civil_servant_a, administration_a, administration_b, sectors
):
    response = client_for(civil_servant_a).get(admin_url("programme") + "add/")

    form = response.context["adminform"].form
    assert form.initial["funder"] == administration_a.pk
    assert list(form.fields["funder"].queryset) == [administration_a]


# --- XLSX import ---------------------------------------------------------


def xlsx_upload(rows, name="awards.xlsx"):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def xlsx_row(**values):
    """A row as a spreadsheet holds it: numbers, dates and region codes typed as numbers."""
    defaults = {
        "reference": "imp-1",
        "funder_slug": "ministere-a",
        "association_registration_number": "REG-1",
        "title": "Soutien scolaire",
        "amount_mad": 50000,
        "in_kind_mad": None,
        "award_date": date(2025, 3, 1),
        "duration_months": 12,
        "sector_code": "youth",
        "region_codes": "01;MA-02",
        "call_reference": None,
        "programme_code": None,
        "disbursements": "2025-04-01:25000;2025-10-01:25000",
    }
    defaults.update(values)
    return [defaults[c] for c in COLUMNS]


def test_a_civil_servant_imports_a_good_xlsx_file(client_for, civil_servant_a, import_setup):
    upload_file = xlsx_upload(
        [
            COLUMNS,
            xlsx_row(),
            xlsx_row(reference="imp-2", region_codes=1, disbursements=None, amount_mad=1250.5),
        ]
    )

    response = client_for(civil_servant_a).post(IMPORT_URL, {"file": upload_file}, follow=True)

    assert response.redirect_chain[-1][0].endswith("/admin/csofunding/award/")
    assert any("2 awards created" in str(m) for m in response.context["messages"])
    award = Award.objects.get(reference="imp-1")
    assert award.amount == Decimal("50000")
    assert award.awarded_on == date(2025, 3, 1)
    assert sorted(r.code for r in award.beneficiary_regions.all()) == ["01", "02"]
    assert Disbursement.objects.filter(award=award).count() == 2
    second = Award.objects.get(reference="imp-2")
    assert second.amount == Decimal("1250.5")
    assert [r.code for r in second.beneficiary_regions.all()] == ["01"]


def test_a_bad_row_in_an_xlsx_file_names_its_line_and_nothing_is_saved(
    client_for, civil_servant_a, import_setup
):
    upload_file = xlsx_upload(
        [
            COLUMNS,
            xlsx_row(),  # line 2: fine
            xlsx_row(reference="imp-2"),  # line 3: fine
            xlsx_row(reference="imp-3", amount_mad=-5, region_codes=13),  # line 4
        ]
    )

    response = client_for(civil_servant_a).post(IMPORT_URL, {"file": upload_file})

    assert response.status_code == 200
    errors = [str(e) for e in response.context["result"].errors]
    assert errors and all(e.startswith("Line 4:") for e in errors)
    assert any("amount_mad" in e for e in errors)
    assert any("Unknown region code" in e for e in errors)
    assert not Award.objects.exists()


def test_a_file_disguised_as_xlsx_is_refused_with_a_clear_message(
    client_for, ogp_staff, import_setup
):
    client = client_for(ogp_staff)
    fakes = [
        SimpleUploadedFile("awards.xlsx", b"%PDF-1.4 not a workbook", "application/pdf"),
        # A zip archive, but not a workbook.
        SimpleUploadedFile("awards.xlsx", b"PK\x03\x04" + b"\x00" * 64, "application/zip"),
    ]
    for fake in fakes:
        response = client.post(IMPORT_URL, {"file": fake})

        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [
            "This file is not a readable XLSX spreadsheet. Save it as .xlsx or .csv."
        ]
    assert not Award.objects.exists()


def test_an_xlsx_file_missing_columns_is_refused(client_for, ogp_staff, import_setup):
    upload_file = xlsx_upload([["reference", "title"], ["x", "y"]])

    response = client_for(ogp_staff).post(IMPORT_URL, {"file": upload_file})

    assert "Missing columns" in str(response.context["result"].errors[0])
    assert not Award.objects.exists()
