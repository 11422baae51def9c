import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from transparency.models import Milestone, MilestoneEvidence
from transparency.plan import imports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English (the default language is Arabic).
    from django.utils import translation

    with translation.override("en"):
        yield


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_the_export_reimports_unchanged(milestone_a, civil_servant_a):
    exported = imports.export_csv(Milestone.objects.all())
    assert _rows(exported)[0]["milestone_id"] == str(milestone_a.pk)
    result = imports.import_csv(exported, actor=civil_servant_a)
    assert result.ok, result.errors
    assert (result.updated, result.unchanged) == (0, 1)


def test_a_round_trip_applies_edits_and_exports_them_identically(milestone_a, civil_servant_a):
    rows = _rows(imports.export_csv(Milestone.objects.all()))
    rows[0].update(
        status="in_progress", progress="45", evidence_url="https://example.org/report.pdf"
    )
    result = imports.import_csv(_csv(rows), actor=civil_servant_a)
    assert result.ok, result.errors
    assert (result.updated, result.links_added) == (1, 1)
    milestone_a.refresh_from_db()
    assert (milestone_a.status, milestone_a.progress) == ("in_progress", 45)
    assert _rows(imports.export_csv(Milestone.objects.all())) == rows


def test_one_bad_row_saves_nothing_and_names_its_line(milestone_a, civil_servant_a, commitment_a):
    second = Milestone.objects.create(
        commitment=commitment_a, title="Second", due_date=milestone_a.due_date
    )
    rows = _rows(imports.export_csv(Milestone.objects.all()))
    rows[0]["progress"] = "60"
    rows[1]["progress"] = "150"
    result = imports.import_csv(_csv(rows), actor=civil_servant_a)
    assert not result.ok
    assert [e.line for e in result.errors] == [3]
    assert "from 0 to 100" in str(result.errors[0])
    milestone_a.refresh_from_db()
    second.refresh_from_db()
    assert (milestone_a.progress, second.progress) == (0, 0)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": "done"}, "Unknown status"),
        ({"plan": "other-plan"}, "belongs to plan"),
        ({"commitment_number": "9"}, "belongs to commitment"),
        ({"due_date": "2001-01-01"}, "due date cannot be changed"),
        ({"due_date": "soon"}, "must be a date"),
        ({"evidence_url": "javascript:alert(1)"}, "not a web address"),
        ({"status": "completed", "progress": "80"}, "completed milestone"),
        ({"milestone_id": "999999"}, "Unknown milestone"),
    ],
)
def test_bad_rows_are_explained(milestone_a, civil_servant_a, change, message):
    rows = _rows(imports.export_csv(Milestone.objects.all()))
    rows[0].update(change)
    result = imports.import_csv(_csv(rows), actor=civil_servant_a)
    assert not result.ok
    assert message in str(result.errors[0])


def test_a_file_without_the_columns_or_not_utf8_is_refused(civil_servant_a):
    assert "Missing columns" in str(
        imports.import_csv(b"a,b\n1,2\n", actor=civil_servant_a).errors[0]
    )
    assert not imports.import_csv("é".encode("latin-1"), actor=civil_servant_a).ok


def test_a_civil_servant_cannot_import_another_administrations_milestones(
    milestone_a, milestone_b, civil_servant_a
):
    rows = _rows(imports.export_csv(Milestone.objects.filter(pk=milestone_b.pk)))
    rows[0]["progress"] = "90"
    result = imports.import_csv(_csv(rows), actor=civil_servant_a)
    assert not result.ok
    assert "Unknown milestone" in str(result.errors[0])
    milestone_b.refresh_from_db()
    assert milestone_b.progress == 0


def test_the_admin_import_and_export_views(client_for, civil_servant_a, milestone_a, milestone_b):
    client = client_for(civil_servant_a)
    exported = client.get("/en/admin/transparency/milestone/export-csv/")
    assert exported.status_code == 200
    rows = _rows(exported.content)
    assert [r["milestone_id"] for r in rows] == [str(milestone_a.pk)]  # scoped
    rows[0]["progress"] = "30"
    upload = SimpleUploadedFile("progress.csv", _csv(rows), content_type="text/csv")
    response = client.post("/en/admin/transparency/milestone/import-csv/", {"file": upload})
    assert response.status_code == 302
    milestone_a.refresh_from_db()
    assert milestone_a.progress == 30
    bad = SimpleUploadedFile("progress.csv", b"plan\nx\n", content_type="text/csv")
    response = client.post("/en/admin/transparency/milestone/import-csv/", {"file": bad})
    assert response.status_code == 200
    assert "Missing columns" in response.content.decode()


def test_the_public_export_has_the_same_columns(client, plan, milestone_a):
    response = client.get(f"/fr/transparency/plans/{plan.slug}/progress.csv")
    assert response.status_code == 200
    assert list(_rows(response.content)[0]) == imports.COLUMNS
    assert not MilestoneEvidence.objects.exists()
