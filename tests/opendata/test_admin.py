"""Civil servants publish their administration's datasets in the scoped admin."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opendata import services
from opendata.forms import detect_format, validate_resource_file
from opendata.models import Dataset, DatasetRequest

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/opendata/dataset/"


def test_a_civil_servant_sees_only_their_administrations_datasets(
    client_for, civil_servant_a, good_dataset, poor_dataset
):
    response = client_for(civil_servant_a).get(CHANGELIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [good_dataset]


def test_a_civil_servant_gets_404_on_another_administrations_dataset(
    client_for, civil_servant_a, poor_dataset
):
    client = client_for(civil_servant_a)

    assert client.get(f"{CHANGELIST}{poor_dataset.pk}/change/").status_code == 404
    assert client.get(f"{CHANGELIST}{poor_dataset.pk}/delete/").status_code == 404


def test_ogp_staff_see_every_dataset(client_for, ogp_staff, good_dataset, poor_dataset):
    response = client_for(ogp_staff).get(CHANGELIST)

    assert set(response.context["cl"].result_list) == {good_dataset, poor_dataset}


def _add_payload(vocab, **extra):
    data = {
        "slug": "nouveau-jeu",
        "title_ar": "مجموعة جديدة",
        "title_fr": "Nouveau jeu",
        "title_en": "New dataset",
        "description_ar": "",
        "description_fr": "",
        "description_en": "",
        "is_published": "on",
        "frequency": "P1Y",
        "licence": vocab["licences"]["cc-by"].pk,
        "themes": [vocab["themes"]["health"].pk],
        "modified_0": "2026-01-01",
        "modified_1": "10:00:00",
        "resources-TOTAL_FORMS": "1",
        "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0",
        "resources-MAX_NUM_FORMS": "1000",
        "resources-0-title": "Data",
        "resources-0-kind": "file",
        "resources-0-url": "",
        "resources-0-format": "",
        "resources-0-description": "",
        "resources-0-last_modified_0": "2026-01-01",
        "resources-0-last_modified_1": "10:00:00",
    }
    data.update(extra)
    return data


def test_a_civil_servant_publishes_a_dataset_with_an_uploaded_csv(
    client_for, civil_servant_a, administration_a, administration_b, vocab
):
    upload = SimpleUploadedFile(
        "data.csv", "région,valeur\nOriental,3\n".encode(), content_type="text/csv"
    )

    response = client_for(civil_servant_a).post(
        f"{CHANGELIST}add/",
        _add_payload(vocab, publisher=administration_b.pk, **{"resources-0-file": upload}),
    )

    assert response.status_code in (200, 302)
    if response.status_code == 200:  # B is not a choice for A's civil servant
        assert "publisher" in response.context["adminform"].form.errors
        response = client_for(civil_servant_a).post(
            f"{CHANGELIST}add/",
            _add_payload(
                vocab,
                publisher=administration_a.pk,
                **{
                    "resources-0-file": SimpleUploadedFile(
                        "data.csv", "région,valeur\nOriental,3\n".encode()
                    )
                },
            ),
        )
    assert response.status_code == 302
    dataset = Dataset.objects.get(slug="nouveau-jeu")
    assert dataset.publisher == administration_a
    resource = dataset.resources.get()
    assert resource.format == "CSV" and resource.size > 0
    assert dataset.quality_score > 0


def test_an_upload_is_checked_by_its_content_not_its_name(
    client_for, civil_servant_a, administration_a, vocab
):
    fake = SimpleUploadedFile(
        "data.csv", b"MZ\x90\x00\x03\x00\x00\x00binary", content_type="text/csv"
    )

    response = client_for(civil_servant_a).post(
        f"{CHANGELIST}add/",
        _add_payload(vocab, publisher=administration_a.pk, **{"resources-0-file": fake}),
    )

    assert response.status_code == 200
    assert not Dataset.objects.filter(slug="nouveau-jeu").exists()
    assert "not a format the portal accepts" in response.content.decode()


def test_detect_format_reads_the_content():
    def upload(name, content):
        return SimpleUploadedFile(name, content)

    assert detect_format(upload("a.pdf", b"%PDF-1.7\n...")) == "PDF"
    assert detect_format(upload("a.json", json.dumps({"a": 1}).encode())) == "JSON"
    assert (
        detect_format(
            upload("a.json", json.dumps({"type": "FeatureCollection", "features": []}).encode())
        )
        == "GEOJSON"
    )
    assert detect_format(upload("a.csv", b"a;b\n1;2\n")) == "CSV"
    assert detect_format(upload("a.pdf", b"\x00\x01\x02")) is None
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert detect_format(upload("a.bin", buffer.getvalue())) == "XLSX"


def test_a_too_large_upload_is_refused(settings):
    from django.core.exceptions import ValidationError

    upload = SimpleUploadedFile("big.csv", b"a,b\n1,2\n")
    upload.size = 60 * 1024 * 1024
    with pytest.raises(ValidationError):
        validate_resource_file(upload)


def test_a_civil_servant_answers_a_request_in_the_admin(
    client_for, civil_servant_a, citizen, administration_a
):
    dataset_request = services.file_request(
        actor=citizen, title="Bus", description="GTFS", publisher=administration_a
    )

    response = client_for(civil_servant_a).post(
        f"/en/admin/opendata/datasetrequest/{dataset_request.pk}/change/",
        {"decision": "refused", "answer_text": "Not held.", "planned_for": "", "dataset": ""},
    )

    assert response.status_code == 302
    dataset_request.refresh_from_db()
    assert dataset_request.status == DatasetRequest.Status.REFUSED
    assert dataset_request.answer == "Not held."


def test_a_civil_servant_cannot_open_another_administrations_request(
    client_for, civil_servant_b, citizen, administration_a
):
    dataset_request = services.file_request(
        actor=citizen, title="Bus", description="GTFS", publisher=administration_a
    )

    assert (
        client_for(civil_servant_b)
        .get(f"/en/admin/opendata/datasetrequest/{dataset_request.pk}/change/")
        .status_code
        == 404
    )


def test_moderators_publish_reuses_with_the_admin_action(
    client_for, moderator, citizen, good_dataset
):
    reuse = services.submit_reuse(
        actor=citizen, type="app", title="App", description="An app.", datasets=[good_dataset]
    )

    response = client_for(moderator).post(
        "/en/admin/opendata/reuse/", {"action": "publish_reuses", "_selected_action": [reuse.pk]}
    )

    assert response.status_code == 302
    reuse.refresh_from_db()
    assert reuse.status == "published"


def test_civil_servants_cannot_moderate_reuses_or_edit_vocabularies(
    client_for, civil_servant_a, vocab
):
    client = client_for(civil_servant_a)

    assert client.get("/en/admin/opendata/reuse/").status_code == 403
    theme = vocab["themes"]["health"]
    response = client.get(f"/en/admin/opendata/theme/{theme.pk}/change/")
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
