from pathlib import Path

import pytest
from django.conf import settings

from transparency.models import GeneratedReport
from transparency.reports.tasks import build_progress_report

pytestmark = pytest.mark.django_db

INDEX = "/ar/transparency/reports/"
BUILD = "/ar/transparency/reports/build/"
RECENT = "/ar/transparency/reports/recent/"


def download_url(report):
    return f"/ar/transparency/reports/{report.pk}/download/"


def test_the_task_stores_the_file_under_media_reports(known_plan, ogp_staff):
    pk = build_progress_report(known_plan.pk, "csv", "fr", ogp_staff.pk)

    report = GeneratedReport.objects.get(pk=pk)
    assert report.status == GeneratedReport.Status.READY
    assert report.requested_by == ogp_staff
    path = Path(report.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "reports")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert report.size == path.stat().st_size
    assert report.finished_at is not None


def test_deleting_a_report_deletes_its_file(
    known_plan, ogp_staff, django_capture_on_commit_callbacks
):
    report = GeneratedReport.objects.get(pk=build_progress_report(known_plan.pk, "csv", "ar"))
    path = Path(report.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        known_plan.delete()

    assert not GeneratedReport.objects.exists()
    assert not path.exists()


def test_the_task_records_a_failure_instead_of_raising(known_plan, ogp_staff):
    pk = build_progress_report(known_plan.pk, "docx", "fr", ogp_staff.pk)

    report = GeneratedReport.objects.get(pk=pk)
    assert report.status == GeneratedReport.Status.FAILED
    assert "docx" in report.error
    assert not report.file


def test_staff_see_the_plans_and_report_buttons(client_for, ogp_staff, known_plan):
    response = client_for(ogp_staff).get(INDEX)

    assert response.status_code == 200
    assert "خطة العمل الوطنية 2021-2023" in response.text
    assert response.text.count('name="fmt" value="pdf"') == 3  # ar, fr, en


def test_staff_build_a_pdf_and_download_it_as_an_attachment(
    client_for, ogp_staff, known_plan, django_capture_on_commit_callbacks
):
    client = client_for(ogp_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BUILD, {"plan": known_plan.pk, "fmt": "pdf", "language": "ar"})

    assert response.status_code == 302
    report = GeneratedReport.objects.get()
    assert (report.status, report.fmt, report.language) == ("ready", "pdf", "ar")
    page = client.get(INDEX)
    assert download_url(report) in page.text
    download = client.get(download_url(report))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="plan-2021-2023_progress-report_ar_' in disposition
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_staff_download_an_xlsx_with_its_content_type(
    client_for, ogp_staff, known_plan, django_capture_on_commit_callbacks
):
    client = client_for(ogp_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BUILD, {"plan": known_plan.pk, "fmt": "xlsx", "language": "fr"})

    download = client.get(download_url(GeneratedReport.objects.get()))

    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in download["Content-Disposition"]


def test_a_bad_request_is_answered_400_with_the_reason(client_for, ogp_staff, known_plan):
    response = client_for(ogp_staff).post(
        BUILD, {"plan": known_plan.pk, "fmt": "docx", "language": "de"}
    )

    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert not GeneratedReport.objects.exists()


def test_the_list_polls_while_a_report_is_being_built(client_for, ogp_staff, known_plan):
    GeneratedReport.objects.create(plan=known_plan, fmt="pdf", language="fr")

    response = client_for(ogp_staff).get(RECENT)

    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in response.text


def test_the_list_stops_polling_once_reports_are_ready(client_for, ogp_staff, known_plan):
    build_progress_report(known_plan.pk, "csv", "ar", ogp_staff.pk)

    response = client_for(ogp_staff).get(RECENT)

    assert "hx-trigger" not in response.text


def test_asking_for_a_report_queues_the_task_after_the_commit(
    client_for, ogp_staff, known_plan, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(build_progress_report, "delay", lambda *a, **k: sent.append((a, k)))

    with django_capture_on_commit_callbacks() as callbacks:
        client_for(ogp_staff).post(BUILD, {"plan": known_plan.pk, "fmt": "pdf", "language": "fr"})

    report = GeneratedReport.objects.get()
    assert report.status == GeneratedReport.Status.PENDING
    assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [((known_plan.pk, "pdf", "fr", ogp_staff.pk), {"report_id": report.pk})]


def test_a_pending_report_cannot_be_downloaded(client_for, ogp_staff, known_plan):
    report = GeneratedReport.objects.create(plan=known_plan, fmt="pdf", language="fr")

    assert client_for(ogp_staff).get(download_url(report)).status_code == 404


def test_a_superuser_may_use_the_reports_page(client_for, django_user_model, known_plan):
    admin = django_user_model.objects.create_superuser(email="root@example.test", password="x")

    assert client_for(admin).get(INDEX).status_code == 200


@pytest.mark.parametrize("persona", ["citizen", "civil_servant_a", "moderator"])
def test_other_people_get_404_everywhere(request, client_for, known_plan, ogp_staff, persona):
    pk = build_progress_report(known_plan.pk, "csv", "fr", ogp_staff.pk)
    client = client_for(request.getfixturevalue(persona))

    assert client.get(INDEX).status_code == 404
    assert client.get(RECENT).status_code == 404
    assert client.get(f"/ar/transparency/reports/{pk}/download/").status_code == 404
    assert (
        client.post(BUILD, {"plan": known_plan.pk, "fmt": "csv", "language": "fr"}).status_code
        == 404
    )
    assert GeneratedReport.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, known_plan, ogp_staff):
    pk = build_progress_report(known_plan.pk, "csv", "fr", ogp_staff.pk)

    for url in (INDEX, f"/ar/transparency/reports/{pk}/download/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_admin_plan_list_links_to_the_reports_page(client_for, ogp_staff, known_plan):
    response = client_for(ogp_staff).get("/ar/admin/transparency/actionplan/")

    assert response.status_code == 200
    assert 'href="/ar/transparency/reports/"' in response.text
