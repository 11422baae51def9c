"""The scoping mixin, seen through the Administration admin (scope_path "")."""

import csv
import io

import pytest

from ogp_portal.directory.models import Administration

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/directory/administration/"


def export(client, ids, action="export_selected_csv"):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [str(i) for i in ids]})


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_civil_servant_exports_only_their_administration(
    client_for, civil_servant_a, administration_a, administration_b
):
    response = export(client_for(civil_servant_a), [administration_a.pk, administration_b.pk])

    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0][0] == "name"
    names = [r[0] for r in rows[1:]]
    assert names == [administration_a.name]


def test_ogp_staff_export_every_selected_administration(
    client_for, ogp_staff, administration_a, administration_b
):
    response = export(client_for(ogp_staff), [administration_a.pk, administration_b.pk])

    assert {r[0] for r in rows_of(response)[1:]} == {administration_a.name, administration_b.name}


def test_the_xlsx_export_is_a_workbook(client_for, ogp_staff, administration_a):
    from openpyxl import load_workbook

    response = export(client_for(ogp_staff), [administration_a.pk], "export_selected_xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == administration_a.name


def test_a_civil_servant_cannot_pick_another_administration_as_parent(
    client_for, civil_servant_a, administration_a, administration_b
):
    client = client_for(civil_servant_a)
    response = client.get(
        "/en/admin/autocomplete/",
        {
            "app_label": "directory",
            "model_name": "administration",
            "field_name": "parent",
            "term": "Minis",
        },
    )

    ids = {int(r["id"]) for r in response.json()["results"]}
    assert ids == {administration_a.pk}
    assert Administration.objects.count() == 2


def test_a_civil_servant_without_an_administration_sees_nothing(
    client_for, civil_servant_a, administration_a
):
    civil_servant_a.administration = None
    civil_servant_a.save()

    response = client_for(civil_servant_a).get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, administration_a):
    response = client.get(f"{CHANGELIST}{administration_a.pk}/change/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
